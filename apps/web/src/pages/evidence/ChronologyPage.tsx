import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useRecord } from '../../api/queries.js';
import { PageTitle } from '../../components/PageTitle.js';
import { SourceList } from '../../components/RecordLinks.js';
import { QueryView } from '../../components/States.js';
import { useFormat } from '../../lib/format.js';
import { useChronology, type ChronologyView, type IncidentSummary } from './evidenceApi.js';
import { useCodeLabel } from './labels.js';
import './evidence.css';

type Entry = ChronologyView['entries'][number];

/** The server states where each time comes from in fixed English phrases; these are their words here. */
function useBasis(): (basis: string) => string {
  const { t } = useTranslation();
  const label = useCodeLabel();
  return (basis) => {
    const claim = /^chronolocation:(\w+) \((\w+), (\w+)\)$/.exec(basis);
    if (claim) return t('evidence.chronology.basis.claim', { method: label('chronoMethod', claim[1]), status: label('claimStatus', claim[2]), confidence: label('confidence', claim[3]) });
    if (basis.startsWith('metadata capture time')) return t('evidence.chronology.basis.metadata');
    if (basis.startsWith('post time')) return t('evidence.chronology.basis.posted');
    if (basis === 'act record') return t('evidence.chronology.basis.act');
    if (basis === 'no time known') return t('evidence.chronology.basis.none');
    return basis;
  };
}

/** Where an entry's window sits on the span of the whole chronology: a band as wide as the uncertainty. */
function Band({ entry, start, span }: { entry: Entry; start: number; span: number }) {
  const from = entry.from ? Date.parse(entry.from) : start;
  const to = entry.to ? Date.parse(entry.to) : from;
  const left = span > 0 ? ((from - start) / span) * 100 : 0;
  const width = span > 0 ? Math.max(((to - from) / span) * 100, 0.8) : 100;
  return (
    <div className="ev-band-track" aria-hidden="true">
      <div className={`ev-band ev-band-${entry.precision}${entry.verified ? ' ev-band-verified' : ''}`} style={{ left: `${Math.min(left, 99.2)}%`, width: `${Math.min(width, 100 - Math.min(left, 99.2))}%` }} />
    </div>
  );
}

