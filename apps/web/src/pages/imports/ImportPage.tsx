import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ImportMapping } from '@vigil/core/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { useCan } from '../../auth/session.js';
import { ErrorSummary } from '../../components/Field.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ErrorState, Loading } from '../../components/States.js';
import { validate, type FieldErrors } from '../../lib/forms.js';
import { type ImportRun, isActive, preview, type Preview, startRun, type UploadSummary, useImportFields, useRun } from './api.js';
import { formPath, type MappingDraft } from './mapping.js';
import { MappingStep, type SavedRef } from './MappingStep.js';
import { PreviewTable } from './PreviewTable.js';
import { RunPanel } from './RunPanel.js';
import { RunsList } from './RunsList.js';
import { UploadStep } from './UploadStep.js';
import './imports.css';

const PREVIEW_ROWS = 20;

/** Server problems by the form's paths; what fits no control goes to the summary too (it lists everything). */
function problemsOf(error: unknown): { fields: FieldErrors; messages: string[] } {
  if (!isApiError(error)) return { fields: {}, messages: [error instanceof Error ? error.message : String(error)] };
  const fields: FieldErrors = {};
  for (const f of error.fields) fields[formPath(f.path)] ??= f.problem;
  const messages = error.fields.length ? error.fields.map((f) => `${formPath(f.path) || error.message}: ${f.problem}`) : [error.message];
  return { fields, messages };
}

/** Step 3: preview, dry run, import. Every action first checks the mapping with the server's own schema. */
function ActionsStep({ upload, draft, run, onRun, onErrors }: { upload: UploadSummary; draft: MappingDraft; run: ImportRun | undefined; onRun: (id: string) => void; onErrors: (e: FieldErrors) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const [shown, setShown] = useState<Preview | null>(null);
  // A preview shows what this mapping stores: once the mapping changes, it is out of date.
  const [previewed, setPreviewed] = useState(draft);
  if (previewed !== draft) {
    setPreviewed(draft);
    setShown(null);
  }
  const check = (): boolean => {
    const result = validate(ImportMapping, draft, t);
    if (result.ok) {
      onErrors({});
      setMessages([]);
      return true;
    }
    onErrors(result.errors);
    setMessages(Object.entries(result.errors).map(([path, problem]) => `${path}: ${problem}`));
    return false;
  };
  const fail = (e: unknown) => {
    const { fields, messages: list } = problemsOf(e);
    onErrors(fields);
    setMessages(list);
  };
  const previewing = useMutation({ mutationFn: () => preview(upload.upload.id, draft, PREVIEW_ROWS), onSuccess: (p) => setShown(p), onError: fail });
  const starting = useMutation({
    mutationFn: (dryRun: boolean) => startRun(upload.upload.id, draft, dryRun),
    onSuccess: async (started) => {
      setMessages([]);
      onRun(started.id);
      await queryClient.invalidateQueries({ queryKey: ['imports', 'runs'] });
    },
    onError: fail,
  });
  const busy = previewing.isPending || starting.isPending || (run !== undefined && isActive(run));
  const finished = run !== undefined && !run.dryRun && run.status === 'done';
  const act = (fn: () => void) => () => {
    if (check()) fn();
  };
  return (
    <section className="panel import-step" aria-labelledby="step-check">
      <h2 id="step-check">{t('imports.steps.check')}</h2>
      <p className="hint">{t('imports.actions.hint')}</p>
      <div className="form-actions">
        <button type="button" className="button" disabled={busy || finished} onClick={act(() => previewing.mutate())}>
          {previewing.isPending ? t('imports.actions.previewing') : t('imports.actions.preview', { count: PREVIEW_ROWS })}
        </button>
        <button type="button" className="button" disabled={busy || finished} onClick={act(() => starting.mutate(true))}>
          {t('imports.actions.dryRun')}
        </button>
        <button type="button" className="button button-primary" disabled={busy || finished} onClick={act(() => starting.mutate(false))}>
          {t('imports.actions.import')}
        </button>
      </div>
      {messages.length > 0 && <ErrorSummary id="mapping-errors" title={t('imports.actions.problems')} messages={messages} />}
      {shown && <PreviewTable preview={shown} />}
    </section>
  );
}

function ImportWizard() {
  const { t } = useTranslation();
  const fields = useImportFields();
  const [upload, setUpload] = useState<UploadSummary | null>(null);
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [saved, setSaved] = useState<SavedRef | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [runId, setRunId] = useState<string | null>(null);
  const [viewed, setViewed] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const run = useRun(runId);
  const finished = run.data !== undefined && !run.data.dryRun && run.data.status === 'done';
  const restart = () => {
    setUpload(null);
    setRunId(null);
    setErrors({});
    setAttempt((n) => n + 1);
  };
  if (fields.isPending) return <Loading />;
  if (!fields.data) return <ErrorState error={fields.error} retry={fields.refetch} />;
  return (
    <>
      <UploadStep
        key={attempt}
        upload={upload}
        onUploaded={(u) => {
          setUpload(u);
          setRunId(null);
        }}
      />
      {upload && !upload.problem && (
        <MappingStep upload={upload} catalogue={fields.data} draft={draft} onDraft={setDraft} errors={errors} saved={saved} onSaved={setSaved} />
      )}
      {upload && !upload.problem && draft && <ActionsStep key={upload.upload.id} upload={upload} draft={draft} run={run.data} onRun={setRunId} onErrors={setErrors} />}
      {runId && <RunPanel id={runId} title={run.data?.dryRun ? t('imports.run.dryTitle') : t('imports.run.title')} />}
      {finished && (
        <p>
          <button type="button" className="button button-primary" onClick={restart}>
            {t('imports.actions.another')}
          </button>
        </p>
      )}
      {viewed && viewed !== runId && <RunPanel id={viewed} title={t('imports.runs.selected')} />}
      <RunsList selected={viewed} onSelect={setViewed} />
    </>
  );
}

/** /import: the bulk-intake wizard (docs/IMPORT.md), for those who may import. */
export default function ImportPage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <section className="import-page">
      <PageTitle title={t('imports.title')} lead={t('imports.intro')}>
        {t('imports.title')}
      </PageTitle>
      {can('imports:write') ? <ImportWizard /> : <p className="notice notice-warning">{t('imports.forbidden')}</p>}
    </section>
  );
}
