import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { isApiError } from '../../api/client.js';
import { useRecord } from '../../api/queries.js';
import { Pseudonym, RealName } from '../../components/PersonName.js';
import { useFormat } from '../../lib/format.js';
import { useVocab } from '../../lib/vocab.js';
import { type MergeView, type PersonBrief, useDecision } from './api.js';

/** The script of a spelling, for the label beside it (the record keeps its own; this is for the eye). */
const scriptOf = (name: string): string => (/[\u0400-\u04FF]/.test(name) ? 'cyrl' : /[A-Za-z]/.test(name) ? 'latn' : 'other');

function EventLink({ id }: { id: string }) {
  const event = useRecord('events', id);
  return <Link href={`/events/${id}`}>{event.data?.title ?? id}</Link>;
}

/** One side of the pair: everything that tells one person from a namesake. */
function PersonColumn({ person, side, reveal, first }: { person: PersonBrief; side: 'A' | 'B'; reveal: boolean; first: boolean }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <div className="pair-person" data-person={person.id}>
      <h3>
        {t('imports.merges.person', { side })}: <Link href={`/people/${person.id}`}>
          <Pseudonym person={{ id: person.id, pseudonym: person.pseudonym }} />
        </Link>
        {person.deleted && <span className="badge badge-warning"> {t('imports.merges.deleted')}</span>}
      </h3>
      {first && <p className="muted small">{t('imports.merges.recordedFirst')}</p>}
      <dl className="facts">
        <dt>{t('imports.merges.names')}</dt>
        <dd>
          {person.names === null ? (
            <span className="muted">{t('imports.merges.namesHidden')}</span>
          ) : !reveal ? (
            <span className="muted">{t('imports.merges.namesNotShown', { count: person.names.length })}</span>
          ) : person.names.length ? (
            <ul className="plain-list">
              {person.names.map((n) => (
                <li key={n}>
                  <RealName name={n} /> <span className="muted small">({vocab.label('script', scriptOf(n))})</span>
                </li>
              ))}
            </ul>
          ) : (
            none
          )}
        </dd>
        <dt>{t('imports.merges.birthYear')}</dt>
        <dd>{person.birthYear ?? none}</dd>
        <dt>{t('imports.merges.cities')}</dt>
        <dd>{person.cities === null ? <span className="muted">{t('imports.merges.restricted')}</span> : person.cities.length ? person.cities.join(', ') : none}</dd>
        <dt>{t('imports.merges.roles')}</dt>
        <dd>{person.roles.length ? person.roles.map((r) => vocab.label('role', r)).join(', ') : none}</dd>
        <dt>{t('imports.merges.events')}</dt>
        <dd>
          {person.eventIds === null ? (
            <span className="muted">{t('imports.merges.restricted')}</span>
          ) : person.eventIds.length ? (
            <ul className="plain-list">
              {person.eventIds.map((id) => (
                <li key={id}>
                  <EventLink id={id} />
                </li>
              ))}
            </ul>
          ) : (
            none
          )}
        </dd>
      </dl>
    </div>
  );
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A candidate pair side by side, its score and reasons, and what a reviewer may do with it. */
export function PairCard({ pair, reveal, canDecide, onDone }: { pair: MergeView; reveal: boolean; canDecide: boolean; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const decide = useDecision();
  // The one recorded first keeps its id unless the reviewer says otherwise (UUIDv7 ids sort by time).
  const first = pair.personA.id < pair.personB.id ? pair.personA.id : pair.personB.id;
  const [survivor, setSurvivor] = useState(first);
  const [note, setNote] = useState('');
  const [error, setError] = useState<{ text: string; forceable: boolean } | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const busy = decide.accept.isPending || decide.reject.isPending || decide.unmerge.isPending;
  const onError = (e: unknown) => setError({ text: messageOf(e), forceable: isApiError(e) && e.status === 409 && /force/.test(e.message) });
  const unmerge = (force: boolean) =>
    decide.unmerge.mutate({ id: pair.id, note, force }, {
      onError,
      onSuccess: (r) => {
        setError(null);
        setWarnings(r.warnings);
        onDone([t('imports.merges.unmerged'), ...r.warnings].join(' '));
      },
    });
  const open = pair.status === 'pending' || pair.status === 'unmerged';
  const titleId = `pair-${pair.id}`;
  return (
    <article className="stripe-card pair" aria-labelledby={titleId} data-pair={pair.id} data-status={pair.status}>
      <header className="pair-head">
        <h2 id={titleId} className="pair-title">
          {t('imports.merges.score', { percent: Math.round(pair.score * 100) })}
        </h2>
        <meter min={0} max={1} low={0.6} high={0.85} optimum={1} value={pair.score} aria-label={t('imports.merges.scoreLabel')} />
        <span className="badge badge-info">{t(`imports.merges.status.${pair.status}`)}</span>
      </header>
      <div className="pair-reasons">
        <h3>{t('imports.merges.reasons')}</h3>
        {pair.reasons === null ? (
          <p className="muted">{t('imports.merges.reasonsHidden')}</p>
        ) : !reveal ? (
          <p className="muted">{t('imports.merges.reasonsNotShown')}</p>
        ) : (
          <ul>
            {pair.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="pair-sides">
        <PersonColumn person={pair.personA} side="A" reveal={reveal} first={pair.personA.id === first} />
        <PersonColumn person={pair.personB} side="B" reveal={reveal} first={pair.personB.id === first} />
      </div>
      {pair.decidedAt && (
        <p className="record-meta">
          {t('imports.merges.decided', { status: t(`imports.merges.status.${pair.status}`), who: pair.decidedBy ?? '', when: format.dateTime(pair.decidedAt) })}
          {pair.note ? ` · ${pair.note}` : ''}
        </p>
      )}
      {canDecide && (open || pair.status === 'accepted') && (
        <div className="pair-actions">
          {open && (
            <fieldset className="survivor-choice">
              <legend>{t('imports.merges.survivor')}</legend>
              {[pair.personA, pair.personB].map((p, i) => (
                <div className="field field-checkbox" key={p.id}>
                  <input type="radio" id={`${titleId}-keep-${i}`} name={`${titleId}-survivor`} checked={survivor === p.id} onChange={() => setSurvivor(p.id)} />
                  <label htmlFor={`${titleId}-keep-${i}`}>{t('imports.merges.keeps', { side: i === 0 ? 'A' : 'B' })}</label>
                </div>
              ))}
            </fieldset>
          )}
          <div className="field">
            <label htmlFor={`${titleId}-note`}>{t('imports.merges.note')}</label>
            <input id={`${titleId}-note`} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="form-actions">
            {open && (
              <>
                <button type="button" className="button button-primary" disabled={busy} onClick={() => decide.accept.mutate({ id: pair.id, survivorId: survivor, note, version: pair.version }, { onError, onSuccess: () => onDone(t('imports.merges.accepted')) })}>
                  {t('imports.merges.accept')}
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => decide.reject.mutate({ id: pair.id, note, version: pair.version }, { onError, onSuccess: () => onDone(t('imports.merges.rejected')) })}>
                  {t('imports.merges.reject')}
                </button>
              </>
            )}
            {pair.status === 'accepted' && (
              <button type="button" className="button" disabled={busy} onClick={() => unmerge(false)}>
                {t('imports.merges.unmerge')}
              </button>
            )}
            {pair.status === 'accepted' && error?.forceable && (
              <button type="button" className="button" disabled={busy} onClick={() => unmerge(true)}>
                {t('imports.merges.unmergeAnyway')}
              </button>
            )}
          </div>
          {open && <p className="hint">{t('imports.merges.acceptHint')}</p>}
        </div>
      )}
      {error && (
        <p className="notice notice-warning" role="alert">
          {error.text}
        </p>
      )}
      {warnings.map((w) => (
        <p key={w} className="notice notice-warning" role="status">
          {w}
        </p>
      ))}
    </article>
  );
}
