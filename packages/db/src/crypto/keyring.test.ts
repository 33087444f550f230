import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FieldCipher, blindPrefixes, blindQuery } from './field-cipher.js';
import { addKeyToFile, loadKeyring, newKeyLine, parseKeys, retireOldKeys } from './keyring.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-keys-'));

describe('keyring', () => {
  it('creates a key file readable only by its owner on first start, and reuses it after', () => {
    const dir = tmp();
    const first = loadKeyring(dir, {});
    expect(first.generated).toBe(true);
    expect(fs.statSync(path.join(dir, 'vigil.key')).mode & 0o077).toBe(0);
    const again = loadKeyring(dir, {});
    expect(again.generated).toBe(false);
    expect(again.keyring.keys.get('k1')?.equals(first.keyring.keys.get('k1') as Buffer)).toBe(true);
  });

  it('takes keys from VIGIL_KEY before any file, and refuses a malformed key naming the source', () => {
    const line = newKeyLine('prod');
    expect(loadKeyring(tmp(), { VIGIL_KEY: line }).keyring.currentId).toBe('prod');
    expect(() => parseKeys('prod:short', 'VIGIL_KEY')).toThrow(/VIGIL_KEY: each key must be/);
    expect(() => loadKeyring(tmp(), { VIGIL_KEY_FILE: '/nonexistent/vigil.key' })).toThrow(/does not exist/);
  });

  it('rotates: a new current key encrypts, old values still decrypt until the old key is retired', () => {
    const dir = tmp();
    const file = path.join(dir, 'vigil.key');
    const old = new FieldCipher(loadKeyring(dir, {}).keyring);
    const sealed = old.encrypt('Zhanara Balgabayeva');
    expect(addKeyToFile(file)).toBe('k2');
    const rotated = new FieldCipher(loadKeyring(dir, {}).keyring);
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.decrypt(sealed)).toBe('Zhanara Balgabayeva');
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.encrypt('x'))).toBe(false);
    expect(retireOldKeys(file)).toEqual(['k1']);
    expect(() => new FieldCipher(loadKeyring(dir, {}).keyring).decrypt(sealed)).toThrow(/key "k1", which is not in the keyring/);
  });
});

describe('field cipher', () => {
  const cipher = new FieldCipher(parseKeys(newKeyLine('t'), 'test'));

  it('never stores the clear text and detects tampering', () => {
    const sealed = cipher.encrypt('+7 701 555 12 34');
    expect(sealed).not.toContain('701');
    expect(cipher.encrypt('+7 701 555 12 34')).not.toBe(sealed);
    expect(cipher.decrypt(sealed)).toBe('+7 701 555 12 34');
    const parts = sealed.split(':');
    parts[4] = `A${(parts[4] ?? '').slice(1)}`;
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
  });

  it('finds a word by its typed beginning through blind prefixes', () => {
    const stored = new Set(blindPrefixes(cipher, 'balgabaeva'));
    for (const typed of ['ba', 'bal', 'balg', 'balga', 'balgab', 'balgabae', 'balgabaeva']) expect(stored.has(blindQuery(cipher, typed) as string), typed).toBe(true);
    expect(stored.has(blindQuery(cipher, 'bak') as string)).toBe(false);
    expect(blindQuery(cipher, 'b')).toBeNull();
    const short = new Set(blindPrefixes(cipher, 'li'));
    expect(short.has(blindQuery(cipher, 'li') as string)).toBe(true);
  });
});
