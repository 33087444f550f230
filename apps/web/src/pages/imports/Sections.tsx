import { type ImportMappingInput } from '@vigil/core/contract';
import { useTranslation } from 'react-i18next';
import { useVocab } from '../../lib/vocab.js';
import { type FieldErrors } from '../../lib/forms.js';
import { SpecEditor } from './SpecEditor.js';
import { type MappingDraft, type Spec } from './mapping.js';

type Names = NonNullable<ImportMappingInput['names']>;
type Roles = NonNullable<ImportMappingInput['roles']>;
type Estimates = NonNullable<ImportMappingInput['estimates']>;

interface SectionProps {
  draft: MappingDraft;
  onChange: (m: MappingDraft) => void;
  columns: string[];
  sample: { cells: Record<string, string> }[];
  errors: FieldErrors;
}

const TEXT = { kind: 'text' };
const INTEGER = { kind: 'integer' };

/** Replaces item i of a list (or removes it when `item` is null). */
function edit<T>(list: T[], i: number, item: T | null): T[] {
  return item === null ? list.filter((_, j) => j !== i) : list.map((x, j) => (j === i ? item : x));
}

/** Persons' names: every spelling (Cyrillic, Latin…) a column of its own, each stored as a name of the person. */
export function NamesSection({ draft, onChange, columns, sample, errors }: SectionProps) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const names: Names = draft.names ?? [];
  const set = (next: Names) => onChange({ ...draft, names: next });
  return (
    <fieldset className="mapping-section">
      <legend>{t('imports.mapping.names')}</legend>
      <p className="hint">{t('imports.mapping.namesHint')}</p>
      {errors.names && (
        <p className="field-error" data-field-error="names">
          {errors.names}
        </p>
      )}
      {names.map((n, i) => (
        <div className="mapping-item" key={i}>
          <SpecEditor
            id={`names-${i}`} label={t('imports.mapping.nameColumn', { n: i + 1 })} info={TEXT} spec={n.value} allowNone={false}
            onChange={(value) => set(edit(names, i, value ? { ...n, value } : null))} columns={columns} sample={sample} error={errors[`names.${i}.value`]}
          />
          <div className="field">
            <label htmlFor={`names-${i}-script`}>{t('imports.mapping.script')}</label>
            <select id={`names-${i}-script`} value={n.script ?? ''} onChange={(e) => set(edit(names, i, { ...n, script: e.target.value || undefined }))}>
              <option value="">{t('imports.mapping.detect')}</option>
              {vocab.terms('script').map((s) => (
                <option key={s.code} value={s.code}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`names-${i}-kind`}>{t('imports.mapping.nameKind')}</label>
            <select id={`names-${i}-kind`} value={n.kind ?? ''} onChange={(e) => set(edit(names, i, { ...n, kind: e.target.value || undefined }))}>
              <option value="">{t('imports.mapping.fullName')}</option>
              {vocab.terms('name_kind').map((s) => (
                <option key={s.code} value={s.code}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button button-small button-quiet" onClick={() => set(edit(names, i, null))}>
            {t('imports.mapping.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => set([...names, { value: { column: columns[0] ?? '' } }])}>
        {t('imports.mapping.addName')}
      </button>
    </fieldset>
  );
}

/** Persons' roles: a column of role wordings (mapped onto the role vocabulary), or one role for everyone. */
export function RolesSection({ draft, onChange, columns, sample, errors }: SectionProps) {
  const { t } = useTranslation();
  const roles: Roles = draft.roles ?? [];
  const set = (next: Roles) => {
    const { roles: _old, ...rest } = draft;
    onChange(next.length ? { ...rest, roles: next } : rest);
  };
  return (
    <fieldset className="mapping-section">
      <legend>{t('imports.mapping.roles')}</legend>
      <p className="hint">{t('imports.mapping.rolesHint')}</p>
      {roles.map((r, i) => (
        <div className="mapping-item" key={i}>
          <SpecEditor
            id={`roles-${i}`} label={t('imports.mapping.role')} info={{ kind: 'code', vocabulary: 'role' }} spec={r.role} allowNone={false}
            onChange={(role) => set(edit(roles, i, role ? { ...r, role } : null))} columns={columns} sample={sample} error={errors[`roles.${i}.role`]}
          />
          <SpecEditor
            id={`roles-${i}-org`} label={t('imports.mapping.organisation')} info={TEXT} spec={r.organisation}
            onChange={(organisation: Spec | undefined) => {
              const { organisation: _o, ...rest } = r;
              set(edit(roles, i, organisation ? { ...rest, organisation } : rest));
            }}
            columns={columns} sample={sample}
          />
          <div className="field field-checkbox">
            <input id={`roles-${i}-split`} type="checkbox" checked={Boolean(r.split)} onChange={(e) => set(edit(roles, i, { ...r, split: e.target.checked }))} />
            <label htmlFor={`roles-${i}-split`}>{t('imports.mapping.split')}</label>
          </div>
          <button type="button" className="button button-small button-quiet" onClick={() => set(edit(roles, i, null))}>
            {t('imports.mapping.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => set([...roles, { role: { value: 'protester' } }])}>
        {t('imports.mapping.addRole')}
      </button>
    </fieldset>
  );
}

/** Events' claimed counts ("50 detained", claimed by a source), kept apart from the documented ones. */
export function EstimatesSection({ draft, onChange, columns, sample, errors }: SectionProps) {
  const { t } = useTranslation();
  const estimates: Estimates = draft.estimates ?? [];
  const set = (next: Estimates) => {
    const { estimates: _old, ...rest } = draft;
    onChange(next.length ? { ...rest, estimates: next } : rest);
  };
  const part = (i: number, key: 'min' | 'max' | 'claimedBy', spec: Spec | undefined) => {
    const { [key]: _old, ...rest } = estimates[i] ?? { measure: '' };
    set(edit(estimates, i, spec ? { ...rest, [key]: spec } : rest));
  };
  return (
    <fieldset className="mapping-section">
      <legend>{t('imports.mapping.estimates')}</legend>
      <p className="hint">{t('imports.mapping.estimatesHint')}</p>
      {estimates.map((e, i) => (
        <div className="mapping-item" key={i}>
          <div className={`field${errors[`estimates.${i}.measure`] ? ' field-invalid' : ''}`}>
            <label htmlFor={`estimates-${i}-measure`}>{t('imports.mapping.measure')}</label>
            <input id={`estimates-${i}-measure`} value={e.measure} onChange={(ev) => set(edit(estimates, i, { ...e, measure: ev.target.value }))} />
            {errors[`estimates.${i}.measure`] && <p className="field-error">{errors[`estimates.${i}.measure`]}</p>}
          </div>
          <SpecEditor id={`estimates-${i}-min`} label={t('imports.mapping.min')} info={INTEGER} spec={e.min} onChange={(s) => part(i, 'min', s)} columns={columns} sample={sample} error={errors[`estimates.${i}.min`]} />
          <SpecEditor id={`estimates-${i}-max`} label={t('imports.mapping.max')} info={INTEGER} spec={e.max} onChange={(s) => part(i, 'max', s)} columns={columns} sample={sample} />
          <SpecEditor id={`estimates-${i}-by`} label={t('imports.mapping.claimedBy')} info={TEXT} spec={e.claimedBy} onChange={(s) => part(i, 'claimedBy', s)} columns={columns} sample={sample} />
          <button type="button" className="button button-small button-quiet" onClick={() => set(edit(estimates, i, null))}>
            {t('imports.mapping.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => set([...estimates, { measure: 'detentions' }])}>
        {t('imports.mapping.addEstimate')}
      </button>
    </fieldset>
  );
}

/** Links in a cell become sources, shared with every row and list that cites the same address. */
export function SourcesSection({ draft, onChange, columns, sample, errors }: SectionProps) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const sources = draft.sources;
  return (
    <fieldset className="mapping-section">
      <legend>{t('imports.mapping.sources')}</legend>
      <p className="hint">{t('imports.mapping.sourcesHint')}</p>
      <SpecEditor
        id="sources-urls" label={t('imports.mapping.urls')} info={TEXT} spec={sources?.urls} columns={columns} sample={sample} error={errors['sources.urls']}
        onChange={(urls) => {
          const { sources: _old, ...rest } = draft;
          onChange(urls ? { ...rest, sources: { ...(sources ?? {}), urls } } : rest);
        }}
      />
      {sources && (
        <div className="field">
          <label htmlFor="sources-kind">{t('imports.mapping.sourceKind')}</label>
          <select id="sources-kind" value={sources.kind ?? 'media_report'} onChange={(e) => onChange({ ...draft, sources: { ...sources, kind: e.target.value } })}>
            {vocab.terms('source_kind').map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}