function When({ entry, timeZone }: { entry: Entry; timeZone: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (entry.precision === 'undated') return <>{t('evidence.chronology.undated')}</>;
  if (entry.precision === 'before' && entry.to) return <>{t('evidence.chronology.before', { time: format.dateTime(entry.to, null, timeZone) })}</>;
  const from = entry.from ?? entry.to;
  if (!from) return <>{t('evidence.chronology.undated')}</>;
  const fromText = format.dateTime(from, null, timeZone);
  if (!entry.to || entry.to === from) return <time dateTime={from}>{fromText}</time>;
  return (
    <>
      <time dateTime={from}>{fromText}</time> – <time dateTime={entry.to}>{format.dateTime(entry.to, null, timeZone)}</time>
    </>
  );
}

function Entries({ entries, timeZone }: { entries: Entry[]; timeZone: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useCodeLabel();
  const basis = useBasis();
  const times = entries.flatMap((e) => [e.from, e.to]).filter((x): x is string => Boolean(x)).map((x) => Date.parse(x));
  const start = times.length > 0 ? Math.min(...times) : 0;
  const span = times.length > 0 ? Math.max(...times) - start : 0;
  if (entries.length === 0) return <p className="muted">{t('evidence.chronology.empty')}</p>;
  return (
    <>
      {span > 0 && (
        <p className="small muted">
          {t('evidence.chronology.scale', { from: format.dateTime(new Date(start).toISOString(), null, timeZone), to: format.dateTime(new Date(start + span).toISOString(), null, timeZone) })}
        </p>
      )}
      <ol className="record-list ev-chronology">
        {entries.map((e) => (
          <li key={`${e.kind}-${e.id}`} className="record-row" data-entry={e.id} data-precision={e.precision} data-verified={e.verified ? 'true' : 'false'}>
            <p className="record-meta">
              <strong>
                <When entry={e} timeZone={timeZone} />
              </strong>{' '}
              <span className={`badge ev-precision-${e.precision}`}>{label('precisionBand', e.precision)}</span>{' '}
              {e.verified ? <span className="badge badge-info">✓ {t('evidence.chronology.verified')}</span> : e.status ? <span className="badge badge-warning">{label('status', e.status)}</span> : null}
            </p>
            <p>
              <span className="muted small">{t(`evidence.chronology.kind.${e.kind}`)}</span> {e.kind === 'evidence' ? <Link href={`/evidence/${e.id}`}>{e.label}</Link> : e.label}
            </p>
            <p className="small muted">{basis(e.basis)}</p>
            {e.precision !== 'undated' && <Band entry={e} start={start} span={span} />}
          </li>
        ))}
      </ol>
    </>
  );
}

function Incident({ incident, timeZone }: { incident: IncidentSummary; timeZone: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const count = (n: number | null) => (n === null ? t('evidence.chronology.notCounted') : t('evidence.chronology.atLeast', { n }));
  return (
    <li className="record-row" data-incident={incident.id}>
      <h3 className="record-title">{incident.title}</h3>
      {(incident.from || incident.to) && (
        <p className="record-meta">
          {format.dateTime(incident.from, null, timeZone)} – {format.dateTime(incident.to, null, timeZone)}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('evidence.chronology.killed')}</dt>
          <dd data-count="killed">{count(incident.killed)}</dd>
        </div>
        <div>
          <dt>{t('evidence.chronology.injured')}</dt>
          <dd data-count="injured">{count(incident.injured)}</dd>
        </div>
        <div>
          <dt>{t('evidence.chronology.items')}</dt>
          <dd>{t('evidence.chronology.itemCounts', { total: incident.items.total, videos: incident.items.videos, images: incident.items.images, verified: incident.items.verified })}</dd>
        </div>
      </dl>
      {incident.countNote && <p className="small">{t('evidence.chronology.countNote', { note: incident.countNote })}</p>}
      {incident.description && <p className="small prewrap">{incident.description}</p>}
      <p className="small muted">{t('evidence.chronology.countSources')}</p>
      <SourceList ids={incident.sourceIds} />
    </li>
  );
}

function ChronologyContent({ eventId, chronology }: { eventId: string; chronology: ChronologyView }) {
  const { t } = useTranslation();
  const event = useRecord('events', eventId);
  const name = event.data?.title ?? '…';
  const timeZone = event.data?.timezone ?? null;
  return (
    <article>
      <PageTitle title={t('evidence.chronology.title', { event: name })} lead={t('evidence.chronology.intro')}>
        {t('evidence.chronology.title', { event: name })}
      </PageTitle>
      <p>
        <Link href={`/events/${eventId}`}>{t('evidence.chronology.backToEvent')}</Link> · <Link href={`/evidence?eventId=${eventId}`}>{t('evidence.chronology.allEvidence')}</Link>
      </p>
      <section aria-labelledby="incidents-title" className="panel">
        <h2 id="incidents-title">{t('evidence.chronology.incidents')}</h2>
        <p className="hint">{t('evidence.chronology.incidentsIntro')}</p>
        {chronology.incidents.length === 0 ? (
          <p className="muted">{t('evidence.chronology.noIncidents')}</p>
        ) : (
          <ul className="record-list">
            {chronology.incidents.map((i) => (
              <Incident key={i.id} incident={i} timeZone={timeZone} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="entries-title" className="panel">
        <h2 id="entries-title">{t('evidence.chronology.entries')}</h2>
        <p className="hint">{t('evidence.chronology.entriesIntro', { zone: timeZone ?? '' })}</p>
        <Entries entries={chronology.entries} timeZone={timeZone} />
      </section>
    </article>
  );
}

/** An event's evidence and acts in order of best-known time, with precision bands and what is verified; its incidents above. */
export default function ChronologyPage({ id }: { id: string }) {
  const chronology = useChronology(id);
  return <QueryView query={chronology}>{(c) => <ChronologyContent eventId={id} chronology={c} />}</QueryView>;
}
