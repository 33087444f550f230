// The outer layer of a backup file: a small clear header (format, key derivation parameters),
// then the payload cut into segments, each sealed with AES-256-GCM. Every segment is
// authenticated with the header digest, its index and a final flag (the STREAM construction),
// so an altered byte, a dropped, repeated or reordered segment, a truncated file, an altered
// header or bytes appended after the end are all refused. The key is new for every file (a
// random salt), so the counter nonces never repeat under one key.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { validationError, type VigilError } from '@vigil/core';
import { type ByteReader, u32 } from './bytes.js';

const MAGIC = Buffer.from('VIGILBK1', 'ascii');
const INFO = 'vigil/backup/v1';
const CHECK = 'vigil/backup/v1/key-check';
export const SEGMENT_BYTES = 1024 * 1024;
const MAX_HEADER = 64 * 1024;
const MAX_SEGMENT = 16 * 1024 * 1024;
const TAG = 16;
const FINAL_BIT = 0x80000000;
const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/** scrypt at N=2^17, r=8 (128 MiB, about half a second): the passphrase is the only secret. */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

export type KdfParams =
  | { name: 'hkdf-sha256'; keyId: string; salt: string }
  | { name: 'scrypt'; N: number; r: number; p: number; salt: string };

export interface BackupHeader {
  format: 'vigil-backup';
  version: 1;
  cipher: 'aes-256-gcm';
  segment: number;
  kdf: KdfParams;
  /** HMAC of a fixed label with the file key: tells a wrong key or passphrase from a damaged file. */
  check: string;
}

/** Where the file key comes from: a master key of the keyring, or a passphrase. */
export type BackupSecret = { kind: 'master-key'; keyId: string; key: Buffer } | { kind: 'passphrase'; passphrase: string };

export function damaged(detail: string): VigilError {
  return validationError([{ path: 'file', problem: `the backup is damaged or was altered (${detail}); it cannot be trusted and nothing was restored` }]);
}

function fileKey(ikm: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', ikm, salt, INFO, 32));
}

function checkValue(key: Buffer): string {
  return crypto.createHmac('sha256', key).update(CHECK).digest('base64url');
}

async function deriveKey(kdf: KdfParams, secret: BackupSecret): Promise<Buffer> {
  const salt = Buffer.from(kdf.salt, 'base64url');
  if (kdf.name === 'hkdf-sha256') {
    if (secret.kind !== 'master-key') throw new Error('this backup needs the master key, not a passphrase');
    return fileKey(secret.key, salt);
  }
  if (secret.kind !== 'passphrase') throw new Error('this backup needs its passphrase');
  const stretched = await scrypt(secret.passphrase.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r * 2 });
  return fileKey(stretched, salt);
}

function nonceOf(index: number, final: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUInt8(final ? 1 : 0, 3);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

function aadOf(headerDigest: Buffer, index: number, final: boolean, length: number): Buffer {
  const aad = Buffer.alloc(32 + 8 + 1 + 4);
  headerDigest.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), 32);
  aad.writeUInt8(final ? 1 : 0, 40);
  aad.writeUInt32BE(length, 41);
  return aad;
}

/** Encrypts a payload into segments; `write` receives the bytes of the file in order. */
export class SealedWriter {
  private buffered: Buffer[] = [];
  private bufferedLength = 0;
  private index = 0;

  private constructor(
    private readonly key: Buffer,
    private readonly headerDigest: Buffer,
    private readonly sink: (bytes: Buffer) => Promise<void>,
  ) {}

  /** Writes the clear header and returns a writer for the payload. */
  static async open(secret: BackupSecret, sink: (bytes: Buffer) => Promise<void>): Promise<SealedWriter> {
    const salt = crypto.randomBytes(32).toString('base64url');
    const kdf: KdfParams = secret.kind === 'master-key' ? { name: 'hkdf-sha256', keyId: secret.keyId, salt } : { name: 'scrypt', ...SCRYPT, salt };
    const key = await deriveKey(kdf, secret);
    const header: BackupHeader = { format: 'vigil-backup', version: 1, cipher: 'aes-256-gcm', segment: SEGMENT_BYTES, kdf, check: checkValue(key) };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const head = Buffer.concat([MAGIC, u32(json.length), json]);
    await sink(head);
    return new SealedWriter(key, crypto.createHash('sha256').update(head).digest(), sink);
  }

  async write(data: Buffer): Promise<void> {
    let rest = data;
    while (this.bufferedLength + rest.length >= SEGMENT_BYTES) {
      const take = SEGMENT_BYTES - this.bufferedLength;
      this.buffered.push(rest.subarray(0, take));
      rest = rest.subarray(take);
      await this.flush(false);
    }
    if (rest.length > 0) {
      this.buffered.push(rest);
      this.bufferedLength += rest.length;
    }
  }

  /** Seals what is left as the final segment (possibly empty): without it a reader sees truncation. */
  async close(): Promise<void> {
    await this.flush(true);
  }

