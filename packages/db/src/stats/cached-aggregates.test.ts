import { createServices, type PublishScope, type Services } from '@vigil/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../connect.js';
import { createRepositories } from '../repositories/index.js';
import { buildDetention, buildEvent, buildPerson, engines, openTestDatabase, type TestDatabase } from '../testing/index.js';

const all: PublishScope = { eventIds: [], from: null, to: null, city: null };

describe.each(engines())('statistics kept until the records change (%s)', (engine) => {
  let tdb: TestDatabase;
  let s: Services;
  let other: Connection;
  let event: string;
  const detain = async (services: Services, city = 'Almaty') => {
    const person = (await services.records.create('person', buildPerson(), 't')).id;
    return (await services.records.create('detention', buildDetention(person, { eventId: event, city }), 't')).id;
  };
  const byCity = async (): Promise<Record<string, number>> => Object.fromEntries((await tdb.repos.publish.breakdown(all, 'city')).map((r): [string, number] => [r.key[0] ?? '', r.detentions]));

  beforeAll(async () => {
    tdb = await openTestDatabase(engine);
    s = tdb.services();
    event = (await s.records.create('event', buildEvent({ city: 'Almaty' }), 't')).id;
    await detain(s);
    // A second connection: another process (the CLI importing while the server runs).
    other = await connect(tdb.config);
  });
  afterAll(async () => {
    await other.close();
    await tdb.destroy();
  });

  it('counts a new detention at once, and an edit', async () => {
    expect((await tdb.repos.publish.totals(all)).detentions).toBe(1);
    const id = await detain(s, 'Oral');
    expect((await tdb.repos.publish.totals(all)).detentions).toBe(2);
    expect(await byCity()).toEqual({ Almaty: 1, Oral: 1 });
    await s.records.update('detention', id, { version: 1, city: 'Aktobe' }, 't');
    expect(await byCity()).toEqual({ Almaty: 1, Aktobe: 1 });
  });

  it('sees a write made by another process', async () => {
    const before = (await tdb.repos.publish.totals(all)).detentions;
    await detain(createServices(createRepositories(other)));
    expect((await tdb.repos.publish.totals(all)).detentions).toBe(before + 1);
  });

  it('serves a kept result until the data version moves (a change behind Vigil\'s back is not seen)', async () => {
    const before = await byCity();
    // Raw SQL bypasses the record store, so the version stays: the kept breakdown is served.
    await sql`update detentions set city = 'Nowhere'`.execute(other.db);
    expect(await byCity()).toEqual(before);
    // Any record write moves the version, and the next read computes afresh.
    await s.records.create('source', { kind: 'testimony', title: 'Call from a relative' }, 't');
    expect(Object.keys(await byCity())).toEqual(['Nowhere']);
  });

  it('hands out copies: a caller changing a result does not change the next one', async () => {
    const first = await tdb.repos.publish.breakdown(all, 'city');
    (first[0] as { detentions: number }).detentions = 999;
    expect((await tdb.repos.publish.breakdown(all, 'city'))[0]?.detentions).not.toBe(999);
  });
});
