import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SecuritySettings } from '../auth/SecuritySettings.js';
import { CheckboxField, SelectField, TextField } from '../components/Field.js';
import { PageTitle } from '../components/PageTitle.js';
import { LANGUAGES, isLanguage } from '../i18n/index.js';
import { useFormat } from '../lib/format.js';
import { isTimeZone } from '../lib/time.js';
import { useSettings } from '../settings/SettingsContext.js';
import { DEFAULT_SETTINGS } from '../settings/settings.js';

const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [DEFAULT_SETTINGS.timeZone];
  }
};

/** Language, time zone, map tiles, default city; "show real names" for this session only. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, update, revealNames, setRevealNames } = useSettings();
  const format = useFormat();
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [tileUrl, setTileUrl] = useState(settings.tileUrl);
  const [defaultCity, setDefaultCity] = useState(settings.defaultCity);
  const [saved, setSaved] = useState(false);
  const zoneError = isTimeZone(timeZone) ? undefined : t('settings.invalidTimeZone');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (zoneError) {
      document.getElementById('settings-tz')?.focus();
      return;
    }
    update({ timeZone: timeZone.trim(), tileUrl: tileUrl.trim(), defaultCity: defaultCity.trim() });
    setSaved(true);
  };

  return (
    <section className="settings">
      <PageTitle title={t('settings.title')} lead={t('settings.intro')}>
        {t('settings.title')}
      </PageTitle>
      <form className="panel" onSubmit={submit} noValidate onChange={() => setSaved(false)}>
        <SelectField
          id="settings-language"
          label={t('settings.language')}
          value={settings.language}
          onChange={(e) => {
            if (isLanguage(e.target.value)) update({ language: e.target.value });
          }}
          options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
        />
        <TextField
          id="settings-tz"
          label={t('settings.timeZone')}
          hint={`${t('settings.timeZoneHint')} ${t('settings.example', { value: format.dateTime(new Date().toISOString()) })}`}
          list="time-zones"
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          error={zoneError}
          autoComplete="off"
        />
        <datalist id="time-zones">
          {zones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <TextField id="settings-city" label={t('settings.defaultCity')} value={defaultCity} onChange={(e) => setDefaultCity(e.target.value)} />
        <TextField id="settings-tiles" label={t('settings.tileUrl')} hint={t('settings.tileUrlHint')} value={tileUrl} onChange={(e) => setTileUrl(e.target.value)} autoComplete="off" spellCheck={false} />
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('common.save')}
          </button>
          <span role="status">{saved && t('settings.saved')}</span>
        </div>
      </form>
      <section className="panel" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t('settings.privacy')}</h2>
        <CheckboxField id="settings-reveal" label={t('settings.revealNames')} checked={revealNames} onChange={(e) => setRevealNames(e.target.checked)} />
      </section>
      <SecuritySettings />
    </section>
  );
}
