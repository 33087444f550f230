import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type ImportFileStore, notFound, type StagedUpload, type TableSource, VigilError } from '@vigil/core';
import { fileTableSource, openTable } from './table-source.js';

interface Staged extends StagedUpload {
  file: string;
  iv: Buffer;
  tag: Buffer;
}

/** Uploads older than this are removed at the next upload. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Uploaded lists between the wizard's steps (preview, dry run, import). A partner's list is full
 * of names, so it is written encrypted (AES-256-GCM) with a key that lives only in this process's
 * memory: a seized disk shows nothing, and a restart makes leftovers unreadable (they are deleted
 * at the next upload). Files are streamed in and out, never held whole.
 */
export class StagedImportFiles implements ImportFileStore {
  private readonly key = crypto.randomBytes(32);
  private readonly files = new Map<string, Staged>();

  constructor(private readonly dir: string) {}

  private purge(): void {
    if (!fs.existsSync(this.dir)) return;
    const cutoff = Date.now() - MAX_AGE_MS;
    for (const [id, f] of this.files) {
      if (Date.parse(f.createdAt) < cutoff) {
        fs.rmSync(f.file, { force: true });
        this.files.delete(id);
      }
    }
    // Files of an earlier process cannot be decrypted any more.
    for (const entry of fs.readdirSync(this.dir)) {
      if (!this.files.has(entry.replace(/\.bin$/, ''))) fs.rmSync(path.join(this.dir, entry), { force: true });
    }
  }

  async save(content: AsyncIterable<Uint8Array>, name: string, maxBytes: number): Promise<StagedUpload> {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.purge();
    const id = crypto.randomUUID();
    const file = path.join(this.dir, `${id}.bin`);
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const hash = crypto.createHash('sha256');
    let size = 0;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of content) {
        size += chunk.length;
        if (size > maxBytes) throw new VigilError('PAYLOAD_TOO_LARGE', `The file is larger than the import limit (${maxBytes.toLocaleString('en-US')} bytes)`, [{ path: 'file', problem: 'exceeds the import limit' }]);
        hash.update(chunk);
        yield chunk;
      }
    }
    // Opened synchronously so the file exists before any byte arrives: a stream that opens lazily
    // could create it after a refused upload had already been cleaned up.
    const fd = fs.openSync(file, 'wx', 0o600);
    try {
      await pipeline(counted, cipher, fs.createWriteStream(file, { fd }));
    } catch (e) {
      fs.rmSync(file, { force: true });
      throw e;
    }
    const clean = path.basename(name.replace(/\\/g, '/')).replace(/\p{Cc}/gu, '').slice(0, 255) || 'upload';
    const staged: Staged = { id, name: clean, size, sha256: hash.digest('hex'), createdAt: new Date().toISOString(), file, iv, tag: cipher.getAuthTag() };
    this.files.set(id, staged);
    const { file: _f, iv: _iv, tag: _t, ...upload } = staged;
    return upload;
  }

  async source(id: string): Promise<TableSource> {
    const found = this.files.get(id);
    if (!found || !fs.existsSync(found.file)) throw notFound('upload', id);
    const staged = found;
    const key = this.key;
    async function* bytes(): AsyncGenerator<Uint8Array> {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, staged.iv);
      decipher.setAuthTag(staged.tag);
      const input = fs.createReadStream(staged.file, { highWaterMark: 256 * 1024 });
      try {
        for await (const chunk of input) {
          const out = decipher.update(chunk as Buffer);
          if (out.length) yield out;
        }
        const last = decipher.final();
        if (last.length) yield last;
      } finally {
        input.destroy();
      }
    }
    return { name: staged.name, size: staged.size, open: (options) => openTable(bytes, staged.name, options) };
  }

  localFile(file: string): TableSource {
    return fileTableSource(file);
  }

  async remove(id: string): Promise<void> {
    const staged = this.files.get(id);
    if (!staged) return;
    fs.rmSync(staged.file, { force: true });
    this.files.delete(id);
  }
}
