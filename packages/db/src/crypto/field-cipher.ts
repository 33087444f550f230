import crypto from 'node:crypto';
import { type Keyring } from './keyring.js';

const PREFIX = 'enc1';

function subkey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32));
}

/**
 * AES-256-GCM for protected fields (names, contacts, addresses, history snapshots) and keyed
 * blind indexes (HMAC-SHA-256) so search works without the clear text in the database.
 * Stored form: `enc1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url).
 */
export class FieldCipher {
  private readonly encKeys = new Map<string, Buffer>();
  private readonly blindKey: Buffer;

  constructor(private readonly keyring: Keyring) {
    for (const [id, master] of keyring.keys) this.encKeys.set(id, subkey(master, 'vigil/field-encryption/v1'));
    this.blindKey = subkey(keyring.keys.get(keyring.currentId) as Buffer, 'vigil/blind-index/v1');
  }

  get currentKeyId(): string {
    return this.keyring.currentId;
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.encKeys.get(this.keyring.currentId) as Buffer, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [PREFIX, this.keyring.currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
  }

  decrypt(stored: string): string {
    if (!stored.startsWith(`${PREFIX}:`)) return stored;
    const [, keyId = '', iv = '', tag = '', body = ''] = stored.split(':');
    const key = this.encKeys.get(keyId);
    if (!key) throw new Error(`A value is encrypted with key "${keyId}", which is not in the keyring; restore that key (VIGIL_KEY / VIGIL_KEY_FILE)`);
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Whether a stored value was encrypted with an older key (rotation re-encrypts it). */
  isStale(stored: string): boolean {
    return stored.startsWith(`${PREFIX}:`) && stored.split(':')[1] !== this.keyring.currentId;
  }

  /** A keyed, deterministic index value: equal inputs match, the input cannot be read back. */
  blind(value: string): string {
    // Hex, so every collation orders these values alike (exports stay byte-identical across engines).
    return crypto.createHmac('sha256', this.blindKey).update(value).digest('hex').slice(0, 24);
  }
}

/** Prefix lengths indexed for name search: typing 2–8 letters narrows; longer words use their first 8. */
export const PREFIX_LENGTHS = [2, 3, 4, 6, 8];

/** Blind index values of every indexed prefix of a folded token. */
export function blindPrefixes(cipher: FieldCipher, token: string): string[] {
  const lengths = PREFIX_LENGTHS.filter((l) => l < token.length);
  return [...lengths.map((l) => token.slice(0, l)), token.slice(0, 8)].map((p) => cipher.blind(`p:${p}`));
}

/** The one blind value a query word is looked up by: its longest indexed prefix. */
export function blindQuery(cipher: FieldCipher, word: string): string | null {
  if (word.length < 2) return null;
  const length = word.length >= 8 ? 8 : Math.max(...PREFIX_LENGTHS.filter((l) => l <= word.length));
  return cipher.blind(`p:${word.slice(0, length)}`);
}
