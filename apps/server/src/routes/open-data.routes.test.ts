import { ACLED_COLUMNS, DETENTION_COLUMNS } from '@vigil/core';
import { engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, send, type TestApp } from '../testing/test-app.js';

describe.each(engines())('open data on %s', (engine) => {
  let t: TestApp;
  const scope = 'from=2016-05-21&to=2016-05-21';
  beforeAll(async () => {
    t = await openTestApp(engine);
    await t.services.demo.load();
  });
  afterAll(() => t.close());

  it('exports detentions as CSV with a header and one row per detention', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/open-data/detentions.csv?${scope}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="vigil-detentions.csv"');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(DETENTION_COLUMNS.join(','));
    expect(lines).toHaveLength(51);
    expect(res.body).toContain('Vyacheslav Polovinko,true,individual,,journalist,Radio Free Europe/Radio Liberty Kazakhstan Service; Novaya Gazeta,');
  });

  it('exports the same detentions as JSON and as GeoJSON', async () => {
    const json = JSON.parse((await t.app.inject({ method: 'GET', url: `/api/v1/open-data/detentions.json?${scope}` })).body) as { format: string; items: Record<string, unknown>[] };
    expect(json.format).toBe('vigil-open-data');
    expect(json.items).toHaveLength(50);
    expect(json.items.filter((i) => i.city === 'Almaty')).toHaveLength(22);
    expect(new Set(json.items.map((i) => i.person_ref)).size).toBe(50);
    const geo = JSON.parse((await t.app.inject({ method: 'GET', url: `/api/v1/open-data/detentions.geojson?${scope}` })).body) as { type: string; features: { geometry: unknown; properties: Record<string, unknown> }[] };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(50);
    expect(geo.features[0]).toMatchObject({ type: 'Feature', properties: expect.objectContaining({ date: '2016-05-21' }) as unknown });
  });

  it('exports events as ACLED-compatible CSV with the documented type mapping', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/open-data/events.acled?${scope}` });
    const [header, ...rows] = res.body.trimEnd().split('\r\n');
    expect(header).toBe(ACLED_COLUMNS.join(','));
    const almaty = rows.find((r) => r.includes(',Almaty,'));
    expect(almaty).toMatch(/^VIGIL-[0-9a-f-]{36},2016-05-21,2016,1,Demonstrations,Protests,Protest with intervention,Protesters \(Kazakhstan\),,6,Police Forces of Kazakhstan,,1,16,,398,Caucasus and Central Asia,Kazakhstan,/);
    expect(almaty).toContain('Vigil documented 22 detention(s) of 22 person(s).');
    const karaganda = rows.find((r) => r.includes(',Karaganda,'));
    expect(karaganda).toContain('Strategic developments,Strategic developments,Arrests,Police Forces of Kazakhstan,,1,Civilians (Kazakhstan),,7,17');
  });

  it('exports events as CSV, JSON and GeoJSON with documented and claimed counts', async () => {
    const json = JSON.parse((await t.app.inject({ method: 'GET', url: `/api/v1/open-data/events.json?${scope}` })).body) as { items: Record<string, unknown>[] };
    const nationwide = json.items.find((e) => e.city === null && String(e.title).includes('nationwide'));
    expect(nationwide?.claimed).toContain('54 journalists detained or arrested on 21 May (nationwide)');
    expect(json.items.find((e) => e.city === 'Uralsk')).toMatchObject({ detentions: 8, people: 8 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/open-data/events.csv' })).body.split('\r\n')[0]).toContain('event_id,title,type,date');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/open-data/events.geojson' })).statusCode).toBe(200);
  });

  it.each([
    ['/api/v1/open-data/detentions.xlsx', 'format'],
    ['/api/v1/open-data/people.csv', 'dataset'],
    ['/api/v1/open-data/detentions.acled', 'format'],
    ['/api/v1/open-data/detentions.csv?to=yesterday', 'to'],
  ])('refuses %s with 400 and no body', async (url, field) => {
    const res = await send(t.app, { method: 'GET', url });
    expect(res.status).toBe(400);
    expect((res.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toContain(field);
  });

  it('keeps open data from roles without the export permission', async () => {
    const viewer = await t.headersFor('viewer');
    expect((await send(t.app, { method: 'GET', url: '/api/v1/open-data/detentions.csv', headers: viewer })).status).toBe(403);
  });
});
