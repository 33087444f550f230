import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { ErrorSummary } from '../../components/Field.js';
import { type FindingDetail, type FindingView, type ReviewDecision, useReview } from './api.js';

/** The server's limit (ReviewInput in core). */
const NOTE_MAX = 2000;

/**
 * Confirm or reject one finding with a note. The note is required to reject (a dismissed
 * suggestion must say why) and optional to confirm, as the server checks. Keyboard: the note gets
 * focus, Ctrl+Enter saves, Escape cancels. The version seen is sent, so a finding recomputed or
 * reviewed meanwhile is refused (409) and reloaded rather than decided blind.
 */
export function ReviewForm({
  finding,
  decision,
  onDone,
  onCancel,
}: {
  finding: FindingView;
  decision: ReviewDecision;
  onDone: (result: FindingDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const review = useReview();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [other, setOther] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const id = `review-note-${finding.id}`;

  useEffect(() => noteRef.current?.focus(), [decision]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (review.isPending) return;
    setOther(null);
    const trimmed = note.trim();
    if (decision === 'reject' && !trimmed) {
      setError(t('findings.noteRequired'));
      noteRef.current?.focus();
      return;
    }
    if (trimmed.length > NOTE_MAX) {
      setError(t('validation.tooLong', { max: NOTE_MAX }));
      noteRef.current?.focus();
      return;
    }
    setError(null);
    review.mutateAsync({ id: finding.id, decision, note: trimmed, version: finding.version }).then(onDone, (err: unknown) => {
      if (isApiError(err) && (err.code === 'VERSION_CONFLICT' || err.status === 409)) setOther(t('findings.conflict'));
      else if (isApiError(err) && err.fields.some((f) => f.path === 'note')) setError(err.fields.find((f) => f.path === 'note')?.problem ?? err.message);
      else setOther(isApiError(err) ? t('validation.serverSaid', { message: err.message }) : String(err));
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form className={`review-form review-form-${decision}`} onSubmit={submit} onKeyDown={onKeyDown} aria-label={t(decision === 'confirm' ? 'findings.confirmTitle' : 'findings.rejectTitle')} noValidate>
      {other && <ErrorSummary id={`${id}-summary`} title={other} messages={[]} />}
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>
          {t('findings.noteLabel')}
          {decision === 'reject' && (
            <span aria-hidden="true" className="required">
              {' '}
              *
            </span>
          )}
        </label>
        <p id={hintId} className="hint">
          {t(decision === 'confirm' ? 'findings.noteHintConfirm' : 'findings.noteHintReject')}
        </p>
        <textarea
          id={id}
          ref={noteRef}
          rows={3}
          value={note}
          maxLength={NOTE_MAX}
          onChange={(e) => setNote(e.target.value)}
          aria-required={decision === 'reject' || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
        />
        {error && (
          <p id={errorId} className="field-error" data-field-error={id}>
            {error}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className={`button ${decision === 'confirm' ? 'button-primary' : 'button-danger'}`} disabled={review.isPending} data-review-submit={decision}>
          {review.isPending ? t('findings.saving') : t(decision === 'confirm' ? 'findings.confirm' : 'findings.reject')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('findings.cancel')}
        </button>
      </div>
    </form>
  );
}
