/** Reads exact byte counts from a stream of chunks (a file, or decrypted segments). */
export class ByteReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private ended = false;

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  static of(iterable: AsyncIterable<Uint8Array>): ByteReader {
    return new ByteReader(iterable[Symbol.asyncIterator]());
  }

  private async fill(n: number): Promise<void> {
    while (this.length < n && !this.ended) {
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      if (chunk.length === 0) continue;
      this.chunks.push(chunk);
      this.length += chunk.length;
    }
  }

  /** Exactly `n` bytes; null at a clean end (no byte left); throws `short` when the stream ends inside them. */
  async exact(n: number, short: () => Error): Promise<Buffer | null> {
    if (n === 0) return Buffer.alloc(0);
    await this.fill(n);
    if (this.length === 0) return null;
    if (this.length < n) throw short();
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.length);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return out;
  }

  /** Whether nothing is left. */
  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.length === 0;
  }
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
