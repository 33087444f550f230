import { type CountRow, DIMENSIONS, type Durations, type PublishScope, type Services } from '@vigil/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection, type Db } from '../connect.js';
import { dialectFor } from '../dialect.js';
import { buildDetention, buildEvent, buildPerson, engines, openTestDatabase, type TestDatabase } from '../testing/index.js';
import { scopedDetentions, statsSqlFor, TIMED } from './scope-sql.js';

const scope = (over: Partial<PublishScope> = {}): PublishScope => ({ eventIds: [], from: null, to: null, city: null, ...over });
/** Durations as the grouped statements computed them before one-pass.ts (the reference). */
async function durationsBySql(db: Db, engine: 'sqlite' | 'postgres', scope: PublishScope): Promise<Durations> {
  const stats = statsSqlFor(dialectFor(engine));
  const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
  const s = await scopedDetentions(db, stats, scope);
  const hours = stats.hoursBetween(sql`d.apprehended_at`, sql`d.released_at`);
  const measured = sql`select distinct d.id as did, ${hours} as h from ${s.from}
    join custody_steps st on st.detention_id = d.id and st.type = 'released' and st.at = d.released_at and st.precision in (${sql.join(TIMED)})
    where ${s.where} and d.custody_state = 'released' and d.apprehended_precision in (${sql.join(TIMED)})`;
  const summary = (await sql<{ n: unknown; hi: unknown }>`select count(*) as n, max(m.h) as hi from (${measured}) m`.execute(db)).rows[0];
  const count = n(summary?.n);
  let median: number | null = null;
  if (count > 0) {
    const middle = (await sql<{ h: unknown }>`select m.h as h from (${measured}) m order by m.h limit ${2 - (count % 2)} offset ${Math.floor((count - 1) / 2)}`.execute(db)).rows;
    median = middle.reduce<number>((sum, r) => sum + n(r.h), 0) / middle.length;
  }
  const states = (await sql<{ st: string; n: unknown }>`select d.custody_state as st, count(*) as n from ${s.from} where ${s.where} group by d.custody_state`.execute(db)).rows;
  const state = (name: string) => n(states.find((r) => r.st === name)?.n);
  return {
    measured: count, medianHours: median === null ? null : Math.round(median * 100) / 100, longestHours: count > 0 ? Math.round(n(summary?.hi) * 100) / 100 : null,
    held: state('held'), unknown: state('unknown'),
  };
}

const sorted = (rows: CountRow[]): CountRow[] => [...rows].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));

/**
 * The overview's one read of the detentions (one-pass.ts) must give exactly what the grouped
 * statements give, one figure at a time: the same keys, detentions, weighted distinct people,
 * durations. The records below exercise what makes those differ: a person detained twice, a
 * group, roles at an event and at none, a detention under two charges of one article, deleted
 * records, custody measured or not.
 */
