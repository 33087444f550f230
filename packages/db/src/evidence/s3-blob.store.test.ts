import { createHash } from 'node:crypto';
import path from 'node:path';
import { createServices } from '@vigil/core';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing/index.js';
import { blobStoreContract } from './blob-store.contract.js';
import { resolveEvidenceConfig } from './config.js';
import { S3BlobStore, type S3Config } from './s3-blob.store.js';
import { chunks, filesUnder, makeJpeg, tempDir } from './testing.js';

/**
 * A fake S3 (s3rver) on a loopback port, with one bucket. It implements S3's REST semantics and
 * checks the access key id, but not SigV4 signatures or payload hashes: those are aws4fetch's
 * and the real server's part.
 */
async function fakeS3(): Promise<{ config: S3Config; root: string; stop: () => Promise<void> }> {
  const { dir, remove } = tempDir('vigil-s3-');
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(dir, 's3'), configureBuckets: [{ name: 'vigil-evidence' }] });
  const { port } = await server.run();
  return {
    config: { endpoint: `http://127.0.0.1:${port}`, bucket: 'vigil-evidence', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', prefix: 'test/', partSize: 64 * 1024 },
    root: path.join(dir, 'staging'),
    stop: async () => {
      await server.close();
      remove();
    },
  };
}

blobStoreContract('S3-compatible (s3rver)', async () => {
  const s3 = await fakeS3();
  const store = new S3BlobStore(s3.config, s3.root, 1_000_000_000);
  return { store, tmpFiles: () => filesUnder(store.tmpDir), cleanup: s3.stop };
});

describe('S3 adapter specifics', () => {
  let s3: Awaited<ReturnType<typeof fakeS3>>;
  beforeAll(async () => {
    s3 = await fakeS3();
  });
  afterAll(() => s3.stop());

  it('reports the server\'s refusal of unknown credentials instead of storing nothing silently', async () => {
    const store = new S3BlobStore({ ...s3.config, accessKeyId: 'NOSUCHKEY' }, s3.root, 1_000_000);
    await expect(store.putDerived('0'.repeat(64), 'thumbnail', Buffer.from('x'))).rejects.toThrow(/failed: HTTP 403/);
  });

  it('sends a large file in parts and reads back the same bytes', async () => {
    const store = new S3BlobStore(s3.config, s3.root, 10_000_000);
    const data = Buffer.alloc(300 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) & 0xff;
    const staged = await store.stage(chunks(data), 10_000_000);
    expect(await staged.commit()).toBe(true);
    const sha = createHash('sha256').update(data).digest('hex');
    expect(await store.rehash(sha)).toEqual({ sha256: sha, size: data.length });
  });
});

describe('the vault on S3-compatible storage', () => {
  let s3: Awaited<ReturnType<typeof fakeS3>>;
  let tdb: TestDatabase;
  beforeAll(async () => {
    s3 = await fakeS3();
    tdb = await openTestDatabase('sqlite');
  });
  afterAll(async () => {
    await tdb.destroy();
    await s3.stop();
  });

  it('ingests, stores once, serves and verifies through the same service as local disk', async () => {
    const store = new S3BlobStore(s3.config, s3.root, 10_000_000);
    const s = createServices({ ...tdb.repos, evidenceFiles: store });
    const who = { actor: 'alice', origin: '127.0.0.1' };
    const photo = await makeJpeg(60);
    const first = await s.evidence.ingest(chunks(photo), { filename: 'a.jpg' }, who);
    const second = await s.evidence.ingest(chunks(photo), { filename: 'b.jpg' }, who);
    expect(second).toMatchObject({ duplicate: true, item: { id: first.item.id } });
    expect(filesUnder(path.join(tdb.config.dataDir, 'evidence')).filter((f) => !f.includes(`${path.sep}tmp${path.sep}`))).toEqual([]);
    const { content } = await s.evidence.open(first.item.id, 'download', who);
    const parts: Buffer[] = [];
    for await (const c of content) parts.push(Buffer.from(c));
    expect(Buffer.concat(parts)).toEqual(photo);
    expect((await s.evidence.viewingCopy(first.item.id, 'thumbnail')).mediaType).toBe('image/jpeg');
    expect(await s.evidence.verify(who)).toMatchObject({ checked: 1, ok: 1, problems: [] });
    await store.forget(first.item.sha256);
    expect((await s.evidence.verify(who)).problems).toEqual([{ itemId: first.item.id, sha256: first.item.sha256, problem: 'missing', observed: null }]);
  });

  it('is chosen by configuration', () => {
    const config = resolveEvidenceConfig('/data', { VIGIL_EVIDENCE_S3_ENDPOINT: 'http://127.0.0.1:9000', VIGIL_EVIDENCE_S3_BUCKET: 'b', VIGIL_EVIDENCE_S3_ACCESS_KEY_ID: 'k', VIGIL_EVIDENCE_S3_SECRET_ACCESS_KEY: 's' });
    expect(config).toMatchObject({ root: '/data/evidence', maxBytes: 8 * 1024 ** 3, s3: { endpoint: 'http://127.0.0.1:9000', bucket: 'b', region: 'us-east-1' } });
    expect(() => resolveEvidenceConfig('/data', { VIGIL_EVIDENCE_S3_ENDPOINT: 'http://x' })).toThrow(/VIGIL_EVIDENCE_S3_BUCKET, VIGIL_EVIDENCE_S3_ACCESS_KEY_ID, VIGIL_EVIDENCE_S3_SECRET_ACCESS_KEY are not/);
    expect(() => resolveEvidenceConfig('/data', { VIGIL_EVIDENCE_MAX_BYTES: '-5' })).toThrow(/positive whole number/);
    expect(resolveEvidenceConfig('/data', { VIGIL_EVIDENCE_MAX_BYTES: '1048576' })).toMatchObject({ maxBytes: 1048576, s3: null });
  });
});
