import { engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVia, type Json, openTestApp, send, type TestApp } from '../testing/test-app.js';

describe.each(engines())('merge review routes on %s', (engine) => {
  let t: TestApp;
  let event: string;
  let latin: string;
  let cyrillic: string;
  let namesake: string;
  let detention: string;
  beforeAll(async () => {
    t = await openTestApp(engine);
    event = (await createVia(t.app, 'events', { title: 'Almaty, 5 January', type: 'protest_with_intervention', startAt: '2022-01-05T10:00:00+06:00', city: 'Almaty' })).id;
    const person = async (name: string, birthYear: number, city: string) => {
      const id = (await createVia(t.app, 'persons', { names: [{ value: name }], birthYear, roles: [{ role: 'lawyer', eventId: event }] })).id;
      const d = await createVia(t.app, 'detentions', { personId: id, eventId: event, apprehendedAt: '2022-01-05T11:00:00+06:00', city });
      return { id, detention: d.id };
    };
    const a = await person('Zhanara Balgabayeva', 1985, 'Almaty');
    latin = a.id;
    cyrillic = (await person('Балгабаева Жанара', 1985, 'Алматы')).id;
    namesake = (await person('Асель Нурланова', 1990, 'Aktau')).id;
    detention = a.detention;
  });
  afterAll(() => t.close());

  const pending = async (headers?: Record<string, string>) => {
    const res = await send(t.app, { method: 'GET', url: '/api/v1/merges', ...(headers ? { headers } : {}) });
    expect(res.status).toBe(200);
    return res.body.items as Json[];
  };

  it('scans everyone and proposes the same lawyer written in two scripts, with reasons', async () => {
    const scan = await send(t.app, { method: 'POST', url: '/api/v1/merges/scan', payload: { all: true } });
    expect(scan.body).toMatchObject({ persons: 3, candidates: 1 });
    const [pair] = await pending();
    expect(pair).toMatchObject({ status: 'pending', version: 1 });
    const ids = [(pair?.personA as Json).id, (pair?.personB as Json).id].sort();
    expect(ids).toEqual([latin, cyrillic].sort());
    expect(ids).not.toContain(namesake);
    expect((pair?.reasons as string[]).join('; ')).toMatch(/same birth year: 1985/);
    // What a reviewer compares side by side: names, birth year, roles, cities and events of each.
    const byId = new Map([pair?.personA as Json, pair?.personB as Json].map((p) => [p.id, p]));
    expect(byId.get(latin)).toMatchObject({ names: ['Zhanara Balgabayeva'], birthYear: 1985, roles: ['lawyer'], cities: ['Almaty'], eventIds: [event], deleted: false });
    expect(byId.get(cyrillic)).toMatchObject({ names: ['Балгабаева Жанара'], roles: ['lawyer'], cities: ['Алматы'], eventIds: [event] });
    // Scanning again proposes nothing new.
    expect((await send(t.app, { method: 'POST', url: '/api/v1/merges/scan', payload: { personIds: [latin] } })).body).toMatchObject({ candidates: 0 });
  });

  it('shows pairs only to readers who may see both persons, and names only with identities:read', async () => {
    expect(await pending(await t.headersFor('viewer'))).toEqual([]);
    const [pair] = await pending(await t.headersFor('analyst'));
    expect((pair?.personA as Json).names).not.toBeNull();
    // Without identities:read no names, and neither where nor at which events the persons were held.
    // (A viewer's scope is public records only; here one that may read all, to see what the role alone hides.)
    const unnamed = await t.services.merges.get(String(pair?.id), { scope: { confidentiality: ['public', 'restricted', 'confidential'] }, role: 'viewer' });
    expect(unnamed.reasons).toBeNull();
    expect(unnamed.personA).toMatchObject({ names: null, cities: null, eventIds: null, roles: ['lawyer'], birthYear: 1985 });
    expect((await send(t.app, { method: 'POST', url: `/api/v1/merges/${String(pair?.id)}/accept`, headers: await t.headersFor('monitor'), payload: {} })).status).toBe(403);
  });

  it('accepts, refuses a second decision, unmerges; 404 and 409 as they should', async () => {
    const [pair] = await pending();
    const id = String(pair?.id);
    const stale = await send(t.app, { method: 'POST', url: `/api/v1/merges/${id}/accept`, payload: { version: 9 } });
    expect(stale.status).toBe(409);
    const accepted = await send(t.app, { method: 'POST', url: `/api/v1/merges/${id}/accept`, payload: { survivorId: latin, note: 'same lawyer', version: 1 } });
    expect(accepted.status, accepted.raw.body).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', survivorId: latin, mergedId: cyrillic, decisions: [{ action: 'accepted', note: 'same lawyer' }] });
    const survivor = await send(t.app, { method: 'GET', url: `/api/v1/persons/${latin}` });
    expect((survivor.body.names as Json[]).map((n) => n.value)).toEqual(['Zhanara Balgabayeva', 'Балгабаева Жанара']);
    expect((await send(t.app, { method: 'GET', url: `/api/v1/persons/${cyrillic}` })).body.deletedAt).not.toBeNull();
    expect(((await send(t.app, { method: 'GET', url: `/api/v1/detentions?personId=${latin}` })).body.items as Json[])).toHaveLength(2);
    expect(await pending()).toEqual([]);
    expect((await send(t.app, { method: 'POST', url: `/api/v1/merges/${id}/reject`, payload: {} })).status).toBe(409);

    const unmerged = await send(t.app, { method: 'POST', url: `/api/v1/merges/${id}/unmerge`, payload: { note: 'two people' } });
    expect(unmerged.status, unmerged.raw.body).toBe(200);
    expect(unmerged.body).toMatchObject({ status: 'unmerged', warnings: [] });
    expect((await send(t.app, { method: 'GET', url: `/api/v1/persons/${cyrillic}` })).body.deletedAt).toBeNull();
    expect(((await send(t.app, { method: 'GET', url: `/api/v1/detentions?personId=${latin}` })).body.items as Json[]).map((d) => d.id)).toEqual([detention]);
    const history = await send(t.app, { method: 'GET', url: `/api/v1/persons/${latin}/history` });
    expect((history.body.items as Json[]).map((h) => h.action)).toEqual(['create', 'update', 'update']);

    expect((await send(t.app, { method: 'POST', url: `/api/v1/merges/${id}/reject`, payload: { note: 'checked' } })).body).toMatchObject({ status: 'rejected' });
    expect((await send(t.app, { method: 'POST', url: '/api/v1/merges/scan', payload: { all: true } })).body).toMatchObject({ candidates: 0 });
    expect((await send(t.app, { method: 'GET', url: '/api/v1/merges/01900000-0000-7000-8000-000000000000' })).status).toBe(404);
    expect((await send(t.app, { method: 'GET', url: '/api/v1/merges/not-an-id' })).status).toBe(404);
  });
});
