import { createServices, labelsFrom, type PublishScope, type Services, shapeBreakdown } from '@vigil/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../connect.js';
import { createRepositories } from '../repositories/index.js';
import { buildDetention, buildEvent, buildPerson, buildPlace, engines, openTestDatabase, type TestDatabase } from '../testing/index.js';

const all: PublishScope = { eventIds: [], from: null, to: null, city: null };

/**
 * The statistics overview and map are kept per data version (StatsService, KeptResults): a
 * repeated read with unchanged records costs one indexed read, and any record write — in this
 * process or another — is counted by the very next read. Never stale.
 */
describe.each(engines())('statistics overview kept until the records change (%s)', (engine) => {
  let tdb: TestDatabase;
  let s: Services;
  let other: Connection;
  let event: string;
  const detain = async (services: Services, city = 'Almaty') => {
    const person = (await services.records.create('person', buildPerson(), 't')).id;
    return (await services.records.create('detention', buildDetention(person, { eventId: event, city }), 't')).id;
  };

  beforeAll(async () => {
    tdb = await openTestDatabase(engine);
    s = tdb.services();
    event = (await s.records.create('event', buildEvent({ city: 'Almaty', estimates: [{ measure: 'journalists detained', min: 12 }] }), 't')).id;
    await detain(s);
    other = await connect(tdb.config);
  });
  afterAll(async () => {
    await other.close();
    await tdb.destroy();
  });

  it('counts a write at once, made here or by another process', async () => {
    const before = await s.stats.overview({});
    expect(before.totals.detentions).toBe(1);
    await detain(s, 'Oral');
    const after = await s.stats.overview({});
    expect(after.totals.detentions).toBe(2);
    expect(after.breakdowns.city.map((r) => [r.key[0], r.detentions])).toEqual([['Almaty', 1], ['Oral', 1]]);
    await detain(createServices(createRepositories(other)), 'Aktobe');
    expect((await s.stats.overview({})).totals.detentions).toBe(3);
  });

  it('shows an edited event and its claims at once', async () => {
    const current = await s.records.get('event', event);
    await s.records.update('event', event, { version: current.version, title: 'Rally on the square', estimates: [{ measure: 'journalists detained', min: 15 }] }, 't');
    const claimed = (await s.stats.overview({})).reconciliation.rows.find((r) => r.area === 'Almaty' && r.measure === 'role:journalist')?.claimed;
    expect(claimed).toEqual([expect.objectContaining({ text: 'at least 15', event: 'Rally on the square' })]);
  });

  it('serves the kept overview while the version holds, and computes afresh when it moves', async () => {
    const kept = await s.stats.overview({});
    // Raw SQL bypasses the record store, so the version stays: the kept overview is served.
    await sql`update detentions set city = 'Nowhere'`.execute(other.db);
    expect(await s.stats.overview({})).toEqual(kept);
    await s.records.create('source', { kind: 'testimony', title: 'Call from a relative' }, 't');
    expect((await s.stats.overview({})).breakdowns.city.map((r) => r.key[0])).toEqual(['Nowhere']);
    await sql`update detentions set city = 'Almaty'`.execute(other.db);
    await s.records.create('source', { kind: 'testimony', title: 'Another call' }, 't');
  });

  it('gives the figures of the store, labelled, and hands out copies', async () => {
    const overview = await s.stats.overview({ city: 'Almaty' });
    const scope = { ...all, city: 'Almaty' };
    const labels = labelsFrom(await s.vocabularies.list());
    expect(overview.totals).toMatchObject(await tdb.repos.publish.totals(scope));
    expect(overview.durations).toMatchObject(await tdb.repos.publish.durations(scope));
    for (const d of ['date', 'city', 'role', 'outcome', 'charge', 'legalBasis'] as const) {
      expect(overview.breakdowns[d]).toEqual(shapeBreakdown(d, await tdb.repos.publish.breakdown(scope, d), labels));
    }
    (overview.totals as { detentions: number }).detentions = 999;
    overview.breakdowns.city.length = 0;
    const again = await s.stats.overview({ city: 'Almaty' });
    expect(again.totals.detentions).not.toBe(999);
    expect(again.breakdowns.city).not.toHaveLength(0);
  });

  it('keeps the map the same way', async () => {
    const place = (await s.records.create('place', buildPlace({ confidentiality: 'public' }), 't')).id;
    const person = (await s.records.create('person', buildPerson(), 't')).id;
    expect((await s.stats.map({})).places).toEqual([]);
    await s.records.create('detention', buildDetention(person, { eventId: event, apprehendedPlaceId: place }), 't');
    expect((await s.stats.map({})).places).toEqual([expect.objectContaining({ detentions: 1, precision: 'place' })]);
  });

  it('keeps nothing inside a transaction (it may see its own uncommitted writes)', async () => {
    const before = (await s.stats.overview({})).totals.detentions;
    await expect(s.inTransaction(async (tx) => {
      const person = (await tx.records.create('person', buildPerson(), 't')).id;
      await tx.records.create('detention', buildDetention(person, { eventId: event }), 't');
      expect((await tx.stats.overview({})).totals.detentions).toBe(before + 1);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect((await s.stats.overview({})).totals.detentions).toBe(before);
  });
});
