import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { loadReveal, loadSettings, saveReveal, saveSettings, type Settings } from './settings.js';

interface SettingsValue {
  settings: Settings;
  update: (patch: Partial<Settings>) => void;
  /** Real names next to pseudonyms in lists: an explicit, per-session choice. */
  revealNames: boolean;
  setRevealNames: (reveal: boolean) => void;
}

const SettingsContext = createContext<SettingsValue | null>(null);

export function SettingsProvider({ children, initial }: { children: ReactNode; initial?: Settings }) {
  const { i18n } = useTranslation();
  const [settings, setSettings] = useState<Settings>(() => initial ?? loadSettings());
  const [revealNames, setReveal] = useState(loadReveal);

  const update = useCallback(
    (patch: Partial<Settings>) => {
      setSettings((current) => {
        const next = { ...current, ...patch };
        saveSettings(next);
        return next;
      });
      if (patch.language) void i18n.changeLanguage(patch.language);
    },
    [i18n],
  );
  const setRevealNames = useCallback((reveal: boolean) => {
    saveReveal(reveal);
    setReveal(reveal);
  }, []);

  const value = useMemo(() => ({ settings, update, revealNames, setRevealNames }), [settings, update, revealNames, setRevealNames]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
