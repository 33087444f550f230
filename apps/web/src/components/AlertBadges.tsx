import { useTranslation } from 'react-i18next';
import { type Alert } from '../api/types.js';
import { pickLabel } from '../lib/vocab.js';

const ICON: Record<string, string> = { critical: '⚠', warning: '!', info: 'i' };

/** The custody clock's alerts as compact badges, labelled in the UI language. */
export function AlertBadges({ alerts }: { alerts: readonly Alert[] }) {
  const { t, i18n } = useTranslation();
  if (alerts.length === 0) return <span className="muted">{t('board.noAlerts')}</span>;
  return (
    <ul className="badges" aria-label={t('board.alerts')}>
      {alerts.map((a) => (
        <li key={`${a.code}-${a.since}`} className={`badge badge-${a.severity}`} title={a.message}>
          <span aria-hidden="true" className="badge-icon">
            {ICON[a.severity] ?? ''}
          </span>
          <span className="visually-hidden">{t(`severity.${a.severity}`)}: </span>
          {pickLabel(a.label, i18n.language) ?? a.code}
        </li>
      ))}
    </ul>
  );
}
