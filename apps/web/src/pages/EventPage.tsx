import { useQueries } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../api/client.js';
import { useAll, useRecord } from '../api/queries.js';
import { type ActRecord, type DetentionRecord, type EventRecord, type OfficialFigureRecord, type PersonRecord, type PlaceRecord } from '../api/types.js';
import { PageTitle } from '../components/PageTitle.js';
import { PersonName, Pseudonym } from '../components/PersonName.js';
import { SourceList } from '../components/RecordLinks.js';
import { ErrorState, Loading, QueryView } from '../components/States.js';
import { Timeline, type TimelineItem } from '../components/Timeline.js';
import { useFormat } from '../lib/format.js';
import { useVocab } from '../lib/vocab.js';
import { useSettings } from '../settings/SettingsContext.js';
import { EventEvidenceLinks } from './evidence/EventEvidenceLinks.js';
import { FindingsSection } from './findings/lazy.js';

const PlacesMap = lazy(() => import('../map/PlacesMap.js'));

function Counts({ event, detentions, persons, figures }: { event: EventRecord; detentions: DetentionRecord[]; persons: PersonRecord[]; figures: OfficialFigureRecord[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const range = (min?: number | null, max?: number | null) =>
    min != null && max != null && min !== max ? `${format.number(min)}–${format.number(max)}` : format.number(min ?? max ?? 0);
  return (
    <section aria-labelledby="counts-title" className="panel">
      <h2 id="counts-title">{t('event.counts')}</h2>
      <p className="hint">{t('event.countsIntro')}</p>
      <div className="counts">
        <section className="count-box count-documented" aria-labelledby="count-documented">
          <h3 id="count-documented">{t('event.documented')}</h3>
          <dl>
            <div>
              <dt>{t('event.documentedDetentions')}</dt>
              <dd className="count-number" data-count="documented-detentions">
                {format.number(detentions.length)}
              </dd>
            </div>
            <div>
              <dt>{t('event.documentedPeople')}</dt>
              <dd className="count-number" data-count="documented-people">
                {format.number(persons.length)}
              </dd>
            </div>
          </dl>
        </section>
        <section className="count-box count-claimed" aria-labelledby="count-claimed">
          <h3 id="count-claimed">{t('event.claimed')}</h3>
          {event.estimates.length === 0 ? (
            <p className="muted">{t('event.noClaims')}</p>
          ) : (
            <ul className="figure-list">
              {event.estimates.map((e, i) => (
                <li key={i} data-count="claimed">
                  <span className="count-number">{range(e.min, e.max)}</span> {e.measure}
                  {e.claimedBy && <span className="small muted"> — {t('event.claimedBy', { who: e.claimedBy })}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="count-box count-official" aria-labelledby="count-official">
          <h3 id="count-official">{t('event.official')}</h3>
          {figures.length === 0 ? (
            <p className="muted">{t('event.noOfficial')}</p>
          ) : (
            <ul className="figure-list">
              {figures.map((f) => (
                <li key={f.id} data-count="official">
                  <span className="count-number">{format.number(f.value)}</span> {f.measure}
                  <span className="small muted"> — {t('event.issuedBy', { issuer: f.issuer, date: format.date(f.issuedOn) })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}

/** Everyone recorded for the event, grouped by the role they had there. */
function PeopleByRole({ eventId, persons, detentions }: { eventId: string; persons: PersonRecord[]; detentions: DetentionRecord[] }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const detentionOf = new Map(detentions.map((d) => [d.personId, d.id]));
  const groups = new Map<string, PersonRecord[]>();
  for (const p of persons) {
    const here = p.roles.filter((r) => r.eventId === eventId);
    const roles = here.length > 0 ? here : p.roles.filter((r) => !r.eventId);
    const codes = roles.length > 0 ? [...new Set(roles.map((r) => r.role))] : [''];
    for (const code of codes) groups.set(code, [...(groups.get(code) ?? []), p]);
  }
  const order = [...vocab.terms('role').map((x) => x.code), ''];
  const keys = [...groups.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  if (keys.length === 0) return <p className="muted">{t('event.noPeople')}</p>;
  return (
    <div className="role-groups">
      {keys.map((code) => (
        <section key={code || 'none'} className="role-group" aria-labelledby={`role-${code || 'none'}`}>
          <h3 id={`role-${code || 'none'}`}>
            {code ? vocab.label('role', code) : t('event.noRole')} <span className="count-pill">{groups.get(code)?.length ?? 0}</span>
          </h3>
          <ul>
            {(groups.get(code) ?? []).map((p) => {
              const detentionId = detentionOf.get(p.id);
              return (
                <li key={p.id}>
                  <Link href={detentionId ? `/detentions/${detentionId}` : `/people/${p.id}`}>
                    <PersonName person={p} />
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Acts({ acts, persons }: { acts: ActRecord[]; persons: Map<string, PersonRecord> }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const format = useFormat();
  if (acts.length === 0) return <p className="muted">{t('event.noActs')}</p>;
  return (
    <ul className="record-list">
      {acts.map((a) => {
        const victim = a.victimPersonId ? persons.get(a.victimPersonId) : undefined;
        return (
          <li key={a.id} className="record-row">
            <p className="record-title">{vocab.label('act_type', a.type)}</p>
            <p className="record-meta">
              {a.startAt && <time dateTime={a.startAt}>{format.dateTime(a.startAt, a.startPrecision)}</time>}
              {victim && (
                <>
                  {' · '}
                  {t('event.victim')}: <Pseudonym person={victim} />
                </>
              )}
              {a.methods.length > 0 && ` · ${a.methods.map((m) => vocab.label('force_method', m)).join(', ')}`}
            </p>
            {a.description && <p className="small">{a.description}</p>}
          </li>
        );
      })}
    </ul>
  );
}

/** Places by id, combined into one structurally shared value (stable while nothing changed). */
const combinePlaces = (results: { data?: PlaceRecord; isPending: boolean }[]) => {
  const places = results.flatMap((r) => (r.data ? [r.data] : []));
  return { places, located: places.filter((p) => typeof p.lat === 'number' && typeof p.lon === 'number'), pending: results.some((r) => r.isPending) };
};

function Places({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const { settings } = useSettings();
  const { places, located, pending } = useQueries({
    queries: ids.map((id) => ({ queryKey: ['record', 'places', id], queryFn: ({ signal }: { signal: AbortSignal }) => api.record('places', id, signal), staleTime: 30_000 })),
    combine: combinePlaces,
  });
  if (ids.length === 0) return <p className="muted">{t('event.noPlaces')}</p>;
  if (pending) return <Loading />;
  return (
    <>
      {located.length > 0 ? (
        <Suspense fallback={<Loading label={t('event.loadingMap')} />}>
          <PlacesMap places={located} tileUrl={settings.tileUrl} label={t('event.mapLabel', { count: located.length })} />
        </Suspense>
      ) : (
        <p className="muted">{t('event.noCoordinates')}</p>
      )}
      <ul className="place-list">
        {places.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong> <span className="muted small">{[vocab.label('place_kind', p.kind), p.city, p.address].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function useEventTimeline(event: EventRecord, acts: ActRecord[], detentions: DetentionRecord[], persons: Map<string, PersonRecord>): TimelineItem[] {
  const { t } = useTranslation();
  const vocab = useVocab();
  const items: TimelineItem[] = [{ key: 'start', at: event.startAt, precision: event.startPrecision, timeZone: event.timezone, title: t('event.eventStart'), timeOriginal: event.timeOriginal ?? null }];
  if (event.endAt) items.push({ key: 'end', at: event.endAt, precision: event.endPrecision ?? null, timeZone: event.timezone, title: t('event.eventEnd') });
  for (const a of acts) if (a.startAt) items.push({ key: a.id, at: a.startAt, precision: a.startPrecision ?? null, title: vocab.label('act_type', a.type), body: a.description ? <p className="small">{a.description}</p> : undefined, sourceIds: a.sourceIds });
  for (const d of detentions) {
    const person = persons.get(d.personId);
    items.push({
      key: d.id,
      at: d.apprehendedAt,
      precision: d.apprehendedPrecision,
      timeZone: event.timezone,
      title: (
        <>
          {vocab.label('act_type', 'detention')}: <Link href={`/detentions/${d.id}`}>{person ? <Pseudonym person={person} /> : d.personId}</Link>
        </>
      ),
      timeOriginal: d.apprehendedTimeOriginal ?? null,
      tone: 'danger',
    });
  }
  return items;
}

function EventView({ event }: { event: EventRecord }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const format = useFormat();
  const detentions = useAll('detentions', { eventId: event.id });
  const persons = useAll('persons', { eventId: event.id });
  const acts = useAll('acts', { eventId: event.id });
  const figures = useAll('official-figures', { eventId: event.id });
  const personMap = useMemo(() => new Map((persons.data ?? []).map((p) => [p.id, p])), [persons.data]);
  const timeline = useEventTimeline(event, acts.data ?? [], detentions.data ?? [], personMap);
  const placeIds = [...new Set([...event.placeIds, ...(detentions.data ?? []).flatMap((d) => (d.apprehendedPlaceId ? [d.apprehendedPlaceId] : [])), ...(acts.data ?? []).flatMap((a) => (a.placeId ? [a.placeId] : []))])];
  const all = [detentions, persons, acts, figures];
  const failed = all.find((q) => q.error && q.data === undefined);
  return (
    <article className="event">
      <PageTitle title={event.title} lead={[format.dateTime(event.startAt, event.startPrecision, event.timezone), vocab.label('event_type', event.type), event.city].filter(Boolean).join(' · ')}>
        {event.title}
      </PageTitle>
      <EventEvidenceLinks eventId={event.id} />
      {failed ? (
        <ErrorState error={failed.error} retry={() => all.forEach((q) => void q.refetch())} />
      ) : all.some((q) => q.isPending) ? (
        <Loading />
      ) : (
        <Counts event={event} detentions={detentions.data ?? []} persons={persons.data ?? []} figures={figures.data ?? []} />
      )}
      {(event.summary || event.claims || event.organisers) && (
        <section aria-labelledby="summary-title" className="panel">
          <h2 id="summary-title">{t('event.summary')}</h2>
          {event.summary && <p className="prewrap">{event.summary}</p>}
          <dl className="facts">
            {event.claims && (
              <div>
                <dt>{t('event.claims')}</dt>
                <dd>{event.claims}</dd>
              </div>
            )}
            {event.organisers && (
              <div>
                <dt>{t('event.organisers')}</dt>
                <dd>{event.organisers}</dd>
              </div>
            )}
          </dl>
        </section>
      )}
      <div className="two-col">
        <section aria-labelledby="people-title" className="panel">
          <h2 id="people-title">{t('event.people')}</h2>
          <QueryView query={persons}>{(list) => <PeopleByRole eventId={event.id} persons={list} detentions={detentions.data ?? []} />}</QueryView>
        </section>
        <section aria-labelledby="map-title" className="panel">
          <h2 id="map-title">{t('event.map')}</h2>
          <Places ids={placeIds} />
        </section>
      </div>
      <section aria-labelledby="acts-title" className="panel">
        <h2 id="acts-title">{t('event.acts')}</h2>
        <QueryView query={acts}>{(list) => <Acts acts={list} persons={personMap} />}</QueryView>
      </section>
      <section aria-labelledby="timeline-title" className="panel">
        <h2 id="timeline-title">{t('event.timeline')}</h2>
        <Timeline items={timeline} empty={t('event.noTimeline')} label={t('event.timeline')} />
      </section>
      <FindingsSection scope={{ eventId: event.id }} />
      <section aria-labelledby="sources-title" className="panel">
        <h2 id="sources-title">{t('common.sources')}</h2>
        <SourceList ids={event.sourceIds} />
      </section>
    </article>
  );
}

/** An event: counts kept apart, people by role, acts, timeline, map of its places. */
export function EventPage({ id }: { id: string }) {
  const event = useRecord('events', id);
  return <QueryView query={event}>{(e) => <EventView event={e} />}</QueryView>;
}
