import fs from 'node:fs';
import path from 'node:path';
import { engines } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, openTestApp, send, type TestApp } from '../testing/test-app.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const OVD = path.resolve(ROOT, '../shared/data/ovdinfo-2013-detention-events.csv');
const HAVE_SHARED = fs.existsSync(OVD);
if (!HAVE_SHARED) console.warn(`[vigil] ../shared is absent (${OVD}): the OVD-Info upload test is SKIPPED`);
const OVD_MAPPING = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/mappings/ovdinfo-2013.json'), 'utf8')) as Json;

const BOUNDARY = '----vigil-import-boundary';
function upload(filename: string, data: Buffer | string) {
  const payload = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(data), Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return { method: 'POST' as const, url: '/api/v1/imports/uploads', payload, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

const EVENTS = {
  target: 'event', dataset: 'route-test',
  fields: { 'event.title': { column: 'title' }, 'event.type': { value: 'peaceful_protest' }, 'event.startAt': { column: 'date' }, 'event.city': { column: '=city' } },
};
const CSV = `title,date,=city\r\nPicket at the akimat,05.01.2022,Almaty\r\nMarch,+35.01.2022,"=HYPERLINK(""http://x"")${'x'.repeat(200)}"\r\nRally,06.01.2022,Aktau\r\n`;

describe.each(engines())('import routes on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine);
  });
  afterAll(() => t.close());

  const staged = async (name: string, data: Buffer | string): Promise<string> => {
    const res = await send(t.app, upload(name, data));
    expect(res.status, res.raw.body).toBe(201);
    return (res.body.upload as { id: string }).id;
  };
  const poll = async (id: string): Promise<Json> => {
    for (let i = 0; i < 200; i++) {
      const res = await send(t.app, { method: 'GET', url: `/api/v1/imports/${id}` });
      if (!['queued', 'running'].includes(String(res.body.status))) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the run did not finish');
  };

  it('lists what each kind of list can fill', async () => {
    const res = await send(t.app, { method: 'GET', url: '/api/v1/imports/fields' });
    expect(res.status).toBe(200);
    const targets = res.body.targets as { target: string; fields: { path: string }[] }[];
    expect(targets.map((x) => x.target)).toEqual(['event', 'person', 'detention']);
    expect(targets[2]?.fields.map((f) => f.path)).toContain('detention.apprehendedAt');
  });

  it.skipIf(!HAVE_SHARED)('uploads the OVD-Info list and previews its first rows as they will be stored', async () => {
    const res = await send(t.app, upload('ovdinfo-2013-detention-events.csv', fs.readFileSync(OVD)));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', problem: null, upload: { name: 'ovdinfo-2013-detention-events.csv' } });
    expect(res.body.columns).toContain('number_of_detentions');
    expect(res.body.sample).toHaveLength(5);
    const uploadId = (res.body.upload as { id: string }).id;
    const before = await t.counts();
    const preview = await send(t.app, { method: 'POST', url: '/api/v1/imports/preview', payload: { uploadId, mapping: OVD_MAPPING, rows: 3 } });
    expect(preview.status, preview.raw.body).toBe(200);
    const rows = preview.body.rows as { row: number; status: string; records: { entity: string; record: Json }[] }[];
    expect(rows.map((r) => [r.row, r.status])).toEqual([[2, 'new'], [3, 'new'], [4, 'new']]);
    expect(rows[0]?.records.find((r) => r.entity === 'event')?.record).toMatchObject({ title: 'Акция против строительства Северо-Западной хорды', estimates: [{ measure: 'detentions', min: 5 }] });
    expect(await t.counts()).toEqual(before);
  });

  it('dry-runs, imports in the background, and serves the row-level report as CSV safe to open', async () => {
    const uploadId = await staged('events.csv', CSV);
    const before = await t.counts();
    const dry = await send(t.app, { method: 'POST', url: '/api/v1/imports?wait=true', payload: { uploadId, mapping: EVENTS, dryRun: true } });
    expect(dry.status, dry.raw.body).toBe(200);
    expect(dry.body).toMatchObject({ status: 'done', dryRun: true, rows: { total: 3, imported: 2, failed: 1 }, created: { event: 2 }, fileName: 'events.csv' });
    const { import_runs: _r, audit_log: _a, audit_head: _h, ...rest } = await t.counts();
    const { import_runs: _r2, audit_log: _a2, audit_head: _h2, ...restBefore } = before;
    expect(rest).toEqual(restBefore);

    const started = await send(t.app, { method: 'POST', url: '/api/v1/imports', payload: { uploadId, mapping: EVENTS } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', problemsCsv: `/api/v1/imports/${String(started.body.id)}/problems.csv` });
    const done = await poll(String(started.body.id));
    expect(done).toMatchObject({ status: 'done', rows: { imported: 2, failed: 1 }, created: { event: 2 }, problemCount: 2 });
    expect(done.problems).toEqual([
      { row: 3, column: 'date', problem: expect.stringMatching(/^"\+35\.01\.2022" is not a date/) as string },
      { row: 3, column: '=city', problem: 'city is 222 characters long; at most 200 fit' },
    ]);
    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${String(done.id)}/problems.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="import-[0-9a-f-]+-problems\.csv"$/);
    const report = csv.body.split('\r\n');
    expect(report[1]).toMatch(/^3,date,"""\+35\.01\.2022"" is not a date/);
    expect(report[2]).toBe("3,'=city,city is 222 characters long; at most 200 fit");
    // The upload was removed after the import; the list of runs has both.
    expect((await send(t.app, { method: 'POST', url: '/api/v1/imports/preview', payload: { uploadId, mapping: EVENTS } })).status).toBe(404);
    const runs = await send(t.app, { method: 'GET', url: '/api/v1/imports?limit=5' });
    expect((runs.body.items as Json[]).slice(0, 2).map((r) => r.dryRun)).toEqual([false, true]);
  });

  it('refuses bad input clearly: not multipart, a missing column, an empty file, a bad mapping', async () => {
    expect((await send(t.app, { method: 'POST', url: '/api/v1/imports/uploads', payload: { file: 'x' } })).body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const bad = await send(t.app, { method: 'POST', url: '/api/v1/imports?wait=true', payload: { uploadId: await staged('x.csv', 'title,when\r\nA,05.01.2022\r\n'), mapping: EVENTS } });
    expect(bad.body).toMatchObject({ status: 'refused', rows: { imported: 0 }, message: expect.stringMatching(/lacks columns the mapping reads: "date", "=city"/) as string });
    const empty = await send(t.app, upload('empty.csv', ''));
    expect(empty.status).toBe(201);
    expect(empty.body).toMatchObject({ problem: 'the file is empty', columns: null });
    const mapping = await send(t.app, { method: 'POST', url: '/api/v1/imports/preview', payload: { uploadId: (empty.body.upload as { id: string }).id, mapping: { target: 'event', fields: { 'event.nope': { column: 'x' } } } } });
    expect(mapping.status).toBe(400);
    expect((mapping.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(expect.arrayContaining(['mapping.fields.event.nope', 'mapping.fields.event.title']));
    expect((await send(t.app, { method: 'POST', url: '/api/v1/imports/preview', payload: { uploadId: '01900000-0000-7000-8000-000000000000', mapping: EVENTS } })).status).toBe(404);
  });

  it('saves mappings for reuse by name', async () => {
    const saved = await send(t.app, { method: 'POST', url: '/api/v1/import-mappings', payload: { name: 'Partner events', mapping: EVENTS } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'Partner events', target: 'event', version: 1 });
    expect((await send(t.app, { method: 'POST', url: '/api/v1/import-mappings', payload: { name: 'Partner events', mapping: EVENTS } })).status).toBe(409);
    const uploadId = await staged('again.csv', CSV.replace('Rally', 'Rally again'));
    const run = await send(t.app, { method: 'POST', url: '/api/v1/imports?wait=true', payload: { uploadId, mappingId: 'Partner events' } });
    expect(run.body).toMatchObject({ status: 'done', mappingId: saved.body.id, rows: { imported: 1, skipped: 1, failed: 1 } });
    const renamed = await send(t.app, { method: 'PATCH', url: `/api/v1/import-mappings/${String(saved.body.id)}`, payload: { version: 1, name: 'Partner A events' } });
    expect(renamed.body).toMatchObject({ name: 'Partner A events', version: 2 });
    expect((await send(t.app, { method: 'PATCH', url: `/api/v1/import-mappings/${String(saved.body.id)}`, payload: { version: 1, name: 'x' } })).status).toBe(409);
    expect(((await send(t.app, { method: 'GET', url: '/api/v1/import-mappings' })).body.items as Json[]).map((m) => m.name)).toContain('Partner A events');
  });

  it('shows a run left running by a stopped process as interrupted, saying what was kept and how to finish', async () => {
    // A run begun by "another process" whose last heartbeat is two minutes old (it never finished).
    const gone = t.db.services({ now: () => new Date(Date.now() - 120_000).toISOString() });
    const uploadId = await staged('stopped.csv', CSV);
    const run = await gone.imports.begin(await gone.imports.uploadSource(uploadId), gone.imports.parseMapping(EVENTS), { id: 'x', name: 'gone' });
    const res = await send(t.app, { method: 'GET', url: `/api/v1/imports/${run.id}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'interrupted', message: expect.stringMatching(/^Interrupted: the process running this import stopped \(a restart or a crash\) before it had read the file\./) as string });
    expect(String(res.body.message)).toMatch(/source keys and skipped, so nothing is duplicated/);
    const listed = await send(t.app, { method: 'GET', url: '/api/v1/imports?limit=50' });
    expect((listed.body.items as Json[]).find((r) => r.id === run.id)).toMatchObject({ status: 'interrupted' });
  });

  it('lets readers see runs without file names, and only importers import', async () => {
    const viewer = await t.headersFor('viewer');
    const runs = await send(t.app, { method: 'GET', url: '/api/v1/imports', headers: viewer });
    expect(runs.status).toBe(200);
    expect((runs.body.items as Json[]).every((r) => r.fileName === null)).toBe(true);
    const monitor = await t.headersFor('monitor');
    expect((await send(t.app, { method: 'POST', url: '/api/v1/imports', headers: monitor, payload: {} })).status).toBe(403);
  });
});

describe('the upload limit', () => {
  let t: TestApp;
  const before = process.env.VIGIL_IMPORT_MAX_BYTES;
  beforeAll(async () => {
    process.env.VIGIL_IMPORT_MAX_BYTES = '2000';
    t = await openTestApp('sqlite');
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.VIGIL_IMPORT_MAX_BYTES;
    else process.env.VIGIL_IMPORT_MAX_BYTES = before;
    await t.close();
  });

  it('refuses a list over VIGIL_IMPORT_MAX_BYTES and keeps nothing of it', async () => {
    const res = await send(t.app, upload('big.csv', `title,date\r\n${'Picket,05.01.2022\r\n'.repeat(200)}`));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(fs.readdirSync(path.join(t.db.config.dataDir, 'imports'))).toEqual([]);
    expect((await send(t.app, upload('small.csv', 'title,date\r\nPicket,05.01.2022\r\n'))).status).toBe(201);
  });
});
