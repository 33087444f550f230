// The inner layer of a backup (inside the encryption): a sequence of parts. Each part is a JSON
// header, its data as length-prefixed frames ended by an empty frame (so parts stream without
// knowing their size in advance), and a JSON trailer with the SHA-256 and byte count of the data.
import crypto from 'node:crypto';
import { type ByteReader, u32 } from './bytes.js';
import { damaged } from './sealed.js';

const MAX_JSON = 16 * 1024 * 1024;

export type PartHeader =
  | { kind: 'meta'; format: 'vigil-backup-archive'; version: 1; createdAt: string; engine: string; schemaVersion: string; keyIds: string[]; keys: string | null }
  | { kind: 'database'; format: 'vigil-export' }
  | { kind: 'file'; path: string }
  | { kind: 'end'; files: number; fileBytes: number; missing: string[]; tables: Record<string, number> };

export interface PartTrailer {
  sha256: string;
  bytes: number;
}

/** Writes parts into a sink (the sealed writer). */
export class ArchiveWriter {
  private hash: crypto.Hash | null = null;
  private bytes = 0;

  constructor(private readonly sink: (bytes: Buffer) => Promise<void>) {}

  async begin(header: PartHeader): Promise<void> {
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    await this.sink(Buffer.concat([u32(json.length), json]));
    this.hash = crypto.createHash('sha256');
    this.bytes = 0;
  }

  async data(chunk: Buffer): Promise<void> {
    if (!this.hash) throw new Error('data outside a part');
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    await this.sink(Buffer.concat([u32(chunk.length), chunk]));
  }

  /** Ends the part; returns what its trailer records. */
  async end(): Promise<PartTrailer> {
    if (!this.hash) throw new Error('end outside a part');
    const trailer = { sha256: this.hash.digest('hex'), bytes: this.bytes };
    const json = Buffer.from(JSON.stringify(trailer), 'utf8');
    await this.sink(Buffer.concat([u32(0), u32(json.length), json]));
    this.hash = null;
    return trailer;
  }

  async part(header: PartHeader): Promise<PartTrailer> {
    await this.begin(header);
    return this.end();
  }
}

/** Reads parts back; every frame has already been authenticated by the sealed layer. */
export class ArchiveReader {
  constructor(private readonly reader: ByteReader) {}

  private async json<T>(what: string): Promise<T | null> {
    const lengthBytes = await this.reader.exact(4, () => damaged(`${what} cut short`));
    if (!lengthBytes) return null;
    const length = lengthBytes.readUInt32BE();
    if (length === 0 || length > MAX_JSON) throw damaged(`${what} has an impossible length`);
    const body = await this.reader.exact(length, () => damaged(`${what} cut short`));
    try {
      return JSON.parse((body as Buffer).toString('utf8')) as T;
    } catch {
      throw damaged(`${what} is not JSON`);
    }
  }

  /** The next part's header, or null after the last part. */
  next(): Promise<PartHeader | null> {
    return this.json<PartHeader>('a part header');
  }

  /** The current part's data, frame by frame; checks the trailer once the data ends. */
  async *data(onEnd: (trailer: PartTrailer) => void): AsyncGenerator<Buffer> {
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    for (;;) {
      const lengthBytes = await this.reader.exact(4, () => damaged('a frame cut short'));
      if (!lengthBytes) throw damaged('a part ends without its trailer');
      const length = lengthBytes.readUInt32BE();
      if (length === 0) break;
      const frame = await this.reader.exact(length, () => damaged('a frame cut short'));
      if (!frame) throw damaged('a frame is missing');
      hash.update(frame);
      bytes += frame.length;
      yield frame;
    }
    const trailer = await this.json<PartTrailer>('a part trailer');
    if (!trailer || trailer.sha256 !== hash.digest('hex') || trailer.bytes !== bytes) throw damaged('a part does not match its recorded hash');
    onEnd(trailer);
  }

  /** Reads past a part that carries no data (its empty frame list and trailer). */
  async discardEntry(): Promise<void> {
    for await (const _ of this.data(() => undefined)) throw damaged('an empty part holds data');
  }
}