  private async flush(final: boolean): Promise<void> {
    const plain = Buffer.concat(this.buffered);
    this.buffered = [];
    this.bufferedLength = 0;
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonceOf(this.index, final));
    cipher.setAAD(aadOf(this.headerDigest, this.index, final, plain.length));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    this.index++;
    // The top bit of the length marks the final segment; it is authenticated via nonce and AAD.
    await this.sink(Buffer.concat([u32((plain.length | (final ? FINAL_BIT : 0)) >>> 0), body, cipher.getAuthTag()]));
  }
}

/** Reads and checks the clear header; the caller then picks the secret the header asks for. */
export async function readHeader(file: ByteReader): Promise<{ header: BackupHeader; digest: Buffer }> {
  const magic = await file.exact(MAGIC.length, () => damaged('shorter than a header'));
  if (!magic || !magic.equals(MAGIC)) throw validationError([{ path: 'file', problem: 'is not a Vigil backup (it does not start with VIGILBK1)' }]);
  const lengthBytes = await file.exact(4, () => damaged('header cut short'));
  const length = lengthBytes?.readUInt32BE() ?? 0;
  if (length === 0 || length > MAX_HEADER) throw damaged('header length out of range');
  const json = await file.exact(length, () => damaged('header cut short'));
  let header: BackupHeader;
  try {
    header = JSON.parse((json as Buffer).toString('utf8')) as BackupHeader;
  } catch {
    throw damaged('header is not JSON');
  }
  const kdf = header.kdf as Partial<KdfParams> | undefined;
  const scryptOk = kdf?.name === 'scrypt' && [kdf.N, kdf.r, kdf.p].every(Number.isSafeInteger) && (kdf.N ?? 0) >= 2 ** 14 && (kdf.N ?? 0) <= 2 ** 20 && (kdf.r ?? 0) <= 16 && (kdf.p ?? 0) <= 4;
  const hkdfOk = kdf?.name === 'hkdf-sha256' && typeof kdf.keyId === 'string';
  if (header.format !== 'vigil-backup' || header.version !== 1 || header.cipher !== 'aes-256-gcm' || !(scryptOk || hkdfOk) || typeof kdf?.salt !== 'string'
    || !Number.isSafeInteger(header.segment) || header.segment < 1 || header.segment > MAX_SEGMENT || typeof header.check !== 'string') {
    throw damaged('unknown header parameters');
  }
  return { header, digest: crypto.createHash('sha256').update(Buffer.concat([MAGIC, lengthBytes as Buffer, json as Buffer])).digest() };
}

/** The file key, or a clear refusal when the secret is not the one the backup was made with. */
export async function unlock(header: BackupHeader, secret: BackupSecret): Promise<Buffer> {
  const key = await deriveKey(header.kdf, secret);
  const expected = Buffer.from(checkValue(key));
  const stored = Buffer.from(header.check);
  if (expected.length !== stored.length || !crypto.timingSafeEqual(expected, stored)) {
    const what = secret.kind === 'passphrase' ? 'passphrase' : 'key';
    throw validationError([{ path: what, problem: secret.kind === 'passphrase' ? 'is not the passphrase this backup was made with' : `master key "${header.kdf.name === 'hkdf-sha256' ? header.kdf.keyId : ''}" in this keyring is not the one this backup was made with` }]);
  }
  return key;
}

/** Yields the payload, one authenticated segment at a time; throws on any tampering or truncation. */
export async function* openSegments(file: ByteReader, key: Buffer, header: BackupHeader, headerDigest: Buffer): AsyncGenerator<Buffer> {
  for (let index = 0; ; index++) {
    const lengthBytes = await file.exact(4, () => damaged(`segment ${index} cut short`));
    if (!lengthBytes) throw damaged('the file ends before its final segment: it was truncated');
    const word = lengthBytes.readUInt32BE();
    const final = (word & FINAL_BIT) !== 0;
    const length = word & ~FINAL_BIT;
    if (length > header.segment) throw damaged(`segment ${index} has an impossible length`);
    const sealed = await file.exact(length + TAG, () => damaged(`segment ${index} cut short: the file was truncated`));
    if (!sealed) throw damaged(`segment ${index} is missing`);
    const plain = open(key, headerDigest, index, final, sealed, length);
    if (!plain) throw damaged(`segment ${index} failed authentication`);
    yield plain;
    if (final) {
      if (!(await file.atEnd())) throw damaged('bytes follow the final segment');
      return;
    }
  }
}

function open(key: Buffer, headerDigest: Buffer, index: number, final: boolean, sealed: Buffer, length: number): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonceOf(index, final));
    decipher.setAAD(aadOf(headerDigest, index, final, length));
    decipher.setAuthTag(sealed.subarray(length));
    return Buffer.concat([decipher.update(sealed.subarray(0, length)), decipher.final()]);
  } catch {
    return null;
  }
}
