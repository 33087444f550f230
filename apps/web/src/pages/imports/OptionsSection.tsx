import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type MappingDraft } from './mapping.js';

const ENCODINGS = ['auto', 'utf-8', 'windows-1251', 'koi8-r', 'utf-16le', 'utf-16be'] as const;
const DELIMITERS = [',', ';', '\t', '|'] as const;
const CONFIDENTIALITY = ['public', 'restricted', 'confidential'] as const;

/** Every IANA zone the browser knows (for the default time zone of times written without one). */
function useZones(): string[] {
  return useMemo(() => {
    try {
      return Intl.supportedValuesOf('timeZone');
    } catch {
      return ['Asia/Almaty', 'Asia/Aqtobe', 'Asia/Aqtau', 'Asia/Atyrau', 'Asia/Oral', 'Asia/Qostanay', 'Asia/Qyzylorda', 'Europe/Moscow', 'UTC'];
    }
  }, []);
}

/**
 * What applies to every row: the list's name (part of every row's source key, so re-imports add
 * nothing twice), the id column, the time zone of local times, day-first dates, language,
 * confidentiality, and how to read the file (encoding, separator, sheet) when detection is not enough.
 */
export function OptionsSection({ draft, onChange, columns, format, errors }: { draft: MappingDraft; onChange: (m: MappingDraft) => void; columns: string[]; format: string | null; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const zones = useZones();
  const file = draft.file ?? {};
  const setFile = (patch: Partial<NonNullable<MappingDraft['file']>>) => {
    const next = { ...file, ...patch };
    for (const [k, v] of Object.entries(next)) if (v === undefined || v === '') delete (next as Record<string, unknown>)[k];
    const { file: _old, ...rest } = draft;
    onChange(Object.keys(next).length ? { ...rest, file: next } : rest);
  };
  const error = (path: string) =>
    errors[path] ? (
      <p className="field-error" data-field-error={path}>
        {errors[path]}
      </p>
    ) : null;
  return (
    <fieldset className="mapping-section">
      <legend>{t('imports.options.title')}</legend>
      <div className="form-grid">
        <div className={`field${errors.dataset ? ' field-invalid' : ''}`}>
          <label htmlFor="opt-dataset">{t('imports.options.dataset')}</label>
          <p id="opt-dataset-hint" className="hint">
            {t('imports.options.datasetHint')}
          </p>
          <input id="opt-dataset" aria-describedby="opt-dataset-hint" value={draft.dataset ?? ''} maxLength={200} onChange={(e) => onChange({ ...draft, dataset: e.target.value })} />
          {error('dataset')}
        </div>
        <div className="field">
          <label htmlFor="opt-id">{t('imports.options.idColumn')}</label>
          <p id="opt-id-hint" className="hint">
            {t('imports.options.idColumnHint')}
          </p>
          <select
            id="opt-id"
            aria-describedby="opt-id-hint"
            value={draft.idColumns?.[0] ?? ''}
            onChange={(e) => {
              const { idColumns: _old, ...rest } = draft;
              onChange(e.target.value ? { ...rest, idColumns: [e.target.value] } : rest);
            }}
          >
            <option value="">{t('imports.options.noIdColumn')}</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${errors.defaultZone ? ' field-invalid' : ''}`}>
          <label htmlFor="opt-zone">{t('imports.options.zone')}</label>
          <p id="opt-zone-hint" className="hint">
            {t('imports.options.zoneHint')}
          </p>
          <input id="opt-zone" list="opt-zones" aria-describedby="opt-zone-hint" value={draft.defaultZone ?? 'Asia/Almaty'} onChange={(e) => onChange({ ...draft, defaultZone: e.target.value })} />
          <datalist id="opt-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          {error('defaultZone')}
        </div>
        <div className="field field-checkbox">
          <input id="opt-dayfirst" type="checkbox" checked={draft.dayFirst ?? true} onChange={(e) => onChange({ ...draft, dayFirst: e.target.checked })} />
          <label htmlFor="opt-dayfirst">{t('imports.options.dayFirst')}</label>
        </div>
        <div className={`field${errors.language ? ' field-invalid' : ''}`}>
          <label htmlFor="opt-language">{t('imports.options.language')}</label>
          <input
            id="opt-language"
            value={draft.language ?? ''}
            maxLength={3}
            placeholder="ru"
            onChange={(e) => {
              const { language: _old, ...rest } = draft;
              onChange(e.target.value ? { ...rest, language: e.target.value.trim().toLowerCase() } : rest);
            }}
          />
          {error('language')}
        </div>
        <div className="field">
          <label htmlFor="opt-confidentiality">{t('imports.options.confidentiality')}</label>
          <select id="opt-confidentiality" value={draft.confidentiality ?? 'restricted'} onChange={(e) => onChange({ ...draft, confidentiality: e.target.value as (typeof CONFIDENTIALITY)[number] })}>
            {CONFIDENTIALITY.map((c) => (
              <option key={c} value={c}>
                {t(`imports.options.level.${c}`)}
              </option>
            ))}
          </select>
        </div>
        {format !== 'xlsx' && (
          <div className="field">
            <label htmlFor="opt-encoding">{t('imports.options.encoding')}</label>
            <select id="opt-encoding" value={file.encoding ?? 'auto'} onChange={(e) => setFile({ encoding: e.target.value === 'auto' ? undefined : (e.target.value as (typeof ENCODINGS)[number]) })}>
              {ENCODINGS.map((c) => (
                <option key={c} value={c}>
                  {c === 'auto' ? t('imports.options.detect') : c}
                </option>
              ))}
            </select>
          </div>
        )}
        {format === 'csv' && (
          <div className="field">
            <label htmlFor="opt-delimiter">{t('imports.options.delimiter')}</label>
            <select id="opt-delimiter" value={file.delimiter ?? ''} onChange={(e) => setFile({ delimiter: (e.target.value || undefined) as (typeof DELIMITERS)[number] | undefined })}>
              <option value="">{t('imports.options.detect')}</option>
              {DELIMITERS.map((d) => (
                <option key={d} value={d}>
                  {d === '\t' ? t('imports.upload.tab') : d}
                </option>
              ))}
            </select>
          </div>
        )}
        {format === 'xlsx' && (
          <div className="field">
            <label htmlFor="opt-sheet">{t('imports.options.sheet')}</label>
            <input id="opt-sheet" value={file.sheet ?? ''} placeholder={t('imports.options.firstSheet')} onChange={(e) => setFile({ sheet: e.target.value || undefined })} />
          </div>
        )}
      </div>
    </fieldset>
  );
}
