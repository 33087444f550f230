import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { type BlobStore, type StagedBlob, VigilError } from '@vigil/core';
import { AwsClient } from 'aws4fetch';
import { LocalBlobStore } from './local-blob.store.js';

export interface S3Config {
  /** `https://s3.eu-central-1.amazonaws.com`, `http://127.0.0.1:9000` (MinIO)… path-style addressing. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Key prefix inside the bucket, e.g. `vigil/`. */
  prefix?: string;
  /** Files above this go up in parts (S3 refuses single PUTs over 5 GiB). Default 64 MiB. */
  partSize?: number;
}

const SHA = /^[0-9a-f]{64}$/;
const MAX_SINGLE_PUT = 5 * 1024 * 1024 * 1024;

function checkSha(sha256: string): string {
  if (!SHA.test(sha256)) throw new VigilError('VALIDATION_FAILED', 'not a SHA-256 digest', [{ path: 'sha256', problem: 'must be 64 lowercase hex digits' }]);
  return sha256;
}

/**
 * Originals in S3-compatible object storage under `<prefix>ab/cd/<sha256>`. Uploads are staged
 * and hashed on local disk exactly as for the local store (so the media tools can read them),
 * then sent with their SHA-256 as `x-amz-content-sha256`: the server refuses bytes that do not
 * match. An existing object is never overwritten. Make the bucket write-once (Object Lock or a
 * policy without DeleteObject for Vigil's key) to get what chmod 0444 gives on disk.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  private readonly client: AwsClient;
  private readonly staging: LocalBlobStore;

  constructor(
    private readonly config: S3Config,
    /** Local directory for staging uploads (`<dataDir>/evidence`). */
    stagingRoot: string,
    readonly maxBytes: number,
  ) {
    this.client = new AwsClient({ accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, service: 's3', region: config.region, retries: 0 });
    this.staging = new LocalBlobStore(stagingRoot, maxBytes);
  }

  get tmpDir(): string {
    return this.staging.tmpDir;
  }

  private url(key: string, query = ''): string {
    return `${this.config.endpoint.replace(/\/$/, '')}/${this.config.bucket}/${this.config.prefix ?? ''}${key}${query}`;
  }

  private keyOf(sha256: string): string {
    checkSha(sha256);
    return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  private async send(method: string, key: string, init: { headers?: Record<string, string>; body?: Buffer | ReadableStream | null; query?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.body === undefined || init.body === null) headers['x-amz-content-sha256'] ??= createHash('sha256').update('').digest('hex');
    const request = await this.client.sign(this.url(key, init.query), { method, headers, body: init.body ?? null });
    return fetch(request);
  }

  private async fail(response: Response, what: string): Promise<never> {
    const text = await response.text().catch(() => '');
    throw new Error(`S3 ${what} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
  }

  async stage(source: AsyncIterable<Uint8Array>, limit: number): Promise<StagedBlob> {
    const staged = await this.staging.stage(source, limit);
    return { ...staged, commit: () => this.commit(staged), discard: () => staged.discard() };
  }

  /** Uploads the staged file unless the object exists; the payload hash makes S3 verify the bytes. */
  private async commit(staged: StagedBlob): Promise<boolean> {
    const key = this.keyOf(staged.sha256);
    if (await this.has(staged.sha256)) return false;
    const partSize = this.config.partSize ?? 64 * 1024 * 1024;
    if (staged.size > Math.min(partSize, MAX_SINGLE_PUT)) await this.putInParts(key, staged, partSize);
    else {
      const response = await this.send('PUT', key, {
        headers: { 'x-amz-content-sha256': staged.sha256, 'content-length': String(staged.size), 'if-none-match': '*' },
        body: Readable.toWeb(fs.createReadStream(staged.localPath)) as ReadableStream,
      });
      if (response.status === 412) return false;
      if (!response.ok) await this.fail(response, `PUT ${key}`);
    }
    await staged.discard();
    return true;
  }

  private async putInParts(key: string, staged: StagedBlob, partSize: number): Promise<void> {
    const created = await this.send('POST', key, { query: '?uploads' });
    if (!created.ok) await this.fail(created, `CreateMultipartUpload ${key}`);
    const uploadId = (await created.text()).match(/<UploadId>([^<]+)<\/UploadId>/)?.[1];
    if (!uploadId) throw new Error('S3 CreateMultipartUpload returned no UploadId');
    const etags: string[] = [];
    try {
      const handle = await fs.promises.open(staged.localPath, 'r');
      try {
        for (let offset = 0, part = 1; offset < staged.size; offset += partSize, part++) {
          const length = Math.min(partSize, staged.size - offset);
          const buffer = Buffer.alloc(length);
          await handle.read(buffer, 0, length, offset);
          const response = await this.send('PUT', key, {
            query: `?partNumber=${part}&uploadId=${encodeURIComponent(uploadId)}`,
            headers: { 'x-amz-content-sha256': createHash('sha256').update(buffer).digest('hex'), 'content-length': String(length) },
            body: buffer,
          });
          if (!response.ok) await this.fail(response, `UploadPart ${part}`);
          etags.push(response.headers.get('etag') ?? '');
        }
      } finally {
        await handle.close();
      }
      const xml = `<CompleteMultipartUpload>${etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
      const body = Buffer.from(xml);
      const done = await this.send('POST', key, { query: `?uploadId=${encodeURIComponent(uploadId)}`, headers: { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') }, body });
      if (!done.ok) await this.fail(done, `CompleteMultipartUpload ${key}`);
    } catch (e) {
      await this.send('DELETE', key, { query: `?uploadId=${encodeURIComponent(uploadId)}` }).catch(() => undefined);
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    const response = await this.send('HEAD', this.keyOf(sha256));
    if (response.status === 404) return false;
    if (!response.ok) await this.fail(response, `HEAD ${sha256}`);
    return true;
  }

  async *read(sha256: string): AsyncIterable<Uint8Array> {
    const response = await this.send('GET', this.keyOf(sha256));
    if (response.status === 404) throw new VigilError('RECORD_NOT_FOUND', `The stored file ${sha256} is missing`);
    if (!response.ok || !response.body) await this.fail(response, `GET ${sha256}`);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) yield chunk;
  }

  async rehash(sha256: string): Promise<{ sha256: string; size: number } | null> {
    if (!(await this.has(sha256))) return null;
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of this.read(sha256)) {
      hash.update(chunk);
      size += chunk.length;
    }
    return { sha256: hash.digest('hex'), size };
  }

  async forget(sha256: string): Promise<void> {
    const response = await this.send('DELETE', this.keyOf(sha256));
    if (!response.ok && response.status !== 404) await this.fail(response, `DELETE ${sha256}`);
  }

  private derivedKey(sha256: string, name: string): string {
    if (!/^[a-z]+$/.test(name)) throw new VigilError('VALIDATION_FAILED', 'bad viewing copy name', [{ path: 'kind', problem: 'must be lowercase letters' }]);
    return `derived/${this.keyOf(sha256)}.${name}`;
  }

  async putDerived(sha256: string, name: string, bytes: Uint8Array): Promise<void> {
    const body = Buffer.from(bytes);
    const response = await this.send('PUT', this.derivedKey(sha256, name), { headers: { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') }, body });
    if (!response.ok) await this.fail(response, 'PUT viewing copy');
  }

  async readDerived(sha256: string, name: string): Promise<Uint8Array | null> {
    const response = await this.send('GET', this.derivedKey(sha256, name));
    if (response.status === 404) return null;
    if (!response.ok) await this.fail(response, 'GET viewing copy');
    return new Uint8Array(await response.arrayBuffer());
  }
}
