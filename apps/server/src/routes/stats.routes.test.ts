import { buildPerson, engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVia, openTestApp, send, type Json, type TestApp } from '../testing/test-app.js';

interface Row {
  key: string[];
  label: string;
  detentions: number;
  people: number;
}
const byKey = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.key.join('|'), [r.detentions, r.people]]));

describe.each(engines())('statistics API on %s', (engine) => {
  let t: TestApp;
  let eventId: string;
  let otherEvent: string;

  beforeAll(async () => {
    t = await openTestApp(engine);
    eventId = (await createVia(t.app, 'events', { title: 'Rally', type: 'protest_with_intervention', startAt: '2022-01-05T09:00:00+06:00', city: 'Almaty', timezone: 'Asia/Almaty',
      estimates: [{ measure: 'journalists detained', min: 5, claimedBy: 'Adil Soz' }, { measure: 'people detained', min: 100, max: 150, claimedBy: 'organisers' }] })).id;
    otherEvent = (await createVia(t.app, 'events', { title: 'Picket', type: 'peaceful_protest', startAt: '2022-01-06T09:00:00+06:00', city: 'Astana' })).id;
    await createVia(t.app, 'official-figures', { issuer: 'Ministry of Internal Affairs', issuedOn: '2022-01-07', measure: 'people detained', value: 9900, eventId });
    // A journalist who is also a human rights defender, detained twice (once just after local midnight: 4 Jan in UTC).
    const both = (await createVia(t.app, 'persons', buildPerson({ consent: 'granted', roles: [{ role: 'journalist', eventId }, { role: 'human_rights_defender', eventId }] }))).id;
    const protester = (await createVia(t.app, 'persons', buildPerson({ roles: [{ role: 'protester' }] }))).id;
    const group = (await createVia(t.app, 'persons', buildPerson({ names: [{ value: 'about 20 protesters', kind: 'description' }], countingUnit: 'group', groupSize: 20 }))).id;
    const deleted = (await createVia(t.app, 'persons', buildPerson({ roles: [{ role: 'journalist', eventId }] }))).id;
    // Places for the map: a public square (exact), a restricted station (rounded), a home (never placed).
    const square = (await createVia(t.app, 'places', { name: 'Republic Square', kind: 'square', city: 'Almaty', lat: 43.23831, lon: 76.94542, confidentiality: 'public' })).id;
    const station = (await createVia(t.app, 'places', { name: 'Almaly police station', kind: 'police_station', city: 'Almaty', lat: 43.25671, lon: 76.92861 })).id;
    const home = (await createVia(t.app, 'places', { name: 'Home of a detainee', kind: 'home', city: 'Almaty', lat: 43.2001, lon: 76.8002, confidentiality: 'public' })).id;
    const detain = (personId: string, apprehendedAt: string, extra: Json = {}) => createVia(t.app, 'detentions', { personId, eventId, apprehendedAt, legalBasis: 'administrative', ...extra });
    await detain(both, '2022-01-05T00:30:00+06:00', { apprehendedPlaceId: square, steps: [{ type: 'released', at: '2022-01-05T03:30:00+06:00' }] });
    await detain(both, '2022-01-05T15:00:00+06:00', { apprehendedPlaceId: square, steps: [{ type: 'released', at: '2022-01-05T16:00:00+06:00' }] });
    await detain(protester, '2022-01-05T12:00:00+06:00', { apprehendedPlaceId: station, legalBasis: 'criminal', steps: [{ type: 'released', at: '2022-01-06T12:00:00+06:00' }] });
    await detain(group, '2022-01-05T12:00:00+06:00', { apprehendedPlaceId: home, apprehendedPrecision: 'hour' });
    const gone = await detain(deleted, '2022-01-05T12:00:00+06:00');
    await send(t.app, { method: 'DELETE', url: `/api/v1/detentions/${gone.id}` });
    await createVia(t.app, 'detentions', { personId: protester, eventId: otherEvent, apprehendedAt: '2022-01-06T10:00:00+06:00' });
    await createVia(t.app, 'charges', { personId: protester, detentionId: (await t.services.records.list('detention', { eventId: otherEvent })).items[0]?.id, code: 'kz_koap', article: '488', outcome: 'convicted', sentenceKind: 'fine' });
  });
  afterAll(() => t.close());

  const get = async (url: string) => {
    const res = await send(t.app, { method: 'GET', url });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('counts detentions and people apart: twice detained = 2 detentions, 1 person; a group counts as its size', async () => {
    const { totals } = await get(`/api/v1/stats/overview?eventId=${eventId}`) as { totals: Json };
    expect(totals).toEqual({ detentions: 23, people: 22, detentionRecords: 4, personRecords: 3, groupRecords: 1, peopleAtLeast: true });
  });

  it('puts a person with two roles in both role rows and once in the total', async () => {
    const { rows } = await get(`/api/v1/stats/by/role?eventId=${eventId}`) as { rows: Row[] };
    expect(byKey(rows)).toEqual({ journalist: [2, 1], human_rights_defender: [2, 1], protester: [1, 1], '': [20, 20] });
  });

  it('groups by the local date in the event time zone, not the UTC date', async () => {
    const { rows } = await get('/api/v1/stats/by/date') as { rows: Row[] };
    expect(byKey(rows)).toEqual({ '2022-01-05': [23, 22], '2022-01-06': [1, 1] });
    const { totals } = await get('/api/v1/stats/overview?from=2022-01-05&to=2022-01-05') as { totals: Json };
    expect(totals).toMatchObject({ detentions: 23, people: 22 });
  });

  it('breaks down by city, legal basis, outcome and charge', async () => {
    expect(byKey((await get('/api/v1/stats/by/city') as { rows: Row[] }).rows)).toEqual({ Almaty: [23, 22], Astana: [1, 1] });
    expect(byKey((await get('/api/v1/stats/by/legal-basis') as { rows: Row[] }).rows)).toEqual({ administrative: [22, 21], criminal: [1, 1], unknown: [1, 1] });
    expect(byKey((await get('/api/v1/stats/by/outcome') as { rows: Row[] }).rows)).toEqual({ 'none:released': [3, 2], 'none:held': [20, 20], 'sentence:fine': [1, 1] });
    const charges = (await get('/api/v1/stats/by/charge') as { rows: Row[] }).rows;
    expect(charges).toEqual([{ key: ['kz_koap', '488'], label: expect.stringContaining('488') as string, detentions: 1, people: 1 }]);
  });

  it('gives custody durations from the actual restriction: median and longest', async () => {
    const { durations } = await get(`/api/v1/stats/overview?eventId=${eventId}`) as { durations: Json };
    expect(durations).toMatchObject({ measured: 3, medianHours: 3, longestHours: 24, median: '3 h', longest: '24 h', held: 1 });
  });

  it('sets documented, claimed and official figures side by side without merging them', async () => {
    const body = await get(`/api/v1/stats/reconciliation?eventId=${eventId}`) as { rows: { area: string | null; measure: string; documented: Json; claimed: Json[]; official: Json[] }[] };
    const people = body.rows.find((r) => r.area === 'Almaty' && r.measure === 'people');
    expect(people).toMatchObject({ documented: { detentions: 23, people: 22 }, claimed: [{ text: '100–150', claimedBy: 'organisers' }], official: [{ value: 9900, issuer: 'Ministry of Internal Affairs', issuedOn: '2022-01-07' }] });
    const journalists = body.rows.find((r) => r.area === 'Almaty' && r.measure === 'role:journalist');
    expect(journalists).toMatchObject({ documented: { detentions: 2, people: 1 }, claimed: [{ text: 'at least 5' }] });
  });

  it('draws charts as SVG', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/stats/charts/city.svg' });
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body).toContain('Almaty');
  });

  it('maps places with a publishable position and every town at its centre; homes never', async () => {
    const map = await get('/api/v1/stats/map');
    expect(map.places).toEqual([
      { name: 'Republic Square', city: 'Almaty', lat: 43.23831, lon: 76.94542, precision: 'place', detentions: 2, people: 1 },
      // Restricted: rounded to two decimals (about 1 km).
      { name: 'Almaly police station', city: 'Almaty', lat: 43.26, lon: 76.93, precision: 'rounded', detentions: 1, people: 1 },
    ]);
    // The group at a home and the Astana detention with no place are counted, not drawn.
    expect(map.placesWithoutPosition).toEqual({ detentions: 21, people: 21 });
    expect(map.cities).toEqual([
      { name: 'Almaty', city: 'Almaty', lat: 43.24, lon: 76.89, precision: 'city', detentions: 23, people: 22 },
      { name: 'Astana', city: 'Astana', lat: 51.17, lon: 71.45, precision: 'city', detentions: 1, people: 1 },
    ]);
    expect(map.notOnMap).toEqual([]);
    expect(JSON.stringify(map)).not.toMatch(/Home of|43\.2001|76\.8002/);
    const scoped = await get(`/api/v1/stats/map?eventId=${otherEvent}`);
    expect(scoped).toMatchObject({ places: [], cities: [{ name: 'Astana', detentions: 1 }], placesWithoutPosition: { detentions: 1, people: 1 } });
  });

  it('lets a viewer read aggregates but not export per-detention data', async () => {
    const viewer = await t.headersFor('viewer');
    expect((await send(t.app, { method: 'GET', url: '/api/v1/stats/overview', headers: viewer })).status).toBe(200);
    const lawyer = await t.headersFor('lawyer');
    expect((await send(t.app, { method: 'GET', url: '/api/v1/stats/overview', headers: lawyer })).status).toBe(403);
  });

  it.each([
    ['/api/v1/stats/by/colour', 'dimension'],
    ['/api/v1/stats/overview?from=2022-13-01', 'from'],
    ['/api/v1/stats/overview?from=2022-01-06&to=2022-01-05', 'to'],
    ['/api/v1/stats/overview?eventId=nope', 'eventId.0'],
    ['/api/v1/stats/by/city?eventId=01900000-0000-7000-8000-000000000000', 'eventId.0'],
    ['/api/v1/stats/overview?limit=5', 'limit'],
    ['/api/v1/stats/map?to=yesterday', 'to'],
  ])('refuses %s with 400 naming %s', async (url, field) => {
    const res = await send(t.app, { method: 'GET', url });
    expect(res.status).toBe(400);
    expect((res.body.error as { code: string; fields: { path: string }[] })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((res.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toContain(field);
  });
});