describe.each(engines())('overview counts in one pass on %s', (engine) => {
  let tdb: TestDatabase;
  let s: Services;
  let reference: Connection;
  let almaty: string;
  let uralsk: string;

  beforeAll(async () => {
    tdb = await openTestDatabase(engine);
    s = tdb.services();
    almaty = (await s.records.create('event', buildEvent({ startAt: '2022-01-05T10:00:00+06:00', city: 'Almaty', timezone: 'Asia/Almaty' }), 't')).id;
    uralsk = (await s.records.create('event', buildEvent({ startAt: '2022-01-06T10:00:00+05:00', city: 'Uralsk', timezone: 'Asia/Oral' }), 't')).id;
    const person = async (over: Record<string, unknown> = {}) => (await s.records.create('person', buildPerson(over), 't')).id;
    const detain = async (personId: string, over: Record<string, unknown> = {}) => (await s.records.create('detention', buildDetention(personId, over), 't')).id;
    const released = (at: string, precision = 'exact', type = 'released') => ({ steps: [{ type, at, precision }] });

    // Detained twice, journalist at the Almaty event, activist at any.
    const a = await person({ roles: [{ role: 'journalist', eventId: almaty }, { role: 'activist' }] });
    await detain(a, { eventId: almaty, apprehendedAt: '2022-01-05T11:00:00+06:00', ...released('2022-01-05T14:00:00+06:00') });
    await detain(a, { eventId: uralsk, city: 'Uralsk', legalBasis: 'criminal', apprehendedAt: '2022-01-06T23:30:00+05:00' });
    // A group of twenty, released after 5 h 30 min.
    const group = await person({ countingUnit: 'group', groupSize: 20, roles: [{ role: 'protester', eventId: almaty }] });
    await detain(group, { eventId: almaty, apprehendedAt: '2022-01-05T12:00:00+06:00', ...released('2022-01-05T17:30:00+06:00', 'minutes') });
    // Twice at the same event: one person under every key of both.
    const c = await person();
    await detain(c, { eventId: almaty, apprehendedAt: '2022-01-05T12:30:00+06:00', ...released('2022-01-06T00:00:00+06:00', 'day') });
    await detain(c, { eventId: almaty, apprehendedAt: '2022-01-05T18:00:00+06:00', ...released('2022-01-05T20:00:00+06:00', 'exact', 'house_arrest') });
    // No event, no city; two charges under one article, one under another code, one deleted.
    const d = await person();
    const dd = await detain(d, { city: null, apprehendedAt: '2022-01-07T08:00:00+06:00', apprehendedPrecision: 'minutes', ...released('2022-01-07T18:00:00+06:00') });
    await s.records.create('charge', { personId: d, detentionId: dd, code: 'kz_koap', article: '488' }, 't');
    await s.records.create('charge', { personId: d, detentionId: dd, code: 'kz_koap', article: '488', outcome: 'convicted', sentenceKind: 'fine' }, 't');
    await s.records.create('charge', { personId: d, detentionId: dd, code: 'kz_uk', article: '400' }, 't');
    const dropped = await s.records.create('charge', { personId: d, detentionId: dd, code: 'kz_uk', article: '174' }, 't');
    await s.records.remove('charge', dropped.id, dropped.version, 't');
    // Whereabouts unknown; apprehension known to the day only.
    await detain(await person(), { eventId: uralsk, city: 'Uralsk', apprehendedAt: '2022-01-06T00:00:00+05:00', apprehendedPrecision: 'day', steps: [{ type: 'whereabouts_unknown', at: '2022-01-06T02:00:00+05:00' }] });
    // A deleted person's detention and a deleted detention count nowhere.
    const gone = await person();
    await detain(gone, { eventId: almaty });
    await s.records.remove('person', gone, 1, 't');
    const removed = await s.records.create('detention', buildDetention(await person(), { eventId: almaty }), 't');
    await s.records.remove('detention', removed.id, removed.version, 't');
    reference = await connect(tdb.config);
  });
  afterAll(async () => {
    await reference.close();
    await tdb.destroy();
  });

  const scopes: [string, () => PublishScope][] = [
    ['everything', () => scope()],
    ['a city', () => scope({ city: 'Almaty' })],
    ['a period of local dates', () => scope({ from: '2022-01-05', to: '2022-01-06' })],
    ['chosen events', () => scope({ eventIds: [almaty] })],
  ];

  it.each(scopes)('gives the figures of the grouped statements for %s', async (_name, make) => {
    const sc = make();
    const counts = await tdb.repos.publish.counts(sc, [...DIMENSIONS]);
    expect(counts.totals).toEqual(await tdb.repos.publish.totals(sc));
    expect(counts.durations).toEqual(await durationsBySql(reference.db, engine, sc));
    expect(await tdb.repos.publish.durations(sc)).toEqual(counts.durations);
    for (const d of DIMENSIONS) expect([d, sorted(counts.breakdowns[d] ?? [])]).toEqual([d, sorted(await tdb.repos.publish.breakdown(sc, d))]);
  });

  it('counts people once per key and groups at their size', async () => {
    const counts = await tdb.repos.publish.counts(scope(), ['role', 'charge', 'outcome', 'city']);
    const row = (d: 'role' | 'charge' | 'outcome' | 'city', ...key: string[]) => counts.breakdowns[d]?.find((r) => JSON.stringify(r.key) === JSON.stringify(key));
    expect(counts.totals).toMatchObject({ detentions: 26, people: 24, detentionRecords: 7, personRecords: 5, groupRecords: 1 });
    expect(row('role', 'activist')).toEqual({ key: ['activist'], detentions: 2, people: 1 });
    expect(row('role', 'protester')).toEqual({ key: ['protester'], detentions: 20, people: 20 });
    expect(row('city', 'Almaty')).toEqual({ key: ['Almaty'], detentions: 23, people: 22 });
    // Two live charges under one article: one detention, one person.
    expect(row('charge', 'kz_koap', '488')).toEqual({ key: ['kz_koap', '488'], detentions: 1, people: 1 });
    expect(row('charge', 'kz_uk', '174')).toBeUndefined();
    expect(row('outcome', 'sentence:fine')).toEqual({ key: ['sentence:fine'], detentions: 1, people: 1 });
    // Released after 3 h, 5 h 30 and 10 h; a release known to the day, or to house arrest, is not measured.
    expect(counts.durations).toEqual({ measured: 3, medianHours: 5.5, longestHours: 10, held: 1, unknown: 1 });
  });
});
