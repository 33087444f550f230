import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { pickLabel } from '../../lib/vocab.js';
import { type FindingDetail, type FindingView, type ReviewDecision, type StandardView, useFindingDetail } from './api.js';
import { Changes, FactList, RecordRef } from './Facts.js';
import { ReviewForm } from './ReviewForm.js';
import { Citations, Thresholds } from './Standards.js';

const typing = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A', 'SUMMARY'].includes(el.tagName));

export function StatusBadge({ status }: { status: FindingView['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`finding-status finding-status-${status}`} data-status={status}>
      {t(`findings.status.${status}`)}
    </span>
  );
}

/** Who decided what, when, and why (the note is stored encrypted and shown to readers of the finding). */
function Decision({ finding }: { finding: FindingView }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!finding.decision) return null;
  return (
    <div className="finding-decision">
      <p>
        <strong>{t('findings.decided', { decision: t(`findings.decision.${finding.decision}`), reviewer: finding.reviewer ?? '?', time: format.dateTime(finding.reviewedAt) })}</strong>
      </p>
      {finding.reviewNote && (
        <blockquote className="prewrap" aria-label={t('findings.note')} data-review-note="">
          {finding.reviewNote}
        </blockquote>
      )}
    </div>
  );
}

/** Status changes, by a person or by recomputation, fetched when the details are opened. */
function History({ detail }: { detail: FindingDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ol className="finding-history">
      {detail.history.map((h, i) => (
        <li key={`${h.at}-${i}`}>
          {t('findings.historyEntry', {
            time: format.dateTime(h.at),
            actor: h.actor,
            from: h.fromStatus ? t(`findings.status.${h.fromStatus}`) : '—',
            to: t(`findings.status.${h.toStatus}`),
          })}
          {h.note && <span className="prewrap"> — {h.note}</span>}
        </li>
      ))}
    </ol>
  );
}

function Details({ id }: { id: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const detail = useFindingDetail(id, open);
  return (
    <details className="finding-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('findings.details')}</summary>
      {open && (
        <QueryView query={detail}>
          {(d) => (
            <>
              <p className="finding-label">{t('findings.history')}</p>
              <History detail={d} />
            </>
          )}
        </QueryView>
      )}
    </details>
  );
}

export interface FindingCardProps {
  finding: FindingView;
  standards: ReadonlyMap<string, StandardView>;
  /** Whether the reader may confirm or reject (`findings:review`). */
  canReview: boolean;
  /** Called after a decision was saved (to announce it and move focus on). */
  onReviewed?: (result: FindingDetail) => void;
  /** Receives the card element (a list focuses cards with J / K and after a decision). */
  cardRef?: (el: HTMLLIElement | null) => void;
}

/**
 * One finding: severity and status, the explanation, the standards cited with how firm each
 * citation is, every threshold with its origin (CONV marked as a monitors' convention), the facts
 * that triggered it linked to their records, the decision and its note, and, for reviewers,
 * confirm / reject. Keyboard: with the card focused, C opens confirm and R opens reject.
 */
export function FindingCard({ finding: f, standards, canReview, onReviewed, cardRef }: FindingCardProps) {
  const { t, i18n } = useTranslation();
  const [deciding, setDeciding] = useState<ReviewDecision | null>(null);
  const self = useRef<HTMLLIElement | null>(null);
  const reviewable = canReview && f.status !== 'obsolete';
  const titleId = `finding-${f.id}-title`;

  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (!reviewable || deciding || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    const key = e.key.toLowerCase();
    if (key === 'c' || key === 'r') {
      e.preventDefault();
      setDeciding(key === 'c' ? 'confirm' : 'reject');
    }
  };

  return (
    <li
      ref={(el) => {
        self.current = el;
        cardRef?.(el);
      }}
      className={`stripe-card finding finding-${f.severity}`}
      tabIndex={-1}
      aria-labelledby={titleId}
      data-finding-id={f.id}
      data-finding-status={f.status}
      onKeyDown={onKeyDown}
    >
      <div className="finding-badges">
        <span className={`badge badge-${f.severity}`}>{t(`severity.${f.severity}`)}</span> <StatusBadge status={f.status} />
        <span className="small muted"> · {f.standardIds.join(', ')}</span>
      </div>
      <h3 id={titleId} className="finding-title">
        {pickLabel(f.explanation, i18n.language) ?? f.rule.title}
      </h3>
      <p className="small muted">
        {t('findings.subject')}: <RecordRef entity={f.subject.entity} id={f.subject.id} eventId={f.eventId} /> · <span lang="en">{t('findings.rule', { rule: f.rule.title ?? f.rule.id })}</span>
      </p>

      {f.reviewReason && (
        <p className="notice notice-warning" data-review-reason={f.reviewReason}>
          {t(`findings.reviewReason.${f.reviewReason}`)}
        </p>
      )}
      <Changes finding={f} />

      <div className="finding-grid">
        <section aria-label={t('findings.citations')}>
          <p className="finding-label">{t('findings.citations')}</p>
          <Citations ids={f.standardIds} byId={standards} />
        </section>
        {f.thresholds.length > 0 && (
          <section aria-label={t('findings.thresholds')}>
            <p className="finding-label">{t('findings.thresholds')}</p>
            <Thresholds thresholds={f.thresholds} byId={standards} />
          </section>
        )}
        <section aria-label={t('findings.facts')}>
          <p className="finding-label">{t('findings.facts')}</p>
          <FactList facts={f.facts} eventId={f.eventId} />
        </section>
      </div>

      <Decision finding={f} />

      {reviewable &&
        (deciding ? (
          <ReviewForm
            finding={f}
            decision={deciding}
            onDone={(result) => {
              setDeciding(null);
              onReviewed?.(result);
            }}
            onCancel={() => {
              setDeciding(null);
              // The form (and the focus in it) goes away: keep the reader on this finding.
              self.current?.focus();
            }}
          />
        ) : (
          <div className="finding-actions" role="group" aria-label={t('findings.actions')}>
            <button type="button" className="button button-small" onClick={() => setDeciding('confirm')} data-review="confirm">
              {t('findings.confirm')}
            </button>
            <button type="button" className="button button-small" onClick={() => setDeciding('reject')} data-review="reject">
              {t('findings.reject')}
            </button>
          </div>
        ))}
      <Details id={f.id} />
    </li>
  );
}
