import { IngestInput, SENSITIVITY_LABELS } from '@vigil/core/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { isApiError } from '../../api/client.js';
import { useAll } from '../../api/queries.js';
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { useFormat } from '../../lib/format.js';
import { serverErrors, validate, type FieldErrors } from '../../lib/forms.js';
import { localToInstant } from '../../lib/time.js';
import { useSettings } from '../../settings/SettingsContext.js';
import { uploadEvidence, type IngestResponse } from './evidenceApi.js';
import { formatBytes, useCodeLabel } from './labels.js';

interface Draft {
  title: string;
  description: string;
  originalUrl: string;
  platform: string;
  postingAccount: string;
  postedAt: string;
  capturedAt: string;
  capturedBy: string;
  captureTool: string;
  notes: string;
  eventId: string;
  sensitivity: string[];
}

const EMPTY: Draft = { title: '', description: '', originalUrl: '', platform: '', postingAccount: '', postedAt: '', capturedAt: '', capturedBy: '', captureTool: '', notes: '', eventId: '', sensitivity: [] };
const FIELDS = ['file', 'title', 'description', 'originalUrl', 'platform', 'postingAccount', 'postedAt', 'capturedAt', 'capturedBy', 'captureTool', 'notes', 'eventIds', 'sensitivity'] as const;

/** Server paths onto this form's fields: the file's name and type belong to the file; eventIds.0 to the event. */
const fieldOf = (path: string): string => (['filename', 'mediaType', 'file'].includes(path) ? 'file' : path.replace(/\.\d+$/, ''));

/**
 * Ingest through the browser: one file with its provenance (where it was found, who posted it,
 * when, who saved it and with what), streamed with a progress bar. Checked with the server's own
 * schema first; the server hashes it as it arrives and keeps the original untouched.
 */
