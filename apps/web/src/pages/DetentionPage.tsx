import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { useCustody, useRecord } from '../api/queries.js';
import { type Alert, type CustodyAssessment, type DetentionRecord } from '../api/types.js';
import { FamilyStatus, LawyerStatus, StateBadge, Whereabouts } from '../components/CustodyFacts.js';
import { Elapsed } from '../components/Elapsed.js';
import { PageTitle } from '../components/PageTitle.js';
import { PersonName, Pseudonym } from '../components/PersonName.js';
import { EventLink, PlaceName, SourceList } from '../components/RecordLinks.js';
import { ErrorState, Loading } from '../components/States.js';
import { Timeline, type TimelineItem } from '../components/Timeline.js';
import { useFormat } from '../lib/format.js';
import { personRef } from '../lib/person.js';
import { pickLabel, useVocab } from '../lib/vocab.js';
import { FindingsSection } from './findings/lazy.js';
import { QUICK_STEPS, StepForm, type StepFormHandle } from './StepForm.js';

const RELEASING = new Set(['released', 'house_arrest']);
const DANGER = new Set(['whereabouts_unknown', 'lawyer_refused', 'duty_lawyer_imposed', 'phone_confiscated']);

function AlertList({ alerts }: { alerts: readonly Alert[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (alerts.length === 0) return <p className="muted">{t('board.noAlerts')}</p>;
  return (
    <ul className="alert-list">
      {alerts.map((a) => (
        <li key={`${a.code}-${a.since}`} className={`alert alert-${a.severity}`}>
          <p>
            <span className={`badge badge-${a.severity}`}>{t(`severity.${a.severity}`)}</span> <strong>{pickLabel(a.label, i18n.language) ?? a.code}</strong>
          </p>
          <p className="small">
            {[
              t('detention.alertLimit', { hours: format.hours(a.hours) }),
              a.late && a.satisfiedAt ? t('detention.alertLate', { time: format.dateTime(a.satisfiedAt) }) : t('detention.alertSince', { time: format.dateTime(a.since) }),
              t('detention.alertCitation', { citation: a.citation }),
              a.origin,
            ].join(' · ')}
          </p>
          <p className="small muted" lang="en">
            {a.message}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Facts({ detention: d, assessment: a, fetchedAt }: { detention: DetentionRecord; assessment: CustodyAssessment; fetchedAt: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const vocab = useVocab();
  const person = useRecord('persons', d.personId);
  return (
    <dl className="facts">
      <div>
        <dt>{t('detention.person')}</dt>
        <dd>
          {person.data ? <PersonName person={person.data} revealable /> : personRef(d.personId)}{' '}
          <Link href={`/people/${d.personId}`} className="small">
            {t('person.open')}
          </Link>
        </dd>
      </div>
      <div>
        <dt>{t('detention.heldFor')}</dt>
        <dd className="fact-clock">
          <Elapsed since={a.restrictedAt} until={a.releasedAt} serverNow={a.now} fetchedAt={fetchedAt} /> <StateBadge state={a.state} />
          {a.releasedAt && <span className="small"> {t('detention.releasedAt', { time: format.dateTime(a.releasedAt) })}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('detention.apprehended')}</dt>
        <dd>
          {format.dateTime(d.apprehendedAt, d.apprehendedPrecision)}
          {d.apprehendedTimeOriginal && <span className="quote"> {t('detention.timeOriginal', { text: d.apprehendedTimeOriginal })}</span>}
          {d.apprehendedPlaceId && (
            <>
              {' · '}
              <PlaceName id={d.apprehendedPlaceId} />
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('board.where')}</dt>
        <dd>
          <Whereabouts assessment={a} />
        </dd>
      </div>
      <div>
        <dt>{t('board.lawyer')}</dt>
        <dd>
          <LawyerStatus assessment={a} />
        </dd>
      </div>
      <div>
        <dt>{t('board.family')}</dt>
        <dd>
          <FamilyStatus assessment={a} />
        </dd>
      </div>
      <div>
        <dt>{t('detention.protocol')}</dt>
        <dd>{a.protocolAt ? t('detention.protocolAt', { time: format.dateTime(a.protocolAt), hours: format.hours(a.hoursToProtocol ?? 0) }) : t('detention.noProtocol')}</dd>
      </div>
      <div>
        <dt>{t('detention.legalBasis')}</dt>
        <dd>{[vocab.label('legal_basis', d.legalBasis), d.legalArticle].filter(Boolean).join(' · ')}</dd>
      </div>
      <div>
        <dt>{t('common.city')}</dt>
        <dd>{d.city ?? t('common.none')}</dd>
      </div>
      {d.eventId && (
        <div>
          <dt>{t('common.event')}</dt>
          <dd>
            <EventLink id={d.eventId} />
          </dd>
        </div>
      )}
    </dl>
  );
}

function useTimelineItems(d: DetentionRecord): TimelineItem[] {
  const { t } = useTranslation();
  const vocab = useVocab();
  return [
    {
      key: 'apprehended',
      at: d.apprehendedAt,
      precision: d.apprehendedPrecision,
      title: t('detention.apprehended'),
      timeOriginal: d.apprehendedTimeOriginal ?? null,
      body: d.apprehendedPlaceId ? (
        <p className="small">
          <PlaceName id={d.apprehendedPlaceId} />
        </p>
      ) : undefined,
      sourceIds: d.sourceIds,
      tone: 'danger',
    },
    ...d.steps.map((s, i) => ({
      key: `step-${i}`,
      at: s.at,
      precision: s.precision,
      title: vocab.label('custody_step', s.type),
      timeOriginal: s.timeOriginal ?? null,
      body: (
        <>
          {s.placeId && (
            <p className="small">
              <PlaceName id={s.placeId} />
            </p>
          )}
          {s.note && <p className="small">{s.note}</p>}
        </>
      ),
      sourceIds: s.sourceIds,
      tone: RELEASING.has(s.type) ? ('ok' as const) : DANGER.has(s.type) ? ('danger' as const) : ('neutral' as const),
    })),
  ];
}

function DetentionView({ detention: d, assessment: a, fetchedAt }: { detention: DetentionRecord; assessment: CustodyAssessment; fetchedAt: number }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const person = useRecord('persons', d.personId);
  const form = useRef<StepFormHandle>(null);
  const [added, setAdded] = useState<string | null>(null);
  const isNew = new URLSearchParams(useSearch()).get('new') === '1';
  const items = useTimelineItems(d);
  const name = person.data ? <Pseudonym person={person.data} /> : personRef(d.personId);
  const title = person.data?.pseudonym ?? personRef(d.personId);
  return (
    <article className="detention">
      <PageTitle title={`${t('detention.title')}: ${title}`}>
        <span className="muted title-kicker">{t('detention.title')}</span> {name}
      </PageTitle>
      {isNew && !added && (
        <p className="notice notice-ok" role="status">
          {t('detention.newReport')}
        </p>
      )}
      <div className="detention-grid">
        <section aria-labelledby="facts-title" className="panel">
          <h2 id="facts-title" className="visually-hidden">
            {t('detention.title')}
          </h2>
          <Facts detention={d} assessment={a} fetchedAt={fetchedAt} />
        </section>
        <section aria-labelledby="alerts-title" className="panel">
          <h2 id="alerts-title">{t('detention.alerts')}</h2>
          <AlertList alerts={a.alerts} />
        </section>
      </div>

      <section aria-labelledby="actions-title" className="panel">
        <h2 id="actions-title">{t('detention.quickActions')}</h2>
        <p className="hint">{t('detention.quickActionsHint')}</p>
        <div className="quick-actions" role="group" aria-label={t('detention.quickActions')}>
          {QUICK_STEPS.map((type) => (
            <button key={type} type="button" className="button button-small" data-step={type} onClick={() => form.current?.choose(type)}>
              {vocab.label('custody_step', type)}
            </button>
          ))}
        </div>
        <div role="status" aria-live="polite">
          {added && <p className="notice notice-ok">{t('detention.stepAdded', { type: vocab.label('custody_step', added) })}</p>}
        </div>
        <StepForm ref={form} detention={d} onAdded={setAdded} />
      </section>

      <section aria-labelledby="timeline-title" className="panel">
        <h2 id="timeline-title">{t('detention.timeline')}</h2>
        <Timeline items={items} empty={t('detention.noSteps')} label={t('detention.timeline')} />
      </section>

      {d.notes && (
        <section aria-labelledby="notes-title" className="panel">
          <h2 id="notes-title">{t('detention.notes')}</h2>
          <p className="prewrap">{d.notes}</p>
        </section>
      )}
      <FindingsSection scope={{ subjectId: d.id }} />
      <section aria-labelledby="sources-title" className="panel">
        <h2 id="sources-title">{t('common.sources')}</h2>
        <SourceList ids={d.sourceIds} />
      </section>
    </article>
  );
}

/** One custody case: clock, alerts, quick steps, the timeline with times, precision and sources. */
export function DetentionPage({ id }: { id: string }) {
  const detention = useRecord('detentions', id);
  const custody = useCustody(id);
  if (detention.isPending || custody.isPending) return <Loading />;
  if (detention.error || !detention.data) return <ErrorState error={detention.error} retry={detention.refetch} />;
  if (custody.error || !custody.data) return <ErrorState error={custody.error} retry={custody.refetch} />;
  return <DetentionView detention={detention.data} assessment={custody.data} fetchedAt={custody.dataUpdatedAt} />;
}
