/**
 * The records a list row becomes — the same ones Vigil's import writes (the equivalence test in
 * bench/test/load.test.ts imports rows both ways and compares what reads back) — built directly,
 * so the bulk of a large dataset can be loaded with the raw driver in minutes.
 */
import { deriveCustodyState, detectScript, newId, type StoredRecord, toUtcIso } from '@vigil/core';
import { type BenchEvent, type DetentionRow } from '../dataset/generate.js';

export const BENCH_ACTOR = 'bench';

const meta = (confidentiality: string, at: string): StoredRecord => ({
  id: newId(), version: 1, createdAt: at, createdBy: BENCH_ACTOR, updatedAt: at, updatedBy: BENCH_ACTOR, deletedAt: null, deletedBy: null, confidentiality,
});

function hostAndPath(url: string): { host: string; path: string } {
  const u = new URL(url);
  return { host: u.hostname.replace(/^www\./, ''), path: `${u.pathname}${u.search}`.replace(/^\/$/, '') };
}

/** A media report for a link, as the import's `sources` section makes one (title "{host}{path}"). */
export function sourceRecord(url: string, at: string): StoredRecord {
  const { host, path } = hostAndPath(url);
  return {
    ...meta('public', at), kind: 'media_report', title: `${host}${path}`, author: null, outlet: host, url, publishedAt: null, language: 'ru',
    reliability: null, protectedIdentity: false, contact: null, notes: null,
  };
}

export function eventRecord(e: BenchEvent, sourceIds: string[], at: string): StoredRecord {
  return {
    ...meta('public', at), title: e.title, type: e.type, startAt: toUtcIso(e.start), startPrecision: 'exact', endAt: null, endPrecision: null,
    timeOriginal: e.start, timezone: e.city.zone, city: e.city.name, region: e.city.region, country: 'KZ', placeIds: [], notificationStatus: null,
    organisers: null, claims: null, summary: e.summary, estimates: [], sourceIds,
  };
}

/** The person and the detention of one row of the detention list. */
export function detentionRecords(row: DetentionRow, eventId: string, sourceIds: string[], at: string): { person: StoredRecord; detention: StoredRecord } {
  const names = [row.name, row.nameAlt].filter((n) => n.trim() !== '').map((value) => ({ value, script: detectScript(value), language: 'ru', kind: 'full', sourceId: null }));
  const person: StoredRecord = {
    ...meta('restricted', at), pseudonym: null, countingUnit: 'individual', groupSize: null, sex: null, birthYear: row.birthYear ? Number(row.birthYear) : null,
    age: null, consent: 'unknown', contact: null, notes: null, names,
    roles: [{ role: row.role, eventId, organisationId: null, organisationName: null, note: null }], sourceIds,
  };
  const steps = row.released ? [{ type: 'released', at: toUtcIso(row.released), precision: 'exact', timeOriginal: row.released, placeId: null, note: null, sourceIds: [] }] : [];
  const apprehendedAt = toUtcIso(row.apprehended);
  const { state, releasedAt } = deriveCustodyState(steps);
  const detention: StoredRecord = {
    ...meta('restricted', at), personId: person.id, eventId, apprehendedAt, apprehendedPrecision: 'exact', apprehendedTimeOriginal: row.apprehended,
    apprehendedPlaceId: null, apprehendedByIds: [], city: row.city, legalBasis: row.legalBasis, legalArticle: row.article || null, jurisdiction: 'KZ',
    notes: row.notes || null, steps, custodyState: state, releasedAt, lastActivityAt: [apprehendedAt, ...steps.map((s) => s.at)].reduce((a, b) => (b > a ? b : a)), sourceIds,
  };
  return { person, detention };
}

const META_KEYS = new Set(['version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'deletedBy']);

/** What the record service stores in history for a create: every set field, from null. */
export function createChanges(record: StoredRecord): Record<string, { from: null; to: unknown }> {
  const changes: Record<string, { from: null; to: unknown }> = {};
  for (const [key, value] of Object.entries(record)) {
    if (META_KEYS.has(key) || value === null || value === undefined) continue;
    changes[key] = { from: null, to: value };
  }
  return changes;
}
