import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { closestDistance, createServices, type EvidenceActor, hammingDistance, NEAR_DUPLICATE_DISTANCE, type Services } from '@vigil/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../connect.js';
import { buildEvent, engines, openTestDatabase, type TestDatabase } from '../testing/index.js';
import { DEFAULT_TOOLS, ToolMediaAnalyzer } from './media.analyzer.js';
import { chunks, filesUnder, hasTool, interrupted, makeJpeg, makeSceneVideos, makeVideo, tagJpeg, tempDir } from './testing.js';

const WHO: EvidenceActor = { actor: 'alice', origin: '127.0.0.1' };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const HAS_EXIFTOOL = hasTool('exiftool');
const HAS_FFMPEG = hasTool('ffmpeg', '-version');
/** CI installs the tools (.ci/run), so there a missing tool fails the run instead of skipping. */
const REQUIRED = process.env.CI === 'true';

describe.each(engines())('evidence vault on %s', (engine) => {
  let tdb: TestDatabase;
  let s: Services;
  let root: string;
  const storedFile = (h: string) => path.join(root, h.slice(0, 2), h.slice(2, 4), h);
  const counts = () => s.transfer.tableCounts();

  beforeAll(async () => {
    tdb = await openTestDatabase(engine);
    s = tdb.services({ evidence: { maxBytes: 2_000_000 } });
    root = path.join(tdb.config.dataDir, 'evidence');
  });
  afterAll(() => tdb.destroy());

  it('stores a photo by its SHA-256, read-only, with provenance and an ingest entry in the chain of custody', async () => {
    const photo = await makeJpeg(1);
    const event = await s.records.create('event', buildEvent(), 'alice');
    const { item, duplicate } = await s.evidence.ingest(chunks(photo), {
      filename: 'IMG_0042.jpg', mediaType: 'image/jpeg', eventIds: [event.id], sensitivity: ['graphic_violence'],
      originalUrl: 'https://t.me/example/123', platform: 'telegram', postingAccount: '@example', postedAt: '2022-01-05T16:02:00+06:00',
      capturedAt: '2022-01-05T16:10:00+06:00', capturedBy: 'researcher A', captureTool: 'telegram-desktop export', notes: 'saved before deletion',
    }, WHO);
    expect(duplicate).toBe(false);
    expect(item).toMatchObject({ sha256: sha(photo), size: photo.length, mediaType: 'image/jpeg', filename: 'IMG_0042.jpg', status: 'unreviewed', eventIds: [event.id], sensitivity: ['graphic_violence'] });
    expect(fs.readFileSync(storedFile(item.sha256))).toEqual(photo);
    expect(fs.statSync(storedFile(item.sha256)).mode & 0o222).toBe(0);
    expect(item.provenance).toHaveLength(1);
    expect(item.provenance[0]).toMatchObject({ platform: 'telegram', postingAccount: '@example', postedAt: '2022-01-05T10:02:00.000Z', capturedBy: 'researcher A', receivedBy: 'alice' });
    expect(item.custody.map((c) => [c.action, c.actor, c.origin, c.sha256])).toEqual([['ingest', 'alice', '127.0.0.1', sha(photo)]]);
    expect((await s.evidence.history(item.id)).map((h) => h.action)).toEqual(['create']);
  });

  it('stores the same file twice once, with two provenance records', async () => {
    const photo = await makeJpeg(2);
    const first = await s.evidence.ingest(chunks(photo), { filename: 'a.jpg', platform: 'twitter' }, WHO);
    const before = filesUnder(root).length;
    const second = await s.evidence.ingest(chunks(photo), { filename: 'b.jpg', platform: 'facebook' }, { actor: 'bob', origin: '10.0.0.2' });
    expect(second.duplicate).toBe(true);
    expect(second.item.id).toBe(first.item.id);
    expect(filesUnder(root).length).toBe(before);
    expect(second.item.provenance.map((p) => [p.filename, p.platform, p.receivedBy])).toEqual([['a.jpg', 'twitter', 'alice'], ['b.jpg', 'facebook', 'bob']]);
    expect(second.item.custody.map((c) => c.action)).toEqual(['ingest', 'ingest']);
    expect((await s.evidence.list({ sha256: sha(photo) })).items).toHaveLength(1);
  });

  it('logs each view with who, when, from where and the hash, and shows the log on the item', async () => {
    const { item } = await s.evidence.ingest(chunks(await makeJpeg(3)), { filename: 'v.jpg' }, WHO);
    await s.evidence.get(item.id, { actor: 'carol', origin: '192.0.2.7' });
    const { content } = await s.evidence.open(item.id, 'download', { actor: 'dan', origin: '192.0.2.8' });
    for await (const _ of content) void _;
    const shown = await s.evidence.get(item.id, null);
    expect(shown.custody.map((c) => [c.action, c.actor, c.origin, c.sha256])).toEqual([
      ['ingest', 'alice', '127.0.0.1', item.sha256], ['view', 'carol', '192.0.2.7', item.sha256], ['download', 'dan', '192.0.2.8', item.sha256],
    ]);
  });

  describe('refuses bad input with a field error and writes nothing', () => {
    const refuses = async (source: AsyncIterable<Uint8Array>, meta: Record<string, unknown>, code: string, field: string) => {
      const before = await counts();
      const filesBefore = filesUnder(root).length;
      const error = await s.evidence.ingest(source, meta, WHO).then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code });
      expect((error as { fields: { path: string }[] }).fields.map((f) => f.path)).toContain(field);
      expect(await counts()).toEqual(before);
      expect(filesUnder(root).length).toBe(filesBefore);
      expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
    };

    it('a zero-byte file', () => refuses(chunks(Buffer.alloc(0)), { filename: 'empty.mp4' }, 'VALIDATION_FAILED', 'file'));
    it('a declared type that the content contradicts', async () => refuses(chunks(Buffer.from('%PDF-1.4 not a photo')), { filename: 'x.jpg', mediaType: 'image/jpeg' }, 'VALIDATION_FAILED', 'mediaType'));
    it('a declared video that is no recognised video', () => refuses(chunks(Buffer.from('hello world')), { filename: 'x.mp4', mediaType: 'video/mp4' }, 'VALIDATION_FAILED', 'mediaType'));
    it.each(['../../etc/passwd', '..', 'a/b.jpg', 'C:\\Users\\x.jpg', 'bad\u0000name.jpg'])('a path in the file name (%j)', async (filename) =>
      refuses(chunks(await makeJpeg(9)), { filename }, 'VALIDATION_FAILED', 'filename'));
    it('a file over the upload limit', () => refuses(chunks(Buffer.alloc(2_100_000, 1), 64 * 1024), { filename: 'big.bin' }, 'PAYLOAD_TOO_LARGE', 'file'));
    it('an interrupted upload', async () => {
      const before = await counts();
      await expect(s.evidence.ingest(interrupted(await makeJpeg(4), 500), { filename: 'cut.jpg' }, WHO)).rejects.toThrow(/aborted/);
      expect(await counts()).toEqual(before);
      expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
    });
    it('a link to an event that does not exist', async () =>
      refuses(chunks(await makeJpeg(5)), { filename: 'e.jpg', eventIds: ['01a20171-0000-7000-8000-000000000000'] }, 'VALIDATION_FAILED', 'eventIds.0'));
  });

  it('re-hashes every stored file, catches one flipped byte and a missing file, and logs each check', async () => {
    const own = await openTestDatabase(engine);
    try {
      const v = own.services();
      const ownRoot = path.join(own.config.dataDir, 'evidence');
      const a = (await v.evidence.ingest(chunks(await makeJpeg(11)), { filename: 'a.jpg' }, WHO)).item;
      const b = (await v.evidence.ingest(chunks(await makeJpeg(12)), { filename: 'b.jpg' }, WHO)).item;
      const c = (await v.evidence.ingest(chunks(await makeJpeg(13)), { filename: 'c.jpg' }, WHO)).item;
      expect(await v.evidence.verify(WHO)).toMatchObject({ checked: 3, ok: 3, problems: [] });

      const fileB = path.join(ownRoot, b.sha256.slice(0, 2), b.sha256.slice(2, 4), b.sha256);
      fs.chmodSync(fileB, 0o644);
      const bytes = fs.readFileSync(fileB);
      bytes[100] = (bytes[100] ?? 0) ^ 0x01;
      fs.writeFileSync(fileB, bytes);
      fs.rmSync(path.join(ownRoot, c.sha256.slice(0, 2), c.sha256.slice(2, 4), c.sha256), { force: true });

      const report = await v.evidence.verify({ actor: 'auditor', origin: 'cli@test' });
      expect(report.checked).toBe(3);
      expect(report.ok).toBe(1);
      expect(report.problems).toEqual([
        { itemId: b.id, sha256: b.sha256, problem: 'mismatch', observed: sha(bytes) },
        { itemId: c.id, sha256: c.sha256, problem: 'missing', observed: null },
      ]);
      const logB = (await v.evidence.get(b.id, null)).custody.filter((x) => x.action === 'rehash');
      expect(logB.map((x) => [x.result, x.sha256, x.actor])).toEqual([['ok', b.sha256, 'alice'], ['mismatch', sha(bytes), 'auditor']]);
      expect((await v.evidence.get(a.id, null)).custody.filter((x) => x.action === 'rehash').map((x) => x.result)).toEqual(['ok', 'ok']);
    } finally {
      await own.destroy();
    }
  });

  it('moves an item through the verification workflow with assignee and comments, refusing a skipped step', async () => {
    const { item } = await s.evidence.ingest(chunks(await makeJpeg(20)), { filename: 'w.jpg' }, WHO);
    await expect(s.evidence.setStatus(item.id, { status: 'verified', version: 1 }, 'bob')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'status' }] });
    const a = await s.evidence.setStatus(item.id, { status: 'in_progress', assignee: 'bob', version: 1 }, 'bob');
    expect(a).toMatchObject({ status: 'in_progress', assignee: 'bob', version: 2 });
    const b = await s.evidence.setStatus(item.id, { status: 'ready_for_review', comment: 'geolocated by the fountain', version: 2 }, 'bob');
    expect(b.comments.map((c) => c.body)).toEqual(['[in_progress → ready_for_review] geolocated by the fountain']);
    await expect(s.evidence.setStatus(item.id, { status: 'verified', version: 2 }, 'eve')).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const c = await s.evidence.setStatus(item.id, { status: 'verified', version: 3 }, 'eve');
    expect(c.status).toBe('verified');
    expect((await s.evidence.history(item.id)).map((h) => [h.action, h.actor, h.changes.status?.to ?? null])).toEqual([
      ['create', 'alice', 'unreviewed'], ['update', 'bob', 'in_progress'], ['update', 'bob', 'ready_for_review'], ['update', 'eve', 'verified'],
    ]);
    expect((await s.evidence.list({ status: 'verified' })).items.map((i) => i.id)).toContain(item.id);
  });

  it('keeps geolocation and chronolocation claims as separate reviewable records with their authors', async () => {
    const { item } = await s.evidence.ingest(chunks(await makeJpeg(21)), { filename: 'g.jpg' }, WHO);
    const geo = await s.evidence.addClaim('geolocation', item.id, { lat: 43.2383, lon: 76.9454, precision: 'vicinity', method: 'landmark_match', landmarks: ['Independence Monument', 'city hall'] }, 'bob');
    const chrono = await s.evidence.addClaim('chronolocation', item.id, { from: '2022-01-05T15:00:00+06:00', to: '2022-01-05T17:31:00+06:00', method: 'sun_position', confidence: 'medium' }, 'carol');
    expect(chrono).toMatchObject({ from: '2022-01-05T09:00:00.000Z', to: '2022-01-05T11:31:00.000Z', status: 'proposed', createdBy: 'carol' });
    await expect(s.evidence.reviewClaim('geolocation', geo.id, { status: 'confirmed' }, 'bob')).rejects.toMatchObject({ code: 'FORBIDDEN', fields: [{ path: 'status' }] });
    expect((await s.evidence.get(item.id, null)).geolocations.map((g) => [g.status, g.reviewedBy, g.version])).toEqual([['proposed', null, 1]]);
    const reviewed = await s.evidence.reviewClaim('geolocation', geo.id, { status: 'confirmed', note: 'matches satellite imagery' }, 'eve');
    expect(reviewed).toMatchObject({ status: 'confirmed', reviewedBy: 'eve', createdBy: 'bob', version: 2 });
    const shown = await s.evidence.get(item.id, null);
    expect(shown.geolocations.map((g) => [g.status, g.landmarks])).toEqual([['confirmed', ['Independence Monument', 'city hall']]]);
    expect(shown.chronolocations.map((c) => c.method)).toEqual(['sun_position']);
    await expect(s.evidence.addClaim('chronolocation', item.id, { from: '2022-01-05T15:00:00+06:00', to: '2022-01-05T14:00:00+06:00', method: 'shadow', confidence: 'low' }, 'x'))
      .rejects.toMatchObject({ fields: [{ path: 'to' }] });
    await expect(s.evidence.addClaim('geolocation', item.id, { lat: 95, lon: 0, precision: 'exact', method: 'map' }, 'x')).rejects.toMatchObject({ fields: [{ path: 'lat' }] });
  });

  it('orders an event\'s evidence and acts by best-known time, with precision, basis and what is verified', async () => {
    const event = await s.records.create('event', buildEvent({ title: 'Residence, 5 January' }), 'alice');
    const link = { eventIds: [event.id] };
    const sunset = (await s.evidence.ingest(chunks(await makeJpeg(50)), { ...link, filename: 'sunset.jpg', title: 'Shooting at the gate' }, WHO)).item;
    const posted = (await s.evidence.ingest(chunks(await makeJpeg(51)), { ...link, filename: 'posted.jpg', postedAt: '2022-01-05T16:40:00+06:00' }, WHO)).item;
    const undated = (await s.evidence.ingest(chunks(await makeJpeg(52)), { ...link, filename: 'undated.jpg' }, WHO)).item;
    const early = (await s.evidence.ingest(chunks(await makeJpeg(53)), { ...link, filename: 'early.jpg' }, WHO)).item;
    const claim = await s.evidence.addClaim('chronolocation', sunset.id, { from: '2022-01-05T17:20:00+06:00', to: '2022-01-05T17:31:00+06:00', method: 'sun_position', confidence: 'high' }, 'bob');
    await s.evidence.reviewClaim('chronolocation', claim.id, { status: 'confirmed' }, 'eve');
    await s.evidence.addClaim('chronolocation', early.id, { from: '2022-01-05T15:25:00+06:00', to: '2022-01-05T15:35:00+06:00', method: 'visible_clock', confidence: 'medium' }, 'bob');
    for (const status of ['in_progress', 'ready_for_review', 'verified'] as const) {
      const current = await s.evidence.get(sunset.id, null);
      await s.evidence.setStatus(sunset.id, { status, version: current.version }, 'eve');
    }
    const act = await s.records.create('act', { type: 'use_of_force', eventId: event.id, startAt: '2022-01-05T15:30:00+06:00', startPrecision: 'approximate', methods: ['live_ammunition'] }, 'alice');

    const { entries } = await s.evidence.chronology(event.id);
    // An item known only to be posted at 16:40 sorts at that bound: it was recorded before it.
    expect(entries.map((e) => e.id)).toEqual([early.id, act.id, posted.id, sunset.id, undated.id]);
    expect(entries[0]).toMatchObject({ kind: 'evidence', precision: 'minutes', basis: 'chronolocation:visible_clock (proposed, medium)', verified: false });
    expect(entries[3]).toMatchObject({ from: '2022-01-05T11:20:00.000Z', to: '2022-01-05T11:31:00.000Z', label: 'Shooting at the gate', verified: true, status: 'verified' });
    expect(entries[2]).toMatchObject({ from: null, to: '2022-01-05T10:40:00.000Z', precision: 'before' });
    expect(entries[4]).toMatchObject({ precision: 'undated' });
  });

  it('groups items into a named incident with counts of dead and injured and their sources, shown in the chronology', async () => {
    const event = await s.records.create('event', buildEvent({ title: 'Almaty, 5 January 2022', timezone: 'Asia/Almaty' }), 'alice');
    const report = await s.records.create('source', { kind: 'media_report', title: 'HRW: Killings, excessive use of force in Almaty' }, 'alice');
    const clip = (await s.evidence.ingest(chunks(await makeJpeg(70)), { filename: 'gate-1.jpg', eventIds: [event.id] }, WHO)).item;
    const clip2 = (await s.evidence.ingest(chunks(await makeJpeg(71)), { filename: 'gate-2.jpg', eventIds: [event.id] }, WHO)).item;
    const incident = await s.evidence.createIncident({
      eventId: event.id, title: 'The residence', from: '2022-01-05T15:00:00+06:00', to: '2022-01-05T17:31:00+06:00',
      itemIds: [clip.id, clip2.id], killed: 10, injured: 19, sourceIds: [report.id], countNote: 'counted from the footage; at least',
    }, 'bob');
    expect(incident).toMatchObject({ label: 'The residence, 15:00–17:31, 2 photos', killed: 10, injured: 19, sourceIds: [report.id], from: '2022-01-05T09:00:00.000Z', items: { total: 2, images: 2, verified: 0 } });
    const edited = await s.evidence.updateIncident(incident.id, { version: 1, injured: 20 }, 'eve');
    expect(edited).toMatchObject({ version: 2, injured: 20, killed: 10 });
    expect((await s.evidence.incidentHistory(incident.id)).map((h) => [h.action, h.actor, h.changes.injured ?? null])).toEqual([['create', 'bob', { from: null, to: 19 }], ['update', 'eve', { from: 19, to: 20 }]]);
    expect((await s.evidence.chronology(event.id)).incidents.map((i) => i.id)).toEqual([incident.id]);

    const before = await counts();
    await expect(s.evidence.createIncident({ eventId: event.id, title: 'x', itemIds: ['01a20171-0000-7000-8000-000000000000'], killed: -1, from: '2022-01-05T15:00:00+06:00', to: '2022-01-05T14:00:00+06:00' }, 'bob'))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: expect.arrayContaining([expect.objectContaining({ path: 'killed' })]) as unknown });
    await expect(s.evidence.createIncident({ eventId: event.id, title: 'x', itemIds: ['01a20171-0000-7000-8000-000000000000'], from: '2022-01-05T15:00:00+06:00', to: '2022-01-05T14:00:00+06:00' }, 'bob'))
      .rejects.toMatchObject({ fields: [{ path: 'itemIds.0' }, { path: 'to' }] });
    expect(await counts()).toEqual(before);
    await s.evidence.removeIncident(incident.id, 2, 'eve');
    expect(await s.evidence.incidents({ eventId: event.id })).toEqual([]);
  });

  it('soft-deletes and restores an item; the file stays', async () => {
    const { item } = await s.evidence.ingest(chunks(await makeJpeg(22)), { filename: 'd.jpg' }, WHO);
    const deleted = await s.evidence.remove(item.id, 1, 'bob');
    expect(deleted.deletedAt).not.toBeNull();
    expect((await s.evidence.list({})).items.map((i) => i.id)).not.toContain(item.id);
    expect(fs.existsSync(storedFile(item.sha256))).toBe(true);
    await s.evidence.restore(item.id, 'bob');
    expect((await s.evidence.history(item.id)).map((h) => h.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('exports and imports the vault rows losslessly with the rest of the database', async () => {
    let dump = '';
    await s.transfer.exportJson((c) => void (dump += c));
    const parsed = JSON.parse(dump) as { tables: Record<string, unknown[]> };
    expect(parsed.tables.evidence_items!.length).toBeGreaterThan(3);
    expect(parsed.tables.evidence_custody!.length).toBeGreaterThan(3);
    const other = await openTestDatabase(engine);
    try {
      await other.services().transfer.importJson(parsed);
      let again = '';
      await other.services().transfer.exportJson((c) => void (again += c));
      expect(again).toBe(dump);
    } finally {
      await other.destroy();
    }
  });

  it.skipIf(!HAS_EXIFTOOL && !REQUIRED)('extracts capture time, GPS and device with exiftool, keeping the raw output', async () => {
    const { dir, remove } = tempDir();
    try {
      const file = path.join(dir, 'tagged.jpg');
      fs.writeFileSync(file, await makeJpeg(30, { width: 120, height: 80 }));
      await tagJpeg(file, {
        DateTimeOriginal: '2022:01:05 17:20:11', OffsetTimeOriginal: '+06:00', Make: 'Apple', Model: 'iPhone 12',
        GPSLatitude: '43.2383', GPSLatitudeRef: 'N', GPSLongitude: '76.9454', GPSLongitudeRef: 'E',
      });
      const { item } = await s.evidence.ingest(chunks(fs.readFileSync(file)), { filename: 'tagged.jpg' }, WHO);
      expect(item.metadata).toMatchObject({ captureTime: '2022-01-05T11:20:11.000Z', device: 'Apple iPhone 12', width: 120, height: 80 });
      expect(item.metadata.lat).toBeCloseTo(43.2383, 4);
      expect(item.metadata.lon).toBeCloseTo(76.9454, 4);
      expect(item.tools.find((t) => t.tool === 'exiftool')?.status).toBe('ok');
      expect((item.metadataRaw.exiftool as Record<string, unknown>[])[0]?.['EXIF:Model']).toBe('iPhone 12');
      expect(item.viewingCopies).toEqual([{ kind: 'thumbnail', mediaType: 'image/jpeg', width: 120, height: 80 }]);
      expect(item.phash).toMatch(/^[0-9a-f]{16}$/);
      const thumb = await s.evidence.viewingCopy(item.id, 'thumbnail');
      expect(Buffer.from(thumb.bytes).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(fs.readFileSync(storedFile(item.sha256))).toEqual(fs.readFileSync(file));
    } finally {
      remove();
    }
  });

  it.skipIf(!HAS_FFMPEG && !REQUIRED)('reads duration, dimensions and creation time of a video with ffprobe and makes a poster frame', async () => {
    const { dir, remove } = tempDir();
    try {
      const file = path.join(dir, 'clip.mp4');
      await makeVideo(file, '2022-01-05T09:31:00Z');
      const { item } = await s.evidence.ingest(chunks(fs.readFileSync(file)), { filename: 'clip.mp4', mediaType: 'video/mp4' }, WHO);
      expect(item.mediaType).toBe('video/mp4');
      expect(item.metadata).toMatchObject({ width: 160, height: 120, captureTime: '2022-01-05T09:31:00.000Z' });
      expect(item.metadata.durationSeconds).toBeCloseTo(2, 0);
      expect(item.tools.map((t) => [t.tool, t.status])).toEqual(expect.arrayContaining([['ffprobe', 'ok'], ['ffmpeg', 'ok']]));
      expect(item.viewingCopies.map((c) => c.kind)).toEqual(['poster']);
    } finally {
      remove();
    }
  });

  it('says plainly when a metadata tool is missing, and still stores the file', async () => {
    const missing = new ToolMediaAnalyzer({ ...DEFAULT_TOOLS, exiftool: '/nonexistent/exiftool', ffprobe: '/nonexistent/ffprobe', ffmpeg: '/nonexistent/ffmpeg' });
    const v = createServices({ ...tdb.repos, media: missing });
    const { item } = await v.evidence.ingest(chunks(await makeJpeg(31)), { filename: 'n.jpg' }, WHO);
    expect(item.tools.find((t) => t.tool === 'exiftool')).toMatchObject({ status: 'missing', message: expect.stringMatching(/exiftool is not installed \(Debian package libimage-exiftool-perl\)/) as unknown });
    expect(item.metadata.captureTime).toBeNull();
    expect(fs.existsSync(storedFile(item.sha256))).toBe(true);
  });

  it('flags a re-encoded, resized copy of a picture already held as a near duplicate', async () => {
    const picture = await makeJpeg(40, { width: 200, height: 150 });
    const original = await s.evidence.ingest(chunks(picture), { filename: 'orig.jpg' }, WHO);
    const reencoded = await sharp(picture).resize(100, 75).jpeg({ quality: 40 }).toBuffer();
    const copy = await s.evidence.ingest(chunks(reencoded), { filename: 'copy.jpg' }, WHO);
    expect(copy.duplicate).toBe(false);
    expect(copy.item.sha256).not.toBe(original.item.sha256);
    expect(copy.item.nearDuplicates.map((d) => d.id)).toContain(original.item.id);
    const unrelated = await s.evidence.ingest(chunks(await makeJpeg(41, { width: 200, height: 150 })), { filename: 'other.jpg' }, WHO);
    expect(unrelated.item.nearDuplicates.map((d) => d.id)).not.toContain(original.item.id);
    expect(copy.item.frameHashes).toEqual([copy.item.phash]);
  });

  it('compares an item stored before key frames were hashed by its single perceptual hash', async () => {
    const picture = await makeJpeg(43, { width: 200, height: 150 });
    const old = await s.evidence.ingest(chunks(picture), { filename: 'before-key-frames.jpg' }, WHO);
    const raw = await connect(tdb.config);
    try {
      // What migration 1700 leaves on rows written before it: no frame_hashes at all.
      await raw.db.updateTable('evidence_items').set({ frameHashes: null }).where('id', '=', old.item.id).execute();
    } finally {
      await raw.close();
    }
    expect((await s.evidence.get(old.item.id, null)).frameHashes).toEqual([old.item.phash]);
    const copy = await s.evidence.ingest(chunks(await sharp(picture).resize(120, 90).jpeg({ quality: 50 }).toBuffer()), { filename: 'after.jpg' }, WHO);
    expect(copy.item.nearDuplicates.map((d) => d.id)).toContain(old.item.id);
  });

  it.skipIf(!HAS_FFMPEG && !REQUIRED)('hashes a video\'s key frames and flags a trimmed re-encode as a near duplicate even when the poster frames differ', async () => {
    const { dir, remove } = tempDir();
    try {
      const files = await makeSceneVideos(dir);
      const add = async (file: string) => (await s.evidence.ingest(chunks(fs.readFileSync(file)), { filename: path.basename(file), mediaType: 'video/mp4' }, WHO)).item;
      const original = await add(files.original);
      const trimmed = await add(files.trimmed);
      const other = await add(files.other);
      for (const item of [original, trimmed, other]) {
        expect(item.frameHashes.length, `${item.filename}: poster + key frames`).toBeGreaterThanOrEqual(5);
        for (const h of item.frameHashes) expect(h).toMatch(/^[0-9a-f]{16}$/);
      }
      // The posters alone would miss it: the trimmed copy opens on the bars, the original on testsrc.
      expect(hammingDistance(original.phash!, trimmed.phash!)).toBeGreaterThan(NEAR_DUPLICATE_DISTANCE);
      expect(closestDistance(original.frameHashes, trimmed.frameHashes)).toBeLessThanOrEqual(NEAR_DUPLICATE_DISTANCE);
      expect(trimmed.nearDuplicates.map((d) => d.id)).toContain(original.id);
      // Listed from either side, read back from the database.
      expect((await s.evidence.get(original.id, null)).nearDuplicates.map((d) => d.id)).toContain(trimmed.id);
      expect(other.nearDuplicates.map((d) => d.id)).not.toContain(original.id);
      expect(other.nearDuplicates.map((d) => d.id)).not.toContain(trimmed.id);
      expect(closestDistance(other.frameHashes, [...original.frameHashes, ...trimmed.frameHashes])).toBeGreaterThan(NEAR_DUPLICATE_DISTANCE);
      // Black frames say nothing about a video (every fade has them): left out, though the poster is kept.
      const dark = await add(files.dark);
      expect(dark.phash).toBe('0000000000000000');
      expect(dark.frameHashes.length).toBeGreaterThanOrEqual(1);
      expect(dark.frameHashes.length).toBeLessThanOrEqual(2);
      expect(dark.frameHashes).not.toContain('0000000000000000');
    } finally {
      remove();
    }
  }, 60_000);
});
