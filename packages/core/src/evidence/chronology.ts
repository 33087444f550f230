import { z } from 'zod';
import { type ChronolocationRecord, type EvidenceItem, IncidentSummary, type ProvenanceRecord } from './evidence.schema.js';

export const ChronologyEntry = z.object({
  kind: z.enum(['evidence', 'act']),
  id: z.string(),
  label: z.string(),
  /** Best-known time: the start of the window (sort key); null when undated. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** exact | minutes | hour | approximate | day | before (only an upper bound) | undated. */
  precision: z.string(),
  /** Where the time comes from: a confirmed/proposed chronolocation (with its method), metadata, post time, the act record. */
  basis: z.string(),
  verified: z.boolean(),
  status: z.string().nullable(),
});
export type ChronologyEntry = z.infer<typeof ChronologyEntry>;
export const Chronology = z.object({ eventId: z.string(), entries: z.array(ChronologyEntry), incidents: z.array(IncidentSummary) });

const RANK = { high: 3, medium: 2, low: 1 } as const;

/** The precision band of a time window, by its width. */
export function precisionOf(from: string, to: string): string {
  const minutes = (Date.parse(to) - Date.parse(from)) / 60000;
  if (minutes <= 2) return 'exact';
  if (minutes <= 60) return 'minutes';
  if (minutes <= 180) return 'hour';
  if (minutes <= 24 * 60) return 'day';
  return 'approximate';
}

/**
 * When an item was recorded, best evidence first: a confirmed chronolocation, then the most
 * confident proposed one, then the file's own capture time, then "before it was posted".
 */
function itemTime(item: EvidenceItem, claims: ChronolocationRecord[], provenance: ProvenanceRecord[]): Pick<ChronologyEntry, 'from' | 'to' | 'precision' | 'basis'> {
  const live = claims.filter((c) => c.status !== 'rejected');
  const confirmed = live.filter((c) => c.status === 'confirmed');
  const pool = confirmed.length > 0 ? confirmed : live;
  const best = [...pool].sort((a, b) => RANK[b.confidence] - RANK[a.confidence] || (Date.parse(a.to) - Date.parse(a.from)) - (Date.parse(b.to) - Date.parse(b.from)))[0];
  if (best) return { from: best.from, to: best.to, precision: precisionOf(best.from, best.to), basis: `chronolocation:${best.method} (${best.status}, ${best.confidence})` };
  if (item.metadata.captureTime) return { from: item.metadata.captureTime, to: item.metadata.captureTime, precision: 'exact', basis: 'metadata capture time (unverified)' };
  const posted = provenance.map((p) => p.postedAt).filter((t): t is string => Boolean(t)).sort()[0];
  if (posted) return { from: null, to: posted, precision: 'before', basis: 'post time (recorded before it was posted)' };
  return { from: null, to: null, precision: 'undated', basis: 'no time known' };
}

export interface ChronologyAct {
  id: string;
  type: string;
  startAt: string | null;
  endAt: string | null;
  startPrecision: string | null;
  description: string | null;
}

/** Evidence and acts of one event, ordered by best-known time; undated ones last. */
export function buildChronology(
  eventId: string,
  items: { item: EvidenceItem; chronolocations: ChronolocationRecord[]; provenance: ProvenanceRecord[] }[],
  acts: ChronologyAct[],
): Omit<z.infer<typeof Chronology>, 'incidents'> {
  const entries: ChronologyEntry[] = [
    ...items.map(({ item, chronolocations, provenance }) => ({
      kind: 'evidence' as const, id: item.id, label: item.title ?? item.filename, ...itemTime(item, chronolocations, provenance),
      verified: item.status === 'verified', status: item.status,
    })),
    ...acts.map((a) => ({
      kind: 'act' as const, id: a.id, label: a.description ? `${a.type}: ${a.description.slice(0, 80)}` : a.type,
      from: a.startAt, to: a.endAt ?? a.startAt, precision: a.startAt ? (a.startPrecision ?? 'approximate') : 'undated', basis: 'act record',
      verified: false, status: null,
    })),
  ];
  const key = (e: ChronologyEntry) => e.from ?? e.to ?? '\uffff';
  entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1));
  return { eventId, entries };
}
