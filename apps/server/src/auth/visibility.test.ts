import { buildDetention, buildEvent, buildPerson, engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../testing/test-app.js';

describe.each(engines())('who sees which records on %s', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    // The day of the factories' detentions, so they are live cases on the board.
    t = await openTestApp(engine, { now: () => '2022-01-05T09:00:00.000Z' });
    const s = t.services;
    const client = await s.records.create('person', buildPerson(), 'setup');
    const other = await s.records.create('person', buildPerson(), 'setup');
    ids.client = client.id;
    ids.clientDetention = (await s.records.create('detention', buildDetention(client.id), 'setup')).id;
    ids.otherDetention = (await s.records.create('detention', buildDetention(other.id), 'setup')).id;
    ids.secretDetention = (await s.records.create('detention', buildDetention(other.id, { confidentiality: 'confidential' }), 'setup')).id;
    ids.publicEvent = (await s.records.create('event', buildEvent({ confidentiality: 'public', city: 'Scope' }), 'setup')).id;
    ids.restrictedEvent = (await s.records.create('event', buildEvent({ city: 'Scope' }), 'setup')).id;
  });
  afterAll(() => t.close());

  const list = async (headers: Record<string, string>, url: string) =>
    (JSON.parse((await t.app.inject({ url, headers })).body) as { items: { id: string; detention?: { id: string } }[] }).items.map((i) => i.detention?.id ?? i.id);

  it('shows a lawyer only the detentions of assigned clients, on lists, reads, the board and writes', async () => {
    const assigned = await t.headersFor('lawyer');
    const lawyerId = (await t.services.accounts.listUsers()).filter((u) => u.role === 'lawyer').at(-1)?.id ?? '';
    expect(await list(assigned, '/api/v1/detentions')).toEqual([]);
    await t.services.accounts.assignClient(lawyerId, { personId: ids.client }, { id: 'admin', name: 'admin', role: 'admin' });
    // Assignments are read at each request, so the open session sees the new client at once.
    expect(await list(assigned, '/api/v1/detentions')).toEqual([ids.clientDetention]);
    expect(await list(assigned, '/api/v1/custody/board')).toEqual([ids.clientDetention]);
    expect((await t.app.inject({ url: `/api/v1/detentions/${ids.otherDetention}`, headers: assigned })).statusCode).toBe(404);
    const step = await t.app.inject({ method: 'POST', url: `/api/v1/detentions/${ids.otherDetention}/steps`, headers: assigned, payload: { type: 'released', at: '2022-01-05T12:00:00+06:00' } });
    expect(step.statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/detentions/${ids.clientDetention}`, headers: assigned })).statusCode).toBe(200);
  });

  it('keeps confidential records from monitors and everything but public records from viewers', async () => {
    const monitor = await t.headersFor('monitor');
    const seen = await list(monitor, '/api/v1/detentions?limit=500');
    expect(seen).toEqual(expect.arrayContaining([ids.clientDetention, ids.otherDetention]));
    expect(seen).not.toContain(ids.secretDetention);
    expect((await t.app.inject({ url: `/api/v1/detentions/${ids.secretDetention}`, headers: monitor })).statusCode).toBe(404);
    const viewer = await t.headersFor('viewer');
    expect(await list(viewer, '/api/v1/events?city=Scope')).toEqual([ids.publicEvent]);
    expect((await t.app.inject({ url: `/api/v1/events/${ids.restrictedEvent}`, headers: viewer })).statusCode).toBe(404);
    expect(await list(await t.headersFor('coordinator'), '/api/v1/detentions?limit=500')).toContain(ids.secretDetention);
  });
});

describe.each(engines())('explicit grants on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine, { now: () => '2022-01-05T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  it('opens one confidential record to one monitor, and closes it again', async () => {
    const person = await t.services.records.create('person', buildPerson(), 'setup');
    const secret = (await t.services.records.create('detention', buildDetention(person.id, { confidentiality: 'confidential' }), 'setup')).id;
    const monitor = await t.headersFor('monitor');
    const monitorId = (await t.services.accounts.listUsers()).filter((u) => u.role === 'monitor').at(-1)?.id ?? '';
    const ids = async () => (JSON.parse((await t.app.inject({ url: '/api/v1/detentions?limit=500', headers: monitor })).body) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await ids()).not.toContain(secret);
    const body = { entity: 'detention', recordId: secret, userId: monitorId };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/grants', payload: body, headers: monitor })).statusCode).toBe(403);
    const granted = await t.app.inject({ method: 'POST', url: '/api/v1/grants', payload: body });
    expect(granted.statusCode).toBe(200);
    expect(await ids()).toContain(secret);
    expect((await t.app.inject({ url: `/api/v1/detentions/${secret}`, headers: monitor })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/grants/revoke', payload: body })).statusCode).toBe(200);
    expect(await ids()).not.toContain(secret);
    expect((await t.app.inject({ url: `/api/v1/detentions/${secret}`, headers: monitor })).statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/grants', payload: { ...body, entity: 'unicorn' } });
    expect(bad.statusCode).toBe(400);
  });
});

describe.each(engines())('what a viewer reads on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine);
  });
  afterAll(() => t.close());

  it('gets public persons through the redaction function: pseudonym, no names without consent, no contact', async () => {
    const withheld = await t.services.records.create('person', buildPerson({ names: [{ value: 'Айгерим Тайная' }], pseudonym: 'Witness K', consent: 'withheld', contact: '+7 700 9', confidentiality: 'public' }), 'setup');
    const viewer = await t.headersFor('viewer');
    const one = await t.app.inject({ url: `/api/v1/persons/${withheld.id}`, headers: viewer });
    expect(one.statusCode).toBe(200);
    expect(one.body).not.toContain('Тайная');
    expect(one.body).not.toContain('+7 700 9');
    expect(one.body).toContain('Witness K');
    const listed = await t.app.inject({ url: '/api/v1/persons?limit=500', headers: viewer });
    expect(listed.body).not.toContain('Тайная');
    expect(listed.body).toContain('Witness K');
    const search = await t.app.inject({ url: `/api/v1/persons?q=${encodeURIComponent('Тайная')}`, headers: viewer });
    expect(search.statusCode).toBe(403);
    const admin = await t.app.inject({ url: `/api/v1/persons/${withheld.id}` });
    expect(admin.body).toContain('Тайная');
  });
});
