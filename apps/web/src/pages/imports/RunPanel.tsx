import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { QueryView } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { type ImportRun, isActive, useRun } from './api.js';
import { ProblemsTable } from './ProblemsTable.js';
import { ProgressBar } from './ProgressBar.js';

const TONE: Record<ImportRun['status'], string> = {
  queued: 'badge-info', running: 'badge-info', done: 'badge-info', refused: 'badge-critical', failed: 'badge-critical', interrupted: 'badge-warning',
};

export function RunStatus({ run }: { run: Pick<ImportRun, 'status' | 'dryRun'> }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${TONE[run.status]}`} data-status={run.status}>
      {t(`imports.status.${run.status}`)}
      {run.dryRun ? ` · ${t('imports.run.dry')}` : ''}
    </span>
  );
}

/** Progress while the run works (reading the file, then writing), then its figures. */
function Progress({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (run.status === 'queued') return <ProgressBar id={`run-${run.id}-progress`} label={t('imports.run.progress')} value={null} max={1} text={t('imports.run.queued')} />;
  if (run.status === 'running' && run.rows.total === 0) return <ProgressBar id={`run-${run.id}-progress`} label={t('imports.run.progress')} value={null} max={1} text={t('imports.run.checking')} />;
  const percent = run.rows.total ? Math.floor((100 * run.rows.done) / run.rows.total) : 100;
  return (
    <ProgressBar
      id={`run-${run.id}-progress`}
      label={t('imports.run.progress')}
      value={run.rows.done}
      max={Math.max(run.rows.total, 1)}
      text={t('imports.run.rowsDone', { done: format.number(run.rows.done), total: format.number(run.rows.total), percent })}
    />
  );
}

function Figures({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  const created = Object.entries(run.created).filter(([, n]) => (n ?? 0) > 0);
  return (
    <dl className="facts run-figures">
      <dt>{run.dryRun ? t('imports.run.wouldImport') : t('imports.run.imported')}</dt>
      <dd data-testid="run-imported">{format.number(run.rows.imported)}</dd>
      <dt>{t('imports.run.skipped')}</dt>
      <dd>{format.number(run.rows.skipped)}</dd>
      <dt>{t('imports.run.failed')}</dt>
      <dd data-testid="run-failed">{format.number(run.rows.failed)}</dd>
      <dt>{run.dryRun ? t('imports.run.wouldCreate') : t('imports.run.created')}</dt>
      <dd>{created.length ? created.map(([entity, n]) => `${t(`imports.entities.${entity}`, { defaultValue: entity })}: ${format.number(n ?? 0)}`).join(' · ') : t('common.none')}</dd>
      {!run.dryRun && (
        <>
          <dt>{t('imports.run.candidates')}</dt>
          <dd>
            {run.candidates > 0 ? <Link href="/merges">{t('imports.run.reviewCandidates', { count: run.candidates })}</Link> : format.number(0)}
          </dd>
        </>
      )}
    </dl>
  );
}

/** One run: status, progress bar (polled while it works), figures, message and the row-level report. */
export function RunView({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="run-view" data-testid="run" data-run={run.id} data-run-status={run.status}>
      <p className="record-meta">
        <RunStatus run={run} /> {run.fileName ?? t('imports.run.fileHidden')} · {t(`imports.targets.${run.target}`)} · {format.dateTime(run.startedAt)}
        {run.finishedAt ? ` – ${format.time(run.finishedAt)}` : ''}
      </p>
      <Progress run={run} />
      {run.message && (
        <p className={`notice ${run.status === 'done' ? 'notice-ok' : 'notice-warning'}`} role={isActive(run) ? undefined : 'status'}>
          {run.message}
        </p>
      )}
      {!isActive(run) && run.status === 'done' && (
        <p className="notice notice-ok" role="status">
          {run.dryRun ? t('imports.run.dryDone') : t('imports.run.done')}
        </p>
      )}
      <Figures run={run} />
      {!isActive(run) && <ProblemsTable run={run} />}
    </div>
  );
}

/** A run followed by id (the one just started, or one picked from the list). */
export function RunPanel({ id, title }: { id: string; title: string }) {
  const run = useRun(id);
  return (
    <section className="panel import-step" aria-labelledby={`run-title-${id}`}>
      <h2 id={`run-title-${id}`}>{title}</h2>
      <QueryView query={run}>{(data) => <RunView run={data} />}</QueryView>
    </section>
  );
}
