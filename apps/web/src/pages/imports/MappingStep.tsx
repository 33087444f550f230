import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IMPORT_TARGETS, type ImportTarget } from '@vigil/core/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { type FieldErrors } from '../../lib/forms.js';
import { type CatalogueTarget, type ImportCatalogue, saveMapping, type SavedMapping, type UploadSummary, updateMapping, useSavedMappings } from './api.js';
import { changeTarget, type MappingDraft, newMapping, setField } from './mapping.js';
import { OptionsSection } from './OptionsSection.js';
import { EstimatesSection, NamesSection, RolesSection, SourcesSection } from './Sections.js';
import { SpecEditor } from './SpecEditor.js';

export interface SavedRef {
  id: string;
  version: number;
  name: string;
}

/** Load a saved mapping, or save this one (a new name creates one; the loaded one's name updates it). */
function SavedMappings({ draft, saved, onLoad, onSaved }: { draft: MappingDraft | null; saved: SavedRef | null; onLoad: (m: SavedMapping) => void; onSaved: (m: SavedMapping) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useSavedMappings();
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState(saved?.name ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = useMutation({
    mutationFn: () => {
      if (!draft) throw new Error(t('imports.mapping.chooseKindFirst'));
      const trimmed = name.trim();
      return saved && trimmed === saved.name ? updateMapping(saved.id, saved.version, trimmed, draft) : saveMapping(trimmed, draft);
    },
    onSuccess: async (m) => {
      setMessage({ ok: true, text: t('imports.mapping.savedAs', { name: m.name }) });
      onSaved(m);
      await queryClient.invalidateQueries({ queryKey: ['imports', 'mappings'] });
    },
    onError: (e) => setMessage({ ok: false, text: isApiError(e) && e.fields.length ? e.fields.map((f) => `${f.path}: ${f.problem}`).join('; ') : e instanceof Error ? e.message : String(e) }),
  });
  const items = list.data ?? [];
  return (
    <div className="saved-mappings">
      <div className="field">
        <label htmlFor="saved-mapping">{t('imports.mapping.load')}</label>
        <div className="inline-controls">
          <select id="saved-mapping" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{items.length ? t('imports.mapping.pickSaved') : t('imports.mapping.noneSaved')}</option>
            {items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({t(`imports.targets.${m.target}`)})
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={!chosen}
            onClick={() => {
              const m = items.find((x) => x.id === chosen);
              if (!m) return;
              onLoad(m);
              setName(m.name);
              setMessage({ ok: true, text: t('imports.mapping.loaded', { name: m.name }) });
            }}
          >
            {t('imports.mapping.loadButton')}
          </button>
        </div>
      </div>
      <div className="field">
        <label htmlFor="mapping-name">{t('imports.mapping.saveName')}</label>
        <div className="inline-controls">
          <input id="mapping-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          <button type="button" className="button" disabled={!draft || name.trim() === '' || save.isPending} onClick={() => save.mutate()}>
            {saved && name.trim() === saved.name ? t('imports.mapping.update') : t('imports.mapping.save')}
          </button>
        </div>
      </div>
      {message && (
        <p className={message.ok ? 'notice notice-ok' : 'notice notice-warning'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </div>
  );
}

/** The mapping as JSON, for what the form does not show (templates, fallbacks, per-column zones). */
function JsonEditor({ draft, onChange }: { draft: MappingDraft; onChange: (m: MappingDraft) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A change made in the form replaces unapplied JSON edits (the form is the newer word).
  const [seen, setSeen] = useState(draft);
  if (seen !== draft) {
    setSeen(draft);
    setText(null);
  }
  const shown = text ?? JSON.stringify(draft, null, 2);
  return (
    <details className="mapping-json" onToggle={() => setText(null)}>
      <summary>{t('imports.mapping.json')}</summary>
      <p className="hint">{t('imports.mapping.jsonHint')}</p>
      <label htmlFor="mapping-json" className="visually-hidden">
        {t('imports.mapping.json')}
      </label>
      <textarea id="mapping-json" rows={16} spellCheck={false} value={shown} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'mapping-json-error' : undefined} />
      {error && (
        <p id="mapping-json-error" className="field-error">
          {error}
        </p>
      )}
      <button
        type="button"
        className="button"
        onClick={() => {
          try {
            const parsed: unknown = JSON.parse(shown);
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(t('imports.mapping.jsonObject'));
            onChange(parsed as MappingDraft);
            setText(null);
            setError(null);
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        {t('imports.mapping.applyJson')}
      </button>
    </details>
  );
}

/** Step 2: the kind of list and how its columns map onto Vigil's fields. */
export function MappingStep({
  upload, catalogue, draft, onDraft, errors, saved, onSaved,
}: {
  upload: UploadSummary;
  catalogue: ImportCatalogue;
  draft: MappingDraft | null;
  onDraft: (m: MappingDraft) => void;
  errors: FieldErrors;
  saved: SavedRef | null;
  onSaved: (ref: SavedRef | null) => void;
}) {
  const { t } = useTranslation();
  const columns = upload.columns ?? [];
  const sample = upload.sample;
  const targetOf = (target: ImportTarget): CatalogueTarget | undefined => catalogue.targets.find((x) => x.target === target);
  const current = draft ? targetOf(draft.target) : undefined;
  const chooseKind = (target: ImportTarget) => {
    onDraft(draft ? changeTarget(draft, target, targetOf(target)) : newMapping(target, upload.upload.name, columns, targetOf(target)));
  };
  const section = { draft: draft ?? { target: 'event' }, onChange: onDraft, columns, sample, errors };
  return (
    <section className="panel import-step" aria-labelledby="step-mapping">
      <h2 id="step-mapping">{t('imports.steps.mapping')}</h2>
      <fieldset className="kind-choice">
        <legend>{t('imports.mapping.kind')}</legend>
        {IMPORT_TARGETS.map((target) => (
          <div className="field field-checkbox" key={target}>
            <input type="radio" id={`kind-${target}`} name="import-kind" checked={draft?.target === target} onChange={() => chooseKind(target)} aria-describedby={`kind-${target}-hint`} />
            <label htmlFor={`kind-${target}`}>{t(`imports.targets.${target}`)}</label>
            <p id={`kind-${target}-hint`} className="hint">
              {t(`imports.targetHints.${target}`)}
            </p>
          </div>
        ))}
      </fieldset>
      <SavedMappings
        draft={draft}
        saved={saved}
        onLoad={(m) => {
          onDraft(m.mapping as MappingDraft);
          onSaved({ id: m.id, version: m.version, name: m.name });
        }}
        onSaved={(m) => onSaved({ id: m.id, version: m.version, name: m.name })}
      />
      {draft && current && (
        <>
          <fieldset className="mapping-section">
            <legend>{t('imports.mapping.fields')}</legend>
            <p className="hint">{t('imports.mapping.fieldsHint')}</p>
            <div className="spec-grid">
              {[...current.fields].sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required))).map((f) => (
                <SpecEditor
                  key={f.path}
                  id={`field-${f.path.replace('.', '-')}`}
                  label={t(`imports.fields.${f.path.replace('.', '_')}`, { defaultValue: f.label })}
                  info={f}
                  spec={draft.fields?.[f.path]}
                  onChange={(spec) => onDraft(setField(draft, f.path, spec))}
                  columns={columns}
                  sample={sample}
                  required={Boolean(f.required)}
                  error={errors[`fields.${f.path}`]}
                />
              ))}
            </div>
          </fieldset>
          {draft.target !== 'event' && <NamesSection {...section} />}
          {draft.target !== 'event' && <RolesSection {...section} />}
          {draft.target === 'event' && <EstimatesSection {...section} />}
          <SourcesSection {...section} />
          <OptionsSection {...section} format={upload.format} />
          <JsonEditor draft={draft} onChange={onDraft} />
        </>
      )}
    </section>
  );
}
