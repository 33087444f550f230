import { CommentInput, StatusChangeInput, TRANSITIONS, VERIFICATION_STATUSES, type CommentRecord, type VerificationStatus } from '@vigil/core/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { useFormat } from '../../lib/format.js';
import { putItem, useItemUpdater, type EvidenceDetail } from './evidenceApi.js';
import { statusTone, useCodeLabel } from './labels.js';
import { useFormState } from './useFormState.js';

/** The path an item takes, drawn with the current step marked; the three outcomes share the last step. */
function Workflow({ status }: { status: VerificationStatus }) {
  const label = useCodeLabel();
  const { t } = useTranslation();
  const main = VERIFICATION_STATUSES.slice(0, 4);
  const outcomes = VERIFICATION_STATUSES.slice(4);
  return (
    <ol className="ev-workflow" aria-label={t('evidence.status.workflow')}>
      {main.map((s) => (
        <li key={s} aria-current={s === status ? 'step' : undefined}>
          {label('status', s)}
        </li>
      ))}
      <li className="ev-workflow-outcomes">
        {outcomes.map((s) => (
          <span key={s} aria-current={s === status ? 'step' : undefined}>
            {label('status', s)}
          </span>
        ))}
      </li>
    </ol>
  );
}

function StatusForm({ item, onConflict }: { item: EvidenceDetail; onConflict: () => void }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const queryClient = useQueryClient();
  const next = TRANSITIONS[item.status];
  const [draft, setDraft] = useState({ status: next[0] ?? '', assignee: item.assignee ?? '', comment: '' });
  const form = useFormState(['status', 'assignee', 'comment'], onConflict);
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post<EvidenceDetail>(`evidence/${item.id}/status`, body),
    // The form is keyed by status and version, so it starts afresh for the next move.
    onSuccess: (updated) => putItem(queryClient, updated),
    onError: form.onError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = form.check(StatusChangeInput, { status: draft.status, assignee: draft.assignee.trim() || null, comment: draft.comment.trim() || null, version: item.version });
    if (body) mutation.mutate(body);
  };
  const set = (key: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  return (
    <form onSubmit={submit} noValidate aria-labelledby="status-form-title" className="ev-subform">
      <h3 id="status-form-title">{t('evidence.status.move')}</h3>
      {form.other.length > 0 && <ErrorSummary id="status-errors" title={t('evidence.couldNotSave')} messages={form.other} />}
      <div className="form-grid">
        <SelectField id="status-next" label={t('evidence.status.next')} value={draft.status} onChange={set('status')} error={form.errors.status} options={next.map((s) => ({ value: s, label: label('status', s) }))} />
        <TextField id="status-assignee" label={t('evidence.fields.assignee')} value={draft.assignee} onChange={set('assignee')} error={form.errors.assignee} />
        <TextAreaField id="status-comment" className="span-2" rows={2} label={t('evidence.status.comment')} value={draft.comment} onChange={set('comment')} error={form.errors.comment} />
      </div>
      <button type="submit" className="button button-primary" disabled={mutation.isPending}>
        {t('evidence.status.submit')}
      </button>
    </form>
  );
}

function Comments({ item, canWrite }: { item: EvidenceDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const update = useItemUpdater(item.id);
  const [body, setBody] = useState('');
  const form = useFormState(['body']);
  const mutation = useMutation({
    mutationFn: (input: unknown) => api.post<CommentRecord>(`evidence/${item.id}/comments`, input),
    onSuccess: (comment) => {
      update((old) => ({ ...old, comments: [...old.comments, comment] }));
      setBody('');
    },
    onError: form.onError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = form.check(CommentInput, { body });
    if (input) mutation.mutate(input);
  };
  return (
    <section aria-labelledby="comments-title">
      <h3 id="comments-title">{t('evidence.comments.title')}</h3>
      {item.comments.length === 0 ? (
        <p className="muted">{t('evidence.comments.empty')}</p>
      ) : (
        <ol className="ev-comments">
          {item.comments.map((c) => (
            <li key={c.id}>
              <p className="small muted">
                {c.actor} · <time dateTime={c.at}>{format.dateTime(c.at)}</time>
              </p>
              <p className="prewrap">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <form onSubmit={submit} noValidate className="ev-subform">
          {form.other.length > 0 && <ErrorSummary id="comment-errors" title={t('evidence.couldNotSave')} messages={form.other} />}
          <TextAreaField id="comment-body" rows={2} label={t('evidence.comments.add')} value={body} onChange={(e) => setBody(e.target.value)} error={form.errors.body} />
          <button type="submit" className="button" disabled={mutation.isPending}>
            {t('evidence.comments.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

/** Verification: where the item stands in the workflow, who has it, the move to the next step, and the discussion. */
export function VerificationPanel({ item, canWrite, onConflict }: { item: EvidenceDetail; canWrite: boolean; onConflict: () => void }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  return (
    <section aria-labelledby="verification-title" className="panel">
      <h2 id="verification-title">{t('evidence.status.title')}</h2>
      <p>
        <span className={`badge badge-${statusTone(item.status)}`} data-status={item.status}>
          {label('status', item.status)}
        </span>{' '}
        {item.assignee ? t('evidence.status.assignedTo', { name: item.assignee }) : <span className="muted">{t('evidence.status.unassigned')}</span>}
      </p>
      <Workflow status={item.status} />
      {canWrite && !item.deletedAt && <StatusForm key={`${item.status}-${item.version}`} item={item} onConflict={onConflict} />}
      <Comments item={item} canWrite={canWrite && !item.deletedAt} />
    </section>
  );
}
