import { ENTITIES, type EntityName } from '@vigil/core';
import { buildDetention, buildEvent, buildPerson, engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps, createVia, FIXTURES, openTestApp, send, type Deps, type Json, type TestApp } from '../testing/test-app.js';

const ENTITY_LIST = Object.values(ENTITIES).map((def) => [def.name, def.plural] as const);
type Created = Json & { id: string; version: number };

describe.each(engines())('record lifecycle over HTTP on %s', (engine) => {
  let t: TestApp;
  let deps: Deps;
  beforeAll(async () => {
    t = await openTestApp(engine);
    deps = await createDeps(t.app);
  });
  afterAll(() => t.close());

  const create = async (name: EntityName): Promise<Created> => createVia(t.app, ENTITIES[name].plural, FIXTURES[name].input(deps));
  const listIds = async (plural: string, query = ''): Promise<string[]> => {
    const res = await send(t.app, { method: 'GET', url: `/api/v1/${plural}?limit=500${query}` });
    expect(res.status).toBe(200);
    return (res.body.items as Json[]).map((i) => String(i.id));
  };

  it('has a fixture for every entity in the registry', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(Object.keys(ENTITIES).sort());
  });

  it.each(ENTITY_LIST)('creates a %s with 201 and reads it back exactly as created', async (name, plural) => {
    const res = await send(t.app, { method: 'POST', url: `/api/v1/${plural}`, payload: FIXTURES[name].input(deps) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, createdBy: expect.stringMatching(/^admin-/) as unknown, deletedAt: null });
    expect(String(res.body.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const read = await send(t.app, { method: 'GET', url: `/api/v1/${plural}/${String(res.body.id)}` });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it.each(ENTITY_LIST)('lists a newly created %s', async (name, plural) => {
    const record = await create(name);
    expect(await listIds(plural)).toContain(record.id);
  });

  it.each(ENTITY_LIST)('patches a %s sent with the version read: 200, version + 1, change stored', async (name, plural) => {
    const record = await create(name);
    const before = (await send(t.app, { method: 'GET', url: `/api/v1/${plural}/${record.id}` })).body;
    const [field, value] = FIXTURES[name].change;
    expect(before[field]).not.toEqual(value);
    const res = await send(t.app, { method: 'PATCH', url: `/api/v1/${plural}/${record.id}`, payload: { version: 1, [field]: value } });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body[field]).toEqual(value);
    const read = await send(t.app, { method: 'GET', url: `/api/v1/${plural}/${record.id}` });
    expect(read.body).toEqual(res.body);
    // Nothing but the field, the version and the update stamp changed.
    expect({ ...read.body, [field]: before[field], version: 1, updatedAt: before.updatedAt }).toEqual(before);
  });

  it.each(ENTITY_LIST)('writes nothing when a patch of a %s resends every field as read', async (name, plural) => {
    const record = await create(name);
    const read = (await send(t.app, { method: 'GET', url: `/api/v1/${plural}/${record.id}` })).body;
    const fields = Object.keys(ENTITIES[name].patch.shape).filter((k) => k !== 'version');
    const payload = { ...Object.fromEntries(fields.map((k) => [k, read[k]])), version: 1 };
    const before = await t.counts();
    const res = await send(t.app, { method: 'PATCH', url: `/api/v1/${plural}/${record.id}`, payload });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.version).toBe(1);
    expect(await t.counts()).toEqual(before);
  });

  it.each([
    ['event', 'placeIds', 'events'],
    ['person', 'names', 'persons'],
    ['person', 'roles', 'persons'],
    ['detention', 'steps', 'detentions'],
  ] as const)('writes nothing when a patch of a %s resends the %s it was created with', async (name, field, plural) => {
    const body = FIXTURES[name].input(deps);
    const record = await createVia(t.app, plural, body);
    const before = await t.counts();
    const res = await send(t.app, { method: 'PATCH', url: `/api/v1/${plural}/${record.id}`, payload: { version: 1, [field]: body[field] } });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(await t.counts()).toEqual(before);
  });

  it.each(ENTITY_LIST)('refuses a patch of a %s with a stale version: 409 VERSION_CONFLICT, nothing written', async (name, plural) => {
    const record = await create(name);
    const [field, value] = FIXTURES[name].change;
    const first = await send(t.app, { method: 'PATCH', url: `/api/v1/${plural}/${record.id}`, payload: { version: 1, [field]: value } });
    expect(first.status).toBe(200);
    const before = await t.counts();
    const stale = await send(t.app, { method: 'PATCH', url: `/api/v1/${plural}/${record.id}`, payload: { version: 1, [field]: record[field] } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'VERSION_CONFLICT', fields: [{ path: 'version' }] } });
    const read = await send(t.app, { method: 'GET', url: `/api/v1/${plural}/${record.id}` });
    expect(read.body).toEqual(first.body);
    expect(await t.counts()).toEqual(before);
  });

  it.each(ENTITY_LIST)('soft-deletes a %s: still readable with deletedAt, hidden from the list unless includeDeleted=true', async (name, plural) => {
    const record = await create(name);
    const res = await send(t.app, { method: 'DELETE', url: `/api/v1/${plural}/${record.id}?version=1` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: record.id, version: 2, deletedBy: expect.stringMatching(/^admin-/) as unknown });
    expect(typeof res.body.deletedAt).toBe('string');
    const read = await send(t.app, { method: 'GET', url: `/api/v1/${plural}/${record.id}` });
    expect(read.status).toBe(200);
    expect(read.body.deletedAt).toBe(res.body.deletedAt);
    expect(await listIds(plural)).not.toContain(record.id);
    expect(await listIds(plural, '&includeDeleted=true')).toContain(record.id);
  });

  it.each(ENTITY_LIST)('restores a deleted %s and its history lists create, update, delete, restore', async (name, plural) => {
    const record = await create(name);
    const [field, value] = FIXTURES[name].change;
    expect((await send(t.app, { method: 'PATCH', url: `/api/v1/${plural}/${record.id}`, payload: { version: 1, [field]: value } })).status).toBe(200);
    expect((await send(t.app, { method: 'DELETE', url: `/api/v1/${plural}/${record.id}?version=2` })).status).toBe(200);
    const restored = await send(t.app, { method: 'POST', url: `/api/v1/${plural}/${record.id}/restore` });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 4, deletedAt: null, deletedBy: null, [field]: value });
    expect(await listIds(plural)).toContain(record.id);
    const history = await send(t.app, { method: 'GET', url: `/api/v1/${plural}/${record.id}/history` });
    expect(history.status).toBe(200);
    const items = history.body.items as { version: number; action: string; actor: string; changes: Json; snapshot: Json }[];
    const admin = items[0]?.actor;
    expect(admin).toMatch(/^admin-/);
    expect(items.map((h) => [h.version, h.action, h.actor])).toEqual([[1, 'create', admin], [2, 'update', admin], [3, 'delete', admin], [4, 'restore', admin]]);
    expect(items[1]?.changes).toEqual({ [field]: { from: record[field] ?? null, to: value } });
    expect(items[3]?.snapshot).toEqual(restored.body);
  });

  it('refuses to patch a deleted record until it is restored (409 CONFLICT)', async () => {
    const record = await create('event');
    expect((await send(t.app, { method: 'DELETE', url: `/api/v1/events/${record.id}` })).status).toBe(200);
    const res = await send(t.app, { method: 'PATCH', url: `/api/v1/events/${record.id}`, payload: { version: 2, title: 'Edited while deleted' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'CONFLICT' } });
  });

  it('refuses a delete with a stale version (409 VERSION_CONFLICT) and keeps the record live', async () => {
    const record = await create('source');
    const res = await send(t.app, { method: 'DELETE', url: `/api/v1/sources/${record.id}?version=7` });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'VERSION_CONFLICT' } });
    expect((await send(t.app, { method: 'GET', url: `/api/v1/sources/${record.id}` })).body.deletedAt).toBeNull();
  });
});

