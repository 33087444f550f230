import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { type BlobStore, SNIFF_BYTES, type StagedBlob, VigilError } from '@vigil/core';

const SHA = /^[0-9a-f]{64}$/;

function checkSha(sha256: string): string {
  if (!SHA.test(sha256)) throw new VigilError('VALIDATION_FAILED', 'not a SHA-256 digest', [{ path: 'sha256', problem: 'must be 64 lowercase hex digits' }]);
  return sha256;
}

const exists = (file: string) => fsp.access(file).then(() => true, () => false);

/** Hashes a file by streaming it (constant memory); null when it does not exist. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number } | null> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Originals on local disk, content-addressed: `<root>/ab/cd/<sha256>`, written once and made
 * read-only. Uploads are staged in `<root>/tmp` (same filesystem, so moving them in is atomic)
 * and viewing copies live apart in `<root>/derived`, so an original is never replaced.
 */
export class LocalBlobStore implements BlobStore {
  readonly kind = 'local';

  constructor(
    readonly root: string,
    readonly maxBytes: number,
  ) {}

  /** Where the original with this hash lives. */
  pathOf(sha256: string): string {
    checkSha(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  get tmpDir(): string {
    return path.join(this.root, 'tmp');
  }

  async stage(source: AsyncIterable<Uint8Array>, limit: number): Promise<StagedBlob> {
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const head = Buffer.alloc(SNIFF_BYTES);
    let headLength = 0;
    let size = 0;
    const file = await fsp.open(tmp, 'wx', 0o600);
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > limit) {
          throw new VigilError('PAYLOAD_TOO_LARGE', `The file is larger than the upload limit of ${limit} bytes (VIGIL_EVIDENCE_MAX_BYTES)`, [{ path: 'file', problem: `exceeds ${limit} bytes` }]);
        }
        hash.update(chunk);
        if (headLength < SNIFF_BYTES) headLength += Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).copy(head, headLength, 0, SNIFF_BYTES - headLength);
        let written = 0;
        while (written < chunk.length) written += (await file.write(chunk, written, chunk.length - written)).bytesWritten;
      }
      await file.sync();
    } catch (e) {
      await file.close().catch(() => undefined);
      await fsp.rm(tmp, { force: true });
      throw e;
    }
    await file.close();
    const sha256 = hash.digest('hex');
    return {
      sha256,
      size,
      head: new Uint8Array(head.subarray(0, headLength)),
      localPath: tmp,
      commit: () => this.commit(tmp, sha256),
      discard: () => fsp.rm(tmp, { force: true }),
    };
  }

  /** Links the staged file in under its hash (never over an existing one), then makes it read-only. */
  private async commit(tmp: string, sha256: string): Promise<boolean> {
    const final = this.pathOf(sha256);
    await fsp.mkdir(path.dirname(final), { recursive: true });
    try {
      await fsp.link(tmp, final);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
      try {
        await fsp.copyFile(tmp, final, fs.constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw copyError;
      }
    }
    await fsp.chmod(final, 0o444);
    await fsp.rm(tmp, { force: true });
    return true;
  }

  has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async *read(sha256: string): AsyncIterable<Uint8Array> {
    const file = this.pathOf(sha256);
    if (!(await exists(file))) throw new VigilError('RECORD_NOT_FOUND', `The stored file ${sha256} is missing`);
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) yield chunk as Buffer;
  }

  rehash(sha256: string): Promise<{ sha256: string; size: number } | null> {
    return hashFile(this.pathOf(sha256));
  }

  async forget(sha256: string): Promise<void> {
    await fsp.rm(this.pathOf(sha256), { force: true });
  }

  private derivedPath(sha256: string, name: string): string {
    if (!/^[a-z]+$/.test(name)) throw new VigilError('VALIDATION_FAILED', 'bad viewing copy name', [{ path: 'kind', problem: 'must be lowercase letters' }]);
    checkSha(sha256);
    return path.join(this.root, 'derived', sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.${name}`);
  }

  async putDerived(sha256: string, name: string, bytes: Uint8Array): Promise<void> {
    const file = this.derivedPath(sha256, name);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.part`;
    await fsp.writeFile(tmp, bytes);
    await fsp.rename(tmp, file);
  }

  async readDerived(sha256: string, name: string): Promise<Uint8Array | null> {
    try {
      return await fsp.readFile(this.derivedPath(sha256, name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
}
