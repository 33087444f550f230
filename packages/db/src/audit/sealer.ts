import crypto from 'node:crypto';
import { type AuditSealer } from '@vigil/core';
import { type Keyring } from '../crypto/keyring.js';

const PURPOSE = 'vigil/audit-seal/v1';

/**
 * SHA-256 for the chain, HMAC-SHA-256 for the seal, with a key derived (HKDF) from each master
 * key. The master keys never enter the database, so whoever copies or edits the database
 * cannot recompute valid seals after changing an entry.
 */
export function keyringSealer(keyring: Keyring): AuditSealer {
  const keys = new Map<string, Buffer>();
  for (const [id, master] of keyring.keys) keys.set(id, Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), PURPOSE, 32)));
  return {
    currentKeyId: keyring.currentId,
    digest: (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex'),
    seal: (keyId, hash) => {
      const key = keys.get(keyId);
      return key ? crypto.createHmac('sha256', key).update(hash, 'utf8').digest('hex') : null;
    },
  };
}
