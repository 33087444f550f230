import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import { buildEvent, engines } from '@vigil/db/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVia, openTestApp, send, type Json, type TestApp } from '../testing/test-app.js';

const LIMIT = 300_000;
const BOUNDARY = '----vigil-test-boundary';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A multipart/form-data body: text fields first, then one file part (as browsers and curl send). */
function multipart(fields: Record<string, string | string[]>, file?: { filename: string; type?: string; data: Buffer }): { payload: Buffer; headers: Record<string, string> } {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

async function picture(seed: number): Promise<Buffer> {
  const w = 64;
  const h = 48;
  const px = Buffer.alloc(w * h * 3);
  for (let i = 0; i < px.length; i++) px[i] = (Math.floor(i / 3) * (seed + 7) + (i % 3) * 50) % 256;
  return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer();
}

function expectError(res: { status: number; body: Json }, status: number, code: string, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(Object.keys(res.body)).toEqual(['error']);
  const error = res.body.error as { code: string; message: string; fields: { path: string; problem: string }[] };
  expect(error.code).toBe(code);
  if (field !== undefined) expect(error.fields.map((f) => f.path)).toContain(field);
}

function tmpFiles(t: TestApp): string[] {
  const dir = path.join(t.db.config.dataDir, 'evidence', 'tmp');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe.each(engines())('evidence over HTTP on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(engine, { evidence: { maxBytes: LIMIT } });
  });
  afterAll(() => t.close());

  const upload = (fields: Record<string, string | string[]>, file?: { filename: string; type?: string; data: Buffer }, headers: Record<string, string> = {}) => {
    const body = multipart(fields, file);
    return send(t.app, { method: 'POST', url: '/api/v1/evidence', payload: body.payload, headers: { ...body.headers, ...headers } });
  };

  it('stores an upload with its provenance, shows the chain of custody, and serves the original bit for bit', async () => {
    const photo = await picture(1);
    const event = await createVia(t.app, 'events', buildEvent());
    const res = await upload({
      originalUrl: 'https://t.me/orda_kz/1234', platform: 'telegram', postingAccount: '@orda_kz', postedAt: '2022-01-05T16:02:00+06:00',
      capturedBy: 'researcher A', captureTool: 'Telegram Desktop export', eventIds: event.id, sensitivity: ['graphic_violence', 'personal_data_visible'],
    }, { filename: 'residence-gate.jpg', type: 'image/jpeg', data: photo });
    expect(res.status, res.raw.body).toBe(201);
    const item = (res.body.item as Json & { id: string });
    expect(res.body.duplicate).toBe(false);
    expect(item).toMatchObject({ sha256: sha(photo), size: photo.length, mediaType: 'image/jpeg', filename: 'residence-gate.jpg', eventIds: [event.id], sensitivity: ['graphic_violence', 'personal_data_visible'] });
    expect((item.provenance as Json[])[0]).toMatchObject({ platform: 'telegram', postingAccount: '@orda_kz', postedAt: '2022-01-05T10:02:00.000Z' });

    const shown = await send(t.app, { method: 'GET', url: `/api/v1/evidence/${item.id}` });
    expect(shown.status).toBe(200);
    const download = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${item.id}/content` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(photo);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="residence-gate.jpg"/);
    expect(download.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(photo).digest('base64')}:`);

    const after = await send(t.app, { method: 'GET', url: `/api/v1/evidence/${item.id}` });
    const custody = after.body.custody as { action: string; sha256: string; origin: string; actor: string }[];
    expect(custody.map((c) => c.action)).toEqual(['ingest', 'view', 'download', 'view']);
    expect(custody.every((c) => c.sha256 === sha(photo) && c.origin === '127.0.0.1' && c.actor.length > 0)).toBe(true);

    const thumb = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${item.id}/copies/thumbnail` });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.rawPayload).not.toEqual(photo);
  });

  it('answers a second upload of the same bytes with the same item and a second provenance record', async () => {
    const photo = await picture(2);
    const first = await upload({ platform: 'twitter' }, { filename: 'one.jpg', type: 'image/jpeg', data: photo });
    const second = await upload({ platform: 'youtube' }, { filename: 'two.jpg', type: 'image/jpeg', data: photo });
    expect(second.status).toBe(201);
    expect(second.body.duplicate).toBe(true);
    const item = second.body.item as Json;
    expect(item.id).toBe((first.body.item as Json).id);
    expect((item.provenance as Json[]).map((p) => p.platform)).toEqual(['twitter', 'youtube']);
    const list = await send(t.app, { method: 'GET', url: `/api/v1/evidence?sha256=${sha(photo)}` });
    expect((list.body.items as Json[]).length).toBe(1);
  });

  describe('refuses bad uploads with 400 naming the field, storing nothing and leaving no temporary file', () => {
    const refused = async (res: Promise<{ status: number; body: Json }>, code: string, field: string) => {
      const before = await t.counts();
      expectError(await res, 400, code, field);
      expect(await t.counts()).toEqual(before);
      expect(tmpFiles(t)).toEqual([]);
    };
    it('a zero-byte file', () => refused(upload({}, { filename: 'empty.mp4', data: Buffer.alloc(0) }), 'VALIDATION_FAILED', 'file'));
    it('a PDF declared as a JPEG', () => refused(upload({}, { filename: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('%PDF-1.7\nnot a photo') }), 'VALIDATION_FAILED', 'mediaType'));
    it('a file name that climbs out of its folder', async () => refused(upload({}, { filename: '../../etc/cron.d/x', type: 'image/jpeg', data: await picture(3) }), 'VALIDATION_FAILED', 'filename'));
    it('a file over the configured limit', () => refused(upload({}, { filename: 'big.bin', data: Buffer.alloc(LIMIT + 10, 7) }), 'PAYLOAD_TOO_LARGE', 'file'));
    it('a form without a file', () => refused(upload({ platform: 'telegram' }), 'VALIDATION_FAILED', 'file'));
    it('an unknown provenance field', async () => refused(upload({ uploader: 'x' }, { filename: 'a.jpg', data: await picture(4) }), 'VALIDATION_FAILED', 'uploader'));
    it('a body that is not multipart', () => refused(send(t.app, { method: 'POST', url: '/api/v1/evidence', payload: { filename: 'a.jpg' } }), 'VALIDATION_FAILED', ''));
  });

  it('forgets an upload interrupted half-way: no record, no temporary file', async () => {
    const auth = await t.headersFor('admin');
    const before = await t.counts();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = t.app.server.address() as AddressInfo;
      const body = multipart({ platform: 'telegram' }, { filename: 'cut.jpg', type: 'image/jpeg', data: Buffer.alloc(200_000, 1) });
      await new Promise<void>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/evidence', headers: { ...body.headers, ...auth, 'content-length': String(body.payload.length) } });
        req.on('error', () => resolve());
        req.on('response', () => resolve());
        req.write(body.payload.subarray(0, 100_000), () => setTimeout(() => {
          req.destroy();
          resolve();
        }, 100));
      });
      for (let i = 0; i < 50 && tmpFiles(t).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 100));
      expect(tmpFiles(t)).toEqual([]);
      expect(await t.counts()).toEqual(before);
    } finally {
      await new Promise((resolve) => t.app.server.close(resolve));
    }
  });

  it('runs the verification workflow, claims and comments, and refuses a skipped step', async () => {
    const res = await upload({}, { filename: 'w.jpg', type: 'image/jpeg', data: await picture(5) });
    const id = (res.body.item as { id: string }).id;
    expectError(await send(t.app, { method: 'POST', url: `/api/v1/evidence/${id}/status`, payload: { status: 'verified', version: 1 } }), 400, 'VALIDATION_FAILED', 'status');
    const moved = await send(t.app, { method: 'POST', url: `/api/v1/evidence/${id}/status`, payload: { status: 'in_progress', assignee: 'analyst-1', version: 1 } });
    expect(moved.body).toMatchObject({ status: 'in_progress', assignee: 'analyst-1', version: 2 });
    const geo = await send(t.app, { method: 'POST', url: `/api/v1/evidence/${id}/geolocations`, payload: { lat: 43.2383, lon: 76.9454, precision: 'vicinity', method: 'landmark_match', landmarks: ['Independence Monument'] } });
    expect(geo.status, geo.raw.body).toBe(201);
    const ownReview = await send(t.app, { method: 'POST', url: `/api/v1/evidence/geolocations/${String(geo.body.id)}/review`, payload: { status: 'confirmed' } });
    expect(ownReview.status).toBe(403);
    expect(ownReview.body).toMatchObject({ error: { code: 'FORBIDDEN', fields: [{ path: 'status' }] } });
    const review = await send(t.app, { method: 'POST', url: `/api/v1/evidence/geolocations/${String(geo.body.id)}/review`, payload: { status: 'confirmed' }, headers: await t.headersFor('analyst') });
    expect(review.body).toMatchObject({ status: 'confirmed' });
    expect((await send(t.app, { method: 'POST', url: `/api/v1/evidence/${id}/chronolocations`, payload: { from: '2022-01-05T15:00:00+06:00', to: '2022-01-05T17:31:00+06:00', method: 'sun_position', confidence: 'high' } })).status).toBe(201);
    expect((await send(t.app, { method: 'POST', url: `/api/v1/evidence/${id}/comments`, payload: { body: 'shadow points north-east' } })).status).toBe(201);
    expect((await send(t.app, { method: 'POST', url: `/api/v1/evidence/${id}/transfers`, payload: { to: 'UN OHCHR' } })).status).toBe(201);
    const shown = await send(t.app, { method: 'GET', url: `/api/v1/evidence/${id}` });
    expect((shown.body.geolocations as Json[]).length).toBe(1);
    expect((shown.body.chronolocations as Json[]).length).toBe(1);
    expect((shown.body.comments as Json[]).length).toBe(1);
    expect((shown.body.custody as Json[]).map((c) => c.action)).toContain('transfer');
    const history = await send(t.app, { method: 'GET', url: `/api/v1/evidence/${id}/history` });
    expect((history.body.items as Json[]).map((h) => h.action)).toEqual(['create', 'update']);
  });

  it('re-hashes everything on request and reports a flipped byte', async () => {
    const photo = await picture(6);
    const id = ((await upload({}, { filename: 'flip.jpg', type: 'image/jpeg', data: photo })).body.item as { id: string; sha256: string }).id;
    const h = sha(photo);
    const file = path.join(t.db.config.dataDir, 'evidence', h.slice(0, 2), h.slice(2, 4), h);
    fs.chmodSync(file, 0o644);
    const bytes = fs.readFileSync(file);
    bytes[50] = (bytes[50] ?? 0) ^ 0x80;
    fs.writeFileSync(file, bytes);
    const report = await send(t.app, { method: 'POST', url: '/api/v1/evidence/verify' });
    expect(report.status).toBe(200);
    expect(report.body.problems).toEqual([{ itemId: id, sha256: h, problem: 'mismatch', observed: sha(bytes) }]);
    fs.writeFileSync(file, photo);
  });

  it('refuses an upload from a role without evidence:write, before reading the file', async () => {
    const before = await t.counts();
    const viewer = await t.headersFor('viewer');
    expectError(await upload({}, { filename: 'v.jpg', type: 'image/jpeg', data: await picture(7) }, viewer), 403, 'FORBIDDEN');
    const after = await t.counts();
    for (const table of Object.keys(after).filter((k) => k.startsWith('evidence_'))) expect(after[table], table).toBe(before[table]);
  });

  it('serves an event\'s chronology: evidence and acts by best-known time, verified marked', async () => {
    const event = await createVia(t.app, 'events', buildEvent());
    const res = await upload({ eventIds: event.id, postedAt: '2022-01-05T16:40:00+06:00' }, { filename: 'c.jpg', type: 'image/jpeg', data: await picture(8) });
    const id = (res.body.item as { id: string }).id;
    const act = await createVia(t.app, 'acts', { type: 'use_of_force', eventId: event.id, startAt: '2022-01-05T15:30:00+06:00', startPrecision: 'approximate' });
    const chrono = await send(t.app, { method: 'GET', url: `/api/v1/events/${event.id}/chronology` });
    expect(chrono.status, chrono.raw.body).toBe(200);
    expect((chrono.body.entries as Json[]).map((e) => [e.kind, e.id, e.precision, e.verified])).toEqual([['act', act.id, 'approximate', false], ['evidence', id, 'before', false]]);
    expectError(await send(t.app, { method: 'GET', url: '/api/v1/events/01a20171-0000-7000-8000-000000000000/chronology' }), 404, 'RECORD_NOT_FOUND');
  });

  it('creates, lists and edits incidents, refusing a window that ends before it starts', async () => {
    const event = await createVia(t.app, 'events', buildEvent());
    const item = ((await upload({ eventIds: event.id }, { filename: 'i.jpg', type: 'image/jpeg', data: await picture(9) })).body.item as { id: string });
    const created = await send(t.app, { method: 'POST', url: '/api/v1/evidence/incidents', payload: { eventId: event.id, title: 'Republic Square', from: '2022-01-06T18:00:00+06:00', to: '2022-01-06T18:30:00+06:00', itemIds: [item.id], killed: 0, injured: 2 } });
    expect(created.status, created.raw.body).toBe(201);
    expect(created.body.label).toBe('Republic Square, 18:00–18:30, 1 photo');
    const list = await send(t.app, { method: 'GET', url: `/api/v1/evidence/incidents?eventId=${event.id}` });
    expect((list.body.items as Json[]).map((i) => i.id)).toEqual([created.body.id]);
    const patched = await send(t.app, { method: 'PATCH', url: `/api/v1/evidence/incidents/${String(created.body.id)}`, payload: { version: 1, title: 'Republic Square, evening' } });
    expect(patched.body).toMatchObject({ version: 2, title: 'Republic Square, evening' });
    const before = await t.counts();
    expectError(await send(t.app, { method: 'POST', url: '/api/v1/evidence/incidents', payload: { eventId: event.id, title: 'x', from: '2022-01-06T18:00:00+06:00', to: '2022-01-06T17:00:00+06:00' } }), 400, 'VALIDATION_FAILED', 'to');
    expect(await t.counts()).toEqual(before);
  });

  it('gives sunset at Republic Square on 5 January 2022 at 17:31 local time', async () => {
    const res = await send(t.app, { method: 'GET', url: '/api/v1/sun/times?lat=43.2383&lon=76.9454&date=2022-01-05&timeZone=Asia/Almaty' });
    expect(res.status).toBe(200);
    expect((res.body.sunset as { local: string }).local).toMatch(/^2022-01-05T17:3[01]:\d\d\+06:00$/);
    expectError(await send(t.app, { method: 'GET', url: '/api/v1/sun/times?lat=95&lon=76.9&date=2022-01-05' }), 400, 'VALIDATION_FAILED', 'lat');
  });

  it('documents the evidence routes in the OpenAPI document', async () => {
    const doc = await send(t.app, { method: 'GET', url: '/api/v1/openapi.json' });
    expect(Object.keys(doc.body.paths as Json)).toEqual(expect.arrayContaining(['/api/v1/evidence', '/api/v1/evidence/{id}', '/api/v1/evidence/verify', '/api/v1/sun/times']));
  });
});
