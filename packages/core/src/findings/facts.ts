import crypto from 'node:crypto';
import { type EntityName } from '../records/entities.js';
import { type StoredRecord } from '../repositories.js';
import {
  type ActFacts, type ChargeFacts, type ComplaintFacts, type DetentionFacts, type EventFacts, type FactEntity, type FactRef, type FactsBundle,
  type Finding, type PersonFacts, type StepFacts,
} from '../standards/index.js';
import { type FindingConfidentiality as Confidentiality, type FactRecords, type FindingGroup } from './types.js';

/**
 * From stored records to the engine's FactsBundle, and the bookkeeping around it: which group a
 * record belongs to, the slice of a record the rules can see (a write outside it cannot change a
 * finding), protected values kept out of stored facts, and the hash that tells changed facts apart.
 */

type R = StoredRecord;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const or = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const byId = <T extends { id: string }>(xs: T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const live = (r: R | null | undefined): r is R => Boolean(r) && !r?.deletedAt;

export const eventGroup = (eventId: string): FindingGroup => ({ key: `event:${eventId}`, eventId, personId: null });
export const personGroup = (personId: string): FindingGroup => ({ key: `person:${personId}`, eventId: null, personId });

export function parseGroupKey(key: string): FindingGroup | null {
  const [kind, id] = key.split(':');
  if (!id) return null;
  return kind === 'event' ? eventGroup(id) : kind === 'person' ? personGroup(id) : null;
}

/** The first perpetrator recorded as a person (owner of an act with no event and no victim). */
export function firstPerpetrator(act: R): string | null {
  return list<{ personId?: string | null }>(act.perpetrators).find((p) => p.personId)?.personId ?? null;
}

/**
 * The one group that owns a record's findings. Records linked to an event belong to it; others to
 * their person (a custody case with no event). A charge follows its detention's event. An act with
 * neither event nor victim belongs to its first perpetrator recorded as a person, else to nothing.
 */
export function ownerOf(entity: 'event' | 'act' | 'detention' | 'charge', r: R, detentionEventId?: string | null): FindingGroup | null {
  const eventId = entity === 'event' ? r.id : str(r.eventId);
  if (eventId) return eventGroup(eventId);
  if (entity === 'detention') return personGroup(String(r.personId));
  if (entity === 'charge') return detentionEventId ? eventGroup(detentionEventId) : personGroup(String(r.personId));
  if (entity === 'act') {
    const person = str(r.victimPersonId) ?? firstPerpetrator(r);
    return person ? personGroup(person) : null;
  }
  return null;
}

function steps(r: R): StepFacts[] {
  return list<R>(r.steps).map((s) => ({ type: String(s.type), at: String(s.at), placeId: str(s.placeId), precision: String(s.precision), note: str(s.note) }));
}

/** The fields of each record the rules read (names, contacts and notes are never among them). */
export const SLICES = {
  event: (r: R): EventFacts => ({
    id: r.id, type: String(r.type), startAt: String(r.startAt), endAt: str(r.endAt), notificationStatus: str(r.notificationStatus), country: or(r.country, 'KZ'), title: or(r.title, ''),
  }),
  act: (r: R): ActFacts => ({
    id: r.id, type: String(r.type), eventId: str(r.eventId), victimPersonId: str(r.victimPersonId), startAt: str(r.startAt), endAt: str(r.endAt),
    methods: list<string>(r.methods), consequences: list<string>(r.consequences), conditions: list<string>(r.conditions), statedReason: str(r.statedReason),
    perpetrators: list<R>(r.perpetrators).map((p) => ({ personId: str(p.personId), organisationId: str(p.organisationId), involvement: or(p.involvement, 'direct') })),
  }),
  detention: (r: R): DetentionFacts => ({
    id: r.id, personId: String(r.personId), apprehendedAt: String(r.apprehendedAt), legalBasis: String(r.legalBasis), eventId: str(r.eventId),
    legalArticle: str(r.legalArticle), jurisdiction: or(r.jurisdiction, 'KZ'), apprehendedPrecision: or(r.apprehendedPrecision, 'exact'), steps: steps(r),
  }),
  person: (r: R): PersonFacts => ({
    id: r.id, countingUnit: or(r.countingUnit, 'individual'), groupSize: (r.groupSize as number | null) ?? null, age: (r.age as number | null) ?? null,
    roles: list<R>(r.roles).map((x) => ({ role: String(x.role), eventId: str(x.eventId), organisationName: str(x.organisationName) })),
  }),
  charge: (r: R): ChargeFacts => ({
    id: r.id, personId: String(r.personId), code: String(r.code), article: String(r.article), detentionId: str(r.detentionId), eventId: str(r.eventId),
    part: str(r.part), outcome: or(r.outcome, 'pending'), filedOn: str(r.filedOn),
  }),
  complaint: (r: R): ComplaintFacts => ({
    id: r.id, body: String(r.body), status: String(r.status), actId: str(r.actId), detentionId: str(r.detentionId), personId: str(r.personId), eventId: str(r.eventId), filedOn: String(r.filedOn),
  }),
} as const;

export type SlicedEntity = keyof typeof SLICES;
export const isSliced = (entity: EntityName): entity is SlicedEntity => entity in SLICES;

/** What of a record the findings depend on: its slice, whether it is live, and who may read it. */
export function relevantState(entity: SlicedEntity, r: R | null): string {
  if (!r) return 'null';
  return JSON.stringify({ slice: SLICES[entity](r), deleted: Boolean(r.deletedAt), confidentiality: r.confidentiality ?? null });
}

/** The engine's input for one group: live records only, each list in id order (stable hashes). */
export function bundleOf(records: FactRecords): FactsBundle {
  return {
    ...(live(records.event) ? { event: SLICES.event(records.event) } : {}),
    acts: byId(records.acts.filter(live).map(SLICES.act)),
    detentions: byId(records.detentions.filter(live).map(SLICES.detention)),
    persons: byId(records.persons.filter(live).map(SLICES.person)),
    charges: byId(records.charges.filter(live).map(SLICES.charge)),
    complaints: byId(records.complaints.filter(live).map(SLICES.complaint)),
  };
}

/**
 * Protected free text (encrypted at rest in its own table) is never copied into a finding's facts:
 * findings are stored in clear. A rule citing such a field (e.g. an act's `statedReason`, cited as
 * absent) keeps null/empty values; any other value is replaced by this marker.
 */
export const PROTECTED_FACT_FIELDS: Record<FactEntity, readonly string[]> = {
  event: [],
  act: ['statedReason', 'description'],
  detention: ['notes'],
  person: ['names', 'contact', 'notes'],
  charge: ['notes'],
  complaint: ['filedBy', 'response', 'notes'],
};
export const PROTECTED_MARK = '[protected]';

export function redactFacts(facts: readonly FactRef[]): FactRef[] {
  return facts.map((f) => {
    const top = f.field.split('.')[0] ?? f.field;
    const empty = f.value === null || f.value === undefined || (typeof f.value === 'string' && f.value.trim() === '');
    return PROTECTED_FACT_FIELDS[f.entity].includes(top) && !empty ? { ...f, value: PROTECTED_MARK } : f;
  });
}

/** Canonical JSON: object keys sorted, so equal facts hash equally whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the facts as a set: the order in which a rule listed them does not matter. */
export function factsHash(facts: readonly FactRef[]): string {
  const lines = facts.map(canonical).sort();
  return crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** Facts in one list and not in the other: what changed since a review. */
export function factsDiff(before: readonly FactRef[], after: readonly FactRef[]): { added: FactRef[]; removed: FactRef[] } {
  const a = new Set(before.map(canonical));
  const b = new Set(after.map(canonical));
  return { added: after.filter((f) => !a.has(canonical(f))), removed: before.filter((f) => !b.has(canonical(f))) };
}

const RANK: Record<Confidentiality, number> = { public: 0, restricted: 1, confidential: 2 };

/** Index of a group's records by "entity:id", for confidentiality and the subject's person. */
export function recordIndex(records: FactRecords): Map<string, R> {
  const index = new Map<string, R>();
  if (records.event) index.set(`event:${records.event.id}`, records.event);
  for (const [entity, rows] of [['act', records.acts], ['detention', records.detentions], ['person', records.persons], ['charge', records.charges], ['complaint', records.complaints]] as const) {
    for (const r of rows) index.set(`${entity}:${r.id}`, r);
  }
  return index;
}

/** What a confidentiality is computed from: the subject and the records the facts cite. */
export interface Cites {
  subject: { entity: string; id: string };
  facts: readonly { entity: string; id: string }[];
}

/**
 * The most restrictive confidentiality among the subject and every record cited; null when none is
 * loaded. The person the subject concerns (a detention's detainee, an act's victim) counts too when
 * that person is confidential: their detention must not yield a finding that roles kept from
 * confidential records can read. (A merely restricted person does not hide a public act's
 * findings: identities are redacted for the roles that see public records only.)
 */
export function confidentialityOf(f: Cites, index: Map<string, R>): Confidentiality | null {
  const keys = new Set([`${f.subject.entity}:${f.subject.id}`, ...f.facts.map((x) => `${x.entity}:${x.id}`)]);
  let level: Confidentiality | null = null;
  for (const key of keys) {
    const c = index.get(key)?.confidentiality as Confidentiality | undefined;
    if (!c || !(c in RANK)) continue;
    if (level === null || RANK[c] > RANK[level]) level = c;
  }
  const person = personOfRecord(f.subject.entity, index.get(`${f.subject.entity}:${f.subject.id}`));
  if (person && index.get(`person:${person}`)?.confidentiality === 'confidential') level = 'confidential';
  return level;
}

/** The person a finding's subject concerns: the detainee, the charged person, an act's victim. */
export function personOfSubject(f: Finding, index: Map<string, R>): string | null {
  if (f.subject.entity === 'person') return f.subject.id;
  return personOfRecord(f.subject.entity, index.get(`${f.subject.entity}:${f.subject.id}`));
}

function personOfRecord(entity: string, r: R | undefined): string | null {
  if (!r) return null;
  if (entity === 'act') return str(r.victimPersonId);
  if (entity === 'detention' || entity === 'charge') return str(r.personId);
  return null;
}
