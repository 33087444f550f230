import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useFormat } from '../../lib/format.js';
import { type FactView, type FindingView } from './api.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A short, stable reference to a record: the tail of its id (UUIDv7 heads are timestamps). */
export const recordRef = (id: string): string => `#${id.replace(/-/g, '').slice(-6).toUpperCase()}`;

/**
 * Where a cited record is shown in the app. Acts have no page of their own: they are listed on
 * their event's page. Charges and complaints have none yet, so they are named but not linked.
 */
export function pageOf(entity: string, id: string, eventId: string | null): string | null {
  if (entity === 'event') return `/events/${id}`;
  if (entity === 'detention') return `/detentions/${id}`;
  if (entity === 'person') return `/people/${id}`;
  if (entity === 'act' && eventId) return `/events/${eventId}`;
  return null;
}

/** A cited record: "Custody case #3C9F2A", linked to its page when it has one. */
export function RecordRef({ entity, id, eventId }: { entity: string; id: string; eventId: string | null }) {
  const { t } = useTranslation();
  const label = `${t(`findings.entity.${entity}`, { defaultValue: entity })} ${recordRef(id)}`;
  const href = pageOf(entity, id, eventId);
  return href ? (
    <Link href={href} data-fact-link={`${entity}:${id}`}>
      {label}
    </Link>
  ) : (
    <span>{label}</span>
  );
}

/** A fact's value as a reader needs it: instants in the chosen time zone, lists joined, "nothing recorded" for empties. */
function useValueText() {
  const { t } = useTranslation();
  const format = useFormat();
  const text = (value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('findings.noValue');
    if (typeof value === 'string') return ISO_INSTANT.test(value) ? format.dateTime(value) : value;
    if (typeof value === 'number') return format.number(value, 2);
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map(text).join(', ');
    const json = JSON.stringify(value);
    return json.length > 160 ? `${json.slice(0, 157)}…` : json;
  };
  return text;
}

/** The record fields and values that triggered a finding, each linked to its record. */
export function FactList({ facts, eventId, label }: { facts: readonly FactView[]; eventId: string | null; label?: string }) {
  const text = useValueText();
  return (
    <ul className="finding-facts" aria-label={label}>
      {facts.map((f, i) => (
        <li key={`${f.entity}:${f.id}:${f.field}:${i}`}>
          <RecordRef entity={f.entity} id={f.id} eventId={eventId} /> · <code>{f.field}</code>: <span className="finding-value">{text(f.value)}</span>
        </li>
      ))}
    </ul>
  );
}

/** What moved since the decision: the reviewed values ("then") beside today's ("now"). */
export function Changes({ finding }: { finding: FindingView }) {
  const { t } = useTranslation();
  if (!finding.changes) return null;
  const { added, removed } = finding.changes;
  return (
    <div className="finding-changes">
      <p className="finding-label">{t('findings.changes')}</p>
      <div className="finding-changes-grid">
        <div>
          <p className="small muted">{t('findings.before')}</p>
          {removed.length ? <FactList facts={removed} eventId={finding.eventId} label={t('findings.before')} /> : <p className="small">{t('common.none')}</p>}
        </div>
        <div>
          <p className="small muted">{t('findings.now')}</p>
          {added.length ? <FactList facts={added} eventId={finding.eventId} label={t('findings.now')} /> : <p className="small">{t('common.none')}</p>}
        </div>
      </div>
    </div>
  );
}