export function UploadForm({ eventId = '' }: { eventId?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useCodeLabel();
  const { settings } = useSettings();
  const queryClient = useQueryClient();
  const events = useAll('events', {});
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, eventId });
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string[]>([]);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [done, setDone] = useState<IngestResponse | null>(null);
  const abort = useRef<AbortController | null>(null);

  const mutation = useMutation({
    mutationFn: ({ fields, chosen }: { fields: Record<string, string | string[] | null | undefined>; chosen: File }) => {
      abort.current = new AbortController();
      return uploadEvidence(fields, chosen, (sent, total) => setProgress({ sent, total }), abort.current.signal);
    },
    onSuccess: async (result) => {
      setDone(result);
      setDraft({ ...EMPTY, eventId });
      setFile(null);
      setFileKey((k) => k + 1);
      await queryClient.invalidateQueries({ queryKey: ['evidence'] });
    },
    onError: (error) => {
      if (error instanceof DOMException && error.name === 'AbortError') return setOther([t('evidence.upload.cancelled')]);
      if (!isApiError(error)) return setOther([String(error)]);
      if (error.code === 'NETWORK') return setOther([t('evidence.upload.network')]);
      const { fields, other: rest } = serverErrors(error, FIELDS, fieldOf);
      setErrors(fields);
      setOther(rest);
    },
    onSettled: () => {
      abort.current = null;
    },
  });

  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const toggle = (code: string) => setDraft((d) => ({ ...d, sensitivity: d.sensitivity.includes(code) ? d.sensitivity.filter((c) => c !== code) : [...d.sensitivity, code] }));
  const instant = (local: string) => (local ? (localToInstant(local, settings.timeZone) ?? local) : null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    setOther([]);
    if (!file) {
      setErrors({ file: t('evidence.upload.chooseFile') });
      return;
    }
    const body = {
      filename: file.name,
      mediaType: file.type || null,
      title: draft.title.trim() || null,
      description: draft.description.trim() || null,
      originalUrl: draft.originalUrl.trim() || null,
      platform: draft.platform.trim() || null,
      postingAccount: draft.postingAccount.trim() || null,
      postedAt: instant(draft.postedAt),
      capturedAt: instant(draft.capturedAt),
      capturedBy: draft.capturedBy.trim() || null,
      captureTool: draft.captureTool.trim() || null,
      notes: draft.notes.trim() || null,
      eventIds: draft.eventId ? [draft.eventId] : [],
      sensitivity: draft.sensitivity,
    };
    const checked = validate(IngestInput, body, t);
    if (!checked.ok) {
      setErrors(Object.fromEntries(Object.entries(checked.errors).map(([path, message]) => [fieldOf(path), message])));
      return;
    }
    setErrors({});
    setProgress({ sent: 0, total: file.size });
    const { eventIds, sensitivity, ...rest } = checked.data;
    const fields: Record<string, string | string[] | null | undefined> = { ...rest, eventIds, sensitivity };
    mutation.mutate({ fields, chosen: file });
  };

  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.sent / progress.total) * 100)) : 0;
  const eventOptions = (events.data ?? []).map((ev) => ({ value: ev.id, label: `${ev.title} (${format.date(ev.startAt, ev.timezone)})` }));
  return (
    <form className="ev-upload" onSubmit={submit} noValidate aria-labelledby="upload-title">
      {/* Shown by the surrounding <details>' summary; kept for the form's accessible name. */}
      <h2 id="upload-title" className="visually-hidden">
        {t('evidence.upload.title')}
      </h2>
      <p className="hint">{t('evidence.upload.intro')}</p>
      {other.length > 0 && <ErrorSummary id="upload-errors" title={t('evidence.upload.failed')} messages={other} />}
      {done && (
        <p className={`notice ${done.duplicate ? 'notice-warning' : 'notice-ok'}`} role="status" data-upload-result={done.item.id}>
          {done.duplicate ? t('evidence.upload.duplicate') : t('evidence.upload.stored', { sha256: done.item.sha256 })}{' '}
          <Link href={`/evidence/${done.item.id}`}>{t('evidence.upload.open', { name: done.item.title ?? done.item.filename })}</Link>
        </p>
      )}
      <div className="form-grid">
        <TextField
          key={fileKey}
          id="upload-file"
          className="span-2"
          type="file"
          label={t('evidence.upload.file')}
          hint={file ? `${file.name} · ${formatBytes(file.size, format.locale)}` : t('evidence.upload.fileHint')}
          error={errors.file}
          required
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <TextField id="upload-title-field" label={t('evidence.fields.title')} value={draft.title} onChange={set('title')} error={errors.title} />
        <SelectField id="upload-event" label={t('evidence.fields.event')} value={draft.eventId} onChange={set('eventId')} error={errors.eventIds} options={eventOptions} placeholder={t('evidence.upload.noEvent')} />
        <TextField id="upload-url" type="url" label={t('evidence.fields.originalUrl')} value={draft.originalUrl} onChange={set('originalUrl')} error={errors.originalUrl} />
        <TextField id="upload-platform" label={t('evidence.fields.platform')} value={draft.platform} onChange={set('platform')} error={errors.platform} hint={t('evidence.upload.platformHint')} />
        <TextField id="upload-account" label={t('evidence.fields.postingAccount')} value={draft.postingAccount} onChange={set('postingAccount')} error={errors.postingAccount} />
        <TextField id="upload-posted-at" type="datetime-local" step={60} label={t('evidence.fields.postedAt')} value={draft.postedAt} onChange={set('postedAt')} error={errors.postedAt} hint={settings.timeZone} />
        <TextField id="upload-captured-at" type="datetime-local" step={60} label={t('evidence.fields.capturedAt')} value={draft.capturedAt} onChange={set('capturedAt')} error={errors.capturedAt} hint={t('evidence.upload.capturedAtHint', { zone: settings.timeZone })} />
        <TextField id="upload-captured-by" label={t('evidence.fields.capturedBy')} value={draft.capturedBy} onChange={set('capturedBy')} error={errors.capturedBy} />
        <TextField id="upload-tool" label={t('evidence.fields.captureTool')} value={draft.captureTool} onChange={set('captureTool')} error={errors.captureTool} hint={t('evidence.upload.toolHint')} />
        <TextAreaField id="upload-description" className="span-2" rows={2} label={t('evidence.fields.description')} value={draft.description} onChange={set('description')} error={errors.description} />
        <TextAreaField id="upload-notes" className="span-2" rows={2} label={t('evidence.fields.notes')} value={draft.notes} onChange={set('notes')} error={errors.notes} />
        <fieldset className="span-2 ev-checks">
          <legend>{t('evidence.fields.sensitivity')}</legend>
          <p className="hint">{t('evidence.upload.sensitivityHint')}</p>
          {SENSITIVITY_LABELS.map((code) => (
            <CheckboxField key={code} id={`upload-sensitivity-${code}`} label={label('sensitivity', code)} checked={draft.sensitivity.includes(code)} onChange={() => toggle(code)} />
          ))}
        </fieldset>
      </div>
      {mutation.isPending && progress && (
        <div className="ev-progress" role="status" aria-live="polite">
          <label htmlFor="upload-progress">{percent < 100 ? t('evidence.upload.sending', { percent }) : t('evidence.upload.hashing')}</label>
          <progress id="upload-progress" max={100} value={percent}>
            {percent} %
          </progress>
          <span className="small muted">
            {formatBytes(progress.sent, format.locale)} / {formatBytes(progress.total, format.locale)}
          </span>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('evidence.upload.uploading') : t('evidence.upload.submit')}
        </button>
        {mutation.isPending && (
          <button type="button" className="button" onClick={() => abort.current?.abort()}>
            {t('evidence.upload.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
