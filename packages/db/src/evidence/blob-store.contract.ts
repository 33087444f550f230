// The behaviour every BlobStore must keep, run against each implementation (local disk, S3).
import { createHash } from 'node:crypto';
import { type BlobStore } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunks, interrupted } from './testing.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function collect(it: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

export interface BlobStoreFixture {
  store: BlobStore;
  /** Files left in the staging area, to prove nothing half-written remains. */
  tmpFiles: () => string[];
  cleanup: () => Promise<void> | void;
}

/**
 * The contract every BlobStore keeps (local disk today; an S3-compatible adapter must pass the
 * same suite). `tmpFiles` lists what staging left behind, to prove nothing half-written remains.
 */
export function blobStoreContract(name: string, make: () => Promise<BlobStoreFixture>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let store: BlobStore;
    let tmpFiles: () => string[];
    let cleanup: () => Promise<void> | void = () => undefined;
    beforeAll(async () => {
      ({ store, tmpFiles, cleanup } = await make());
    });
    afterAll(() => cleanup());
    const data = Buffer.from('Republic Square, 5 January 2022, 15:30 '.repeat(5000));

    it('hashes while staging and keeps nothing until commit', async () => {
      const staged = await store.stage(chunks(data, 7000), 10_000_000);
      expect(staged.sha256).toBe(sha(data));
      expect(staged.size).toBe(data.length);
      expect(Buffer.from(staged.head).toString()).toBe(data.subarray(0, staged.head.length).toString());
      expect(await store.has(staged.sha256)).toBe(false);
      expect(await staged.commit()).toBe(true);
      await staged.discard();
      expect(await store.has(staged.sha256)).toBe(true);
      expect(await collect(store.read(staged.sha256))).toEqual(data);
      expect(tmpFiles()).toEqual([]);
    });

    it('stores the same bytes once: a second commit reports they were already there', async () => {
      const again = await store.stage(chunks(data), 10_000_000);
      expect(await again.commit()).toBe(false);
      await again.discard();
      expect(tmpFiles()).toEqual([]);
    });

    it('refuses a stream over the limit and leaves no temporary file', async () => {
      await expect(store.stage(chunks(data, 1000), 5000)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(tmpFiles()).toEqual([]);
    });

    it('leaves no temporary file when the stream breaks off', async () => {
      await expect(store.stage(interrupted(data, 3000), 10_000_000)).rejects.toThrow(/aborted/);
      expect(tmpFiles()).toEqual([]);
    });

    it('re-hashes a stored file, and says when it is missing', async () => {
      expect(await store.rehash(sha(data))).toEqual({ sha256: sha(data), size: data.length });
      expect(await store.rehash('0'.repeat(64))).toBeNull();
      await expect(collect(store.read('0'.repeat(64)))).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
    });

    it('keeps viewing copies apart from the original', async () => {
      await store.putDerived(sha(data), 'thumbnail', Buffer.from('jpeg'));
      expect(Buffer.from((await store.readDerived(sha(data), 'thumbnail'))!).toString()).toBe('jpeg');
      expect(await store.readDerived(sha(data), 'poster')).toBeNull();
      expect(await collect(store.read(sha(data)))).toEqual(data);
    });
  });
}