/** ids of a list response, sorted so sets compare regardless of order. */
const idSet = (body: Json): string[] => (body.items as Json[]).map((i) => String(i.id)).sort();
const sorted = (...ids: string[]): string[] => [...ids].sort();

describe.each(engines())('event lists: pagination and filters on %s', (engine) => {
  let t: TestApp;
  const ev: Record<string, string> = {};
  const tied: string[] = [];
  beforeAll(async () => {
    t = await openTestApp(engine);
    ev.almatyProtest = (await createVia(t.app, 'events', buildEvent({ city: 'Almaty', type: 'peaceful_protest', startAt: '2022-01-04T10:00:00+06:00' }))).id;
    ev.almatyArrests = (await createVia(t.app, 'events', buildEvent({ city: 'Almaty', type: 'arrests', startAt: '2022-01-05T10:00:00+06:00' }))).id;
    ev.zhanaozen = (await createVia(t.app, 'events', buildEvent({ city: 'Zhanaozen', type: 'peaceful_protest', startAt: '2022-01-02T12:00:00+05:00' }))).id;
    // Same instant for several events: the cursor must break ties by id.
    for (let i = 0; i < 4; i++) tied.push((await createVia(t.app, 'events', buildEvent({ city: 'Uralsk', type: 'arrests', startAt: '2021-12-16T12:00:00+06:00' }))).id);
  });
  afterAll(() => t.close());

  const list = async (query: Record<string, string>): Promise<Json> => {
    const res = await send(t.app, { method: 'GET', url: `/api/v1/events?${new URLSearchParams(query).toString()}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('pages with limit=2 through every event exactly once, newest first', async () => {
    const seen: Json[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list({ limit: '2', ...(cursor ? { cursor } : {}) });
      const items = page.items as Json[];
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items);
      cursor = page.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 20);
    const ids = seen.map((i) => String(i.id));
    expect(ids.sort()).toEqual(sorted(...Object.values(ev), ...tied));
    expect(pages).toBe(4);
    const starts = seen.map((i) => String(i.startAt));
    expect(starts).toEqual([...starts].sort().reverse());
  });

  it('returns no next cursor on the last page', async () => {
    const page = await list({ limit: '500' });
    expect((page.items as Json[]).length).toBe(7);
    expect(page.nextCursor).toBeNull();
  });

  it('filters events by city', async () => {
    expect(idSet(await list({ city: 'Almaty' }))).toEqual(sorted(ev.almatyProtest!, ev.almatyArrests!));
  });

  it('filters events by type', async () => {
    expect(idSet(await list({ type: 'peaceful_protest' }))).toEqual(sorted(ev.almatyProtest!, ev.zhanaozen!));
  });

  it('filters events from an instant', async () => {
    expect(idSet(await list({ from: '2022-01-04T00:00:00Z' }))).toEqual(sorted(ev.almatyProtest!, ev.almatyArrests!));
  });

  it('filters events up to an instant', async () => {
    expect(idSet(await list({ to: '2022-01-03T00:00:00Z' }))).toEqual(sorted(ev.zhanaozen!, ...tied));
  });

  it('combines from, to, city and type', async () => {
    expect(idSet(await list({ from: '2022-01-01T00:00:00Z', to: '2022-01-04T12:00:00Z' }))).toEqual(sorted(ev.almatyProtest!, ev.zhanaozen!));
    expect(idSet(await list({ city: 'Almaty', type: 'peaceful_protest' }))).toEqual([ev.almatyProtest]);
    expect(idSet(await list({ city: 'Almaty', type: 'peaceful_protest', from: '2022-01-05T00:00:00Z' }))).toEqual([]);
  });

  it('treats from as inclusive when it is the exact start written without milliseconds', async () => {
    // almatyArrests starts at 2022-01-05T04:00:00.000Z
    expect(idSet(await list({ from: '2022-01-05T04:00:00Z' }))).toEqual([ev.almatyArrests]);
  });

  it('fetches just the records named by ids, combined with other filters, and rejects a bad id by name', async () => {
    expect(idSet(await list({ ids: `${ev.almatyProtest},${ev.zhanaozen}` }))).toEqual(sorted(ev.almatyProtest!, ev.zhanaozen!));
    expect(idSet(await list({ ids: `${ev.almatyProtest},${ev.zhanaozen}`, city: 'Almaty' }))).toEqual([ev.almatyProtest]);
    const bad = await send(t.app, { method: 'GET', url: `/api/v1/events?ids=${ev.almatyProtest},nope` });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/ids/);
  });

  it('compares from and to as instants when they carry a non-UTC offset', async () => {
    // 10:00 in Almaty is 04:00Z: the event starting then is in range from 10:00+06:00 …
    expect(idSet(await list({ from: '2022-01-05T10:00:00+06:00' }))).toEqual([ev.almatyArrests]);
    // … and 09:00+06:00 on the 4th (03:00Z) is before the Almaty protest (04:00Z on the 4th).
    expect(idSet(await list({ to: '2022-01-04T09:00:00+06:00' }))).toEqual(sorted(ev.zhanaozen!, ...tied));
  });
});

describe.each(engines())('person search on %s', (engine) => {
  let t: TestApp;
  let zhanara: string;
  let erlan: string;
  let detainedOnly: string;
  let event: string;
  beforeAll(async () => {
    t = await openTestApp(engine);
    event = (await createVia(t.app, 'events', buildEvent())).id;
    const other = (await createVia(t.app, 'events', buildEvent())).id;
    zhanara = (await createVia(t.app, 'persons', buildPerson({ names: [{ value: 'Zhanara Balgabayeva' }], roles: [{ role: 'journalist', eventId: event }] }))).id;
    erlan = (await createVia(t.app, 'persons', buildPerson({ names: [{ value: 'Ерлан Башаков' }], roles: [{ role: 'lawyer', eventId: other }] }))).id;
    detainedOnly = (await createVia(t.app, 'persons', buildPerson({ names: [{ value: 'Aigerim Tleuzhan' }] }))).id;
    await createVia(t.app, 'detentions', buildDetention(detainedOnly, { eventId: event }));
  });
  afterAll(() => t.close());

  const find = async (query: Record<string, string>): Promise<string[]> => {
    const res = await send(t.app, { method: 'GET', url: `/api/v1/persons?${new URLSearchParams(query).toString()}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return idSet(res.body);
  };

  it.each(['Балгабаева', 'Balgabaeva', 'balgabayeva', 'Жанара Балгабаева'])('finds "Zhanara Balgabayeva" by q=%s', async (q) => {
    expect(await find({ q })).toEqual([zhanara]);
  });

  it('finds a name typed in Cyrillic by its Latin spelling', async () => {
    expect(await find({ q: 'Bashakov' })).toEqual([erlan]);
  });

  it('finds nobody for a name nobody has', async () => {
    expect(await find({ q: 'Nazarbayev' })).toEqual([]);
  });

  it('filters persons by role', async () => {
    expect(await find({ role: 'journalist' })).toEqual([zhanara]);
    expect(await find({ role: 'lawyer' })).toEqual([erlan]);
  });

  it('filters persons by event: a role at the event or a detention there', async () => {
    expect(await find({ eventId: event })).toEqual(sorted(zhanara, detainedOnly));
  });

  it('combines q with role', async () => {
    expect(await find({ q: 'Balgabaeva', role: 'lawyer' })).toEqual([]);
  });
});

describe.each(engines())('detention filters on %s', (engine) => {
  let t: TestApp;
  const d: Record<'almaty' | 'zhanaozen' | 'aktobe', string> = { almaty: '', zhanaozen: '', aktobe: '' };
  let almatyEvent: string;
  beforeAll(async () => {
    t = await openTestApp(engine);
    almatyEvent = (await createVia(t.app, 'events', buildEvent({ city: 'Almaty' }))).id;
    const zhanaozenEvent = (await createVia(t.app, 'events', buildEvent({ city: 'Zhanaozen' }))).id;
    const zhanara = (await createVia(t.app, 'persons', buildPerson({ names: [{ value: 'Zhanara Balgabayeva' }], roles: [{ role: 'journalist' }] }))).id;
    const erlan = (await createVia(t.app, 'persons', buildPerson({ names: [{ value: 'Erlan Bashakov' }], roles: [{ role: 'protester' }] }))).id;
    d.almaty = (await createVia(t.app, 'detentions', buildDetention(zhanara, {
      eventId: almatyEvent, city: null, apprehendedAt: '2022-01-05T10:00:00+06:00',
      steps: [{ type: 'taken_to', at: '2022-01-05T10:30:00+06:00' }, { type: 'released', at: '2022-01-05T18:00:00+06:00' }],
    }))).id;
    d.zhanaozen = (await createVia(t.app, 'detentions', buildDetention(erlan, {
      eventId: zhanaozenEvent, city: null, apprehendedAt: '2022-01-06T12:00:00+06:00', steps: [{ type: 'taken_to', at: '2022-01-06T12:30:00+06:00' }],
    }))).id;
    d.aktobe = (await createVia(t.app, 'detentions', buildDetention(erlan, {
      city: 'Aktobe', apprehendedAt: '2022-01-04T09:00:00Z',
      steps: [{ type: 'taken_to', at: '2022-01-04T09:30:00Z' }, { type: 'whereabouts_unknown', at: '2022-01-04T12:00:00Z' }],
    }))).id;
  });
  afterAll(() => t.close());

  const find = async (query: Record<string, string>): Promise<string[]> => {
    const res = await send(t.app, { method: 'GET', url: `/api/v1/detentions?${new URLSearchParams(query).toString()}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return idSet(res.body);
  };

  it('filters detentions by event', async () => {
    expect(await find({ eventId: almatyEvent })).toEqual([d.almaty]);
  });

  it("filters detentions by city, taking the event's city when none is given", async () => {
    expect(await find({ city: 'Zhanaozen' })).toEqual([d.zhanaozen]);
    expect(await find({ city: 'Aktobe' })).toEqual([d.aktobe]);
  });

  it("filters detentions by the person's role", async () => {
    expect(await find({ role: 'journalist' })).toEqual([d.almaty]);
    expect(await find({ role: 'protester' })).toEqual(sorted(d.zhanaozen, d.aktobe));
  });

  it('filters detentions by custody status derived from the steps', async () => {
    expect(await find({ status: 'released' })).toEqual([d.almaty]);
    expect(await find({ status: 'held' })).toEqual([d.zhanaozen]);
    expect(await find({ status: 'unknown' })).toEqual([d.aktobe]);
  });

  it('filters detentions by apprehension time from and to', async () => {
    expect(await find({ from: '2022-01-05T00:00:00Z' })).toEqual(sorted(d.almaty, d.zhanaozen));
    expect(await find({ to: '2022-01-05T00:00:00Z' })).toEqual([d.aktobe]);
    expect(await find({ from: '2022-01-04T12:00:00Z', to: '2022-01-06T00:00:00Z' })).toEqual([d.almaty]);
  });

  it("filters detentions by the person's name in Cyrillic or Latin", async () => {
    expect(await find({ q: 'Балгабаева' })).toEqual([d.almaty]);
    expect(await find({ q: 'Башаков' })).toEqual(sorted(d.zhanaozen, d.aktobe));
    expect(await find({ q: 'Bashakov', status: 'held' })).toEqual([d.zhanaozen]);
  });

  it('lists detentions newest apprehension first', async () => {
    const res = await send(t.app, { method: 'GET', url: '/api/v1/detentions' });
    expect((res.body.items as Json[]).map((i) => i.id)).toEqual([d.zhanaozen, d.almaty, d.aktobe]);
  });
});
