import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { ErrorSummary } from '../../components/Field.js';
import { useFormat } from '../../lib/format.js';
import { type UploadSummary, uploadList } from './api.js';
import { ProgressBar } from './ProgressBar.js';

/** Formats the wizard reads (docs/IMPORT.md); the server detects the format from the content, not the name. */
const ACCEPT = '.csv,.tsv,.txt,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the server found in the file, said plainly: Windows-1251 and unreadable files above all. */
function Detected({ upload }: { upload: UploadSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const encoding = upload.encoding ?? '';
  const legacy = /windows-1251|koi8-r/.test(encoding);
  const delimiter = upload.delimiter === '\t' ? t('imports.upload.tab') : upload.delimiter;
  return (
    <div className="import-detected" data-testid="upload-summary">
      {upload.problem ? (
        <div className="notice notice-warning" role="alert">
          <strong>{t('imports.upload.unreadable')}</strong> {upload.problem}
          <p>{t('imports.upload.unreadableHint')}</p>
        </div>
      ) : legacy ? (
        <p className="notice notice-warning" role="status">
          {t('imports.upload.legacyEncoding', { encoding: encoding.replace(' (detected)', '') })}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('imports.upload.file')}</dt>
        <dd>
          {upload.upload.name} · {format.number(upload.upload.size)} {t('imports.upload.bytes')}
        </dd>
        <dt>{t('imports.upload.format')}</dt>
        <dd>{upload.format ? upload.format.toUpperCase() : t('common.unknown')}</dd>
        <dt>{t('imports.upload.encoding')}</dt>
        <dd data-testid="upload-encoding">{encoding || t('common.none')}</dd>
        {delimiter && (
          <>
            <dt>{t('imports.upload.delimiter')}</dt>
            <dd>
              <code>{delimiter}</code>
            </dd>
          </>
        )}
        <dt>{t('imports.upload.columns')}</dt>
        <dd>{upload.columns?.length ? upload.columns.join(' · ') : t('common.none')}</dd>
      </dl>
      {upload.sample.length > 0 && upload.columns && (
        <div className="table-scroll">
          <table className="data-table">
            <caption>{t('imports.upload.sample', { count: upload.sample.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('imports.problems.row')}</th>
                {upload.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {upload.sample.map((r) => (
                <tr key={r.row}>
                  <th scope="row">{r.row}</th>
                  {(upload.columns ?? []).map((c) => (
                    <td key={c}>{r.cells[c] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Step 1: choose a file and send it, with a progress bar on the upload itself. */
export function UploadStep({ upload, onUploaded }: { upload: UploadSummary | null; onUploaded: (u: UploadSummary) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: (chosen: File) => {
      abort.current = new AbortController();
      setProgress({ sent: 0, total: chosen.size });
      return uploadList(chosen, (sent, total) => setProgress({ sent, total }), abort.current.signal);
    },
    onSuccess: (summary) => {
      setError(null);
      onUploaded(summary);
    },
    onError: (e) => {
      if (e instanceof DOMException && e.name === 'AbortError') setError(t('imports.upload.cancelled'));
      else if (isApiError(e) && e.code === 'NETWORK') setError(t('common.networkError'));
      else setError(e instanceof Error ? e.message : String(e));
      setProgress(null);
    },
    onSettled: () => {
      abort.current = null;
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setError(t('imports.upload.chooseFirst'));
    mutation.mutate(file);
  };
  return (
    <section className="panel import-step" aria-labelledby="step-upload">
      <h2 id="step-upload">{t('imports.steps.upload')}</h2>
      <form onSubmit={submit} className="import-upload">
        <div className="field">
          <label htmlFor="import-file">{t('imports.upload.choose')}</label>
          <p id="import-file-hint" className="hint">
            {t('imports.upload.hint')}
          </p>
          <input
            id="import-file"
            type="file"
            accept={ACCEPT}
            aria-describedby="import-file-hint"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
            }}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('imports.upload.sending') : t('imports.upload.send')}
          </button>
          {mutation.isPending && (
            <button type="button" className="button" onClick={() => abort.current?.abort()}>
              {t('common.cancel')}
            </button>
          )}
        </div>
        {progress && (mutation.isPending || mutation.isSuccess) && (
          <ProgressBar id="upload-progress" label={t('imports.upload.progress')} value={progress.sent} max={progress.total || 1} text={t('imports.upload.percent', { percent: Math.floor((100 * progress.sent) / (progress.total || 1)) })} />
        )}
        {error && <ErrorSummary id="upload-errors" title={t('imports.upload.failed')} messages={[error]} />}
      </form>
      {upload && <Detected upload={upload} />}
    </section>
  );
}
