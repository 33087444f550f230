import { type CellSpec } from '@vigil/core/contract';
import { useTranslation } from 'react-i18next';
import { useVocab } from '../../lib/vocab.js';
import { columnOf, distinctValues, type Spec, specMode, valueOf } from './mapping.js';

/** What the editor needs to know of the field: how its cells are read, and its vocabulary for codes. */
export interface FieldInfo {
  kind: string;
  vocabulary?: string | undefined;
}

const CONFIDENTIALITY = ['public', 'restricted', 'confidential'];
const COLUMN = 'column:';

/** The choices of a code field: the vocabulary's live terms, or the confidentiality levels. */
function useChoices(info: FieldInfo): { value: string; label: string }[] | null {
  const vocab = useVocab();
  if (info.kind === 'confidentiality') return CONFIDENTIALITY.map((c) => ({ value: c, label: c }));
  if (info.kind === 'code' && info.vocabulary) return vocab.terms(info.vocabulary).map((x) => ({ value: x.code, label: `${x.label} (${x.code})` }));
  return null;
}

/**
 * A cell's wordings onto codes ("согласовано" → approved): one line per wording seen in the
 * sample rows, and the code used for empty cells and wordings the map does not list.
 */
function ValueMap({ id, spec, onChange, choices, sample }: { id: string; spec: CellSpec; onChange: (s: CellSpec) => void; choices: { value: string; label: string }[]; sample: { cells: Record<string, string> }[] }) {
  const { t } = useTranslation();
  const column = typeof spec.column === 'string' ? spec.column : '';
  const map = spec.map ?? {};
  const wordings = [...new Set([...distinctValues(sample, column), ...Object.keys(map)])];
  const setWording = (wording: string, code: string) => {
    const next = { ...map };
    if (code === '') delete next[wording];
    else next[wording] = code === '(empty)' ? null : code;
    const { map: _old, ...rest } = spec;
    onChange(Object.keys(next).length ? { ...rest, map: next } : rest);
  };
  const setDefault = (code: string) => {
    const { default: _old, ...rest } = spec;
    onChange(code === '' ? rest : { ...rest, default: code });
  };
  return (
    <fieldset className="value-map">
      <legend>{t('imports.mapping.valueMap')}</legend>
      <p className="hint">{t('imports.mapping.valueMapHint')}</p>
      {wordings.map((w, i) => {
        const current = map[w];
        return (
          <div className="value-map-row" key={w}>
            <label htmlFor={`${id}-map-${i}`}>
              «{w}»
            </label>
            <select id={`${id}-map-${i}`} value={current === undefined ? '' : current === null ? '(empty)' : current} onChange={(e) => setWording(w, e.target.value)}>
              <option value="">{t('imports.mapping.asWritten')}</option>
              <option value="(empty)">{t('imports.mapping.leaveEmpty')}</option>
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      <div className="value-map-row">
        <label htmlFor={`${id}-default`}>{t('imports.mapping.default')}</label>
        <select id={`${id}-default`} value={spec.default === undefined || spec.default === null ? '' : String(spec.default)} onChange={(e) => setDefault(e.target.value)}>
          <option value="">{t('imports.mapping.noDefault')}</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}

/**
 * One field of the mapping: not mapped, a column, or one value for every row; codes get a
 * wording → code map. A spec the form cannot show (a template, a list of fallbacks) is left as it
 * is and said so: it is edited in the JSON below.
 */
export function SpecEditor({
  id, label, info, spec, onChange, columns, sample, error, required = false, allowNone = true,
}: {
  id: string;
  label: string;
  info: FieldInfo;
  spec: Spec | undefined;
  onChange: (spec: Spec | undefined) => void;
  columns: string[];
  sample: { cells: Record<string, string> }[];
  error?: string | undefined;
  required?: boolean;
  allowNone?: boolean;
}) {
  const { t } = useTranslation();
  const choices = useChoices(info);
  const mode = specMode(spec);
  const selected = mode === 'column' ? `${COLUMN}${columnOf(spec)}` : mode;
  const choose = (v: string) => {
    if (v === 'none') onChange(undefined);
    else if (v === 'value') onChange({ value: choices?.[0]?.value ?? '' });
    else if (v.startsWith(COLUMN)) {
      // Keep a wording map and default when only the column changes.
      const old = mode === 'column' && spec && !Array.isArray(spec) && 'column' in spec ? spec : {};
      onChange({ ...old, column: v.slice(COLUMN.length) });
    }
  };
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`spec${error ? ' field-invalid' : ''}`} data-field={id}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true" className="required"> *</span>}
      </label>
      <div className="spec-controls">
        <select id={id} value={selected} aria-invalid={error ? true : undefined} aria-describedby={errorId} aria-required={required || undefined} onChange={(e) => choose(e.target.value)}>
          {(allowNone || mode === 'none') && <option value="none">{t('imports.mapping.notMapped')}</option>}
          {columns.map((c) => (
            <option key={c} value={`${COLUMN}${c}`}>
              {t('imports.mapping.fromColumn', { column: c })}
            </option>
          ))}
          {mode === 'column' && !columns.includes(columnOf(spec)) && <option value={`${COLUMN}${columnOf(spec)}`}>{t('imports.mapping.missingColumn', { column: columnOf(spec) })}</option>}
          <option value="value">{t('imports.mapping.sameValue')}</option>
          {mode === 'custom' && <option value="custom">{t('imports.mapping.custom')}</option>}
        </select>
        {mode === 'value' &&
          (choices ? (
            <select aria-label={t('imports.mapping.valueFor', { field: label })} value={valueOf(spec)} onChange={(e) => onChange({ value: e.target.value })}>
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          ) : (
            <input aria-label={t('imports.mapping.valueFor', { field: label })} value={valueOf(spec)} onChange={(e) => onChange({ value: e.target.value })} />
          ))}
      </div>
      {mode === 'custom' && <p className="hint">{t('imports.mapping.customHint')}</p>}
      {mode === 'column' && choices && info.kind === 'code' && spec && !Array.isArray(spec) && 'column' in spec && (
        <ValueMap id={id} spec={spec} onChange={onChange} choices={choices} sample={sample} />
      )}
      {error && (
        <p id={errorId} className="field-error" data-field-error={id}>
          {error}
        </p>
      )}
    </div>
  );
}
