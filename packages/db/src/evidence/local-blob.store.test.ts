import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blobStoreContract } from './blob-store.contract.js';
import { LocalBlobStore } from './local-blob.store.js';
import { chunks, filesUnder, tempDir } from './testing.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

blobStoreContract('local disk', async () => {
  const { dir, remove } = tempDir();
  const store = new LocalBlobStore(path.join(dir, 'evidence'), 1_000_000_000);
  return { store, tmpFiles: () => filesUnder(store.tmpDir), cleanup: remove };
});

describe('local disk layout', () => {
  const { dir, remove } = tempDir();
  afterAll(remove);
  const store = new LocalBlobStore(path.join(dir, 'evidence'), 1_000_000);

  it('files an original under <root>/ab/cd/<sha256>, read-only', async () => {
    const data = Buffer.from('original bytes');
    const staged = await store.stage(chunks(data), 1000);
    await staged.commit();
    const h = sha(data);
    const file = path.join(dir, 'evidence', h.slice(0, 2), h.slice(2, 4), h);
    expect(store.pathOf(h)).toBe(file);
    expect(fs.readFileSync(file)).toEqual(data);
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
  });

  it('refuses a name that is not a SHA-256 digest (no path tricks through the hash)', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/SHA-256/);
  });
});
