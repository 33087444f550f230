import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Master keys by id; the first is current (encrypts), the others only decrypt until rotated out. */
export interface Keyring {
  currentId: string;
  keys: Map<string, Buffer>;
}

export interface KeyringSource {
  keyring: Keyring;
  /** Where the keys came from, for the start-up log (never the key itself). */
  origin: string;
  /** The key file, when keys live in one (rotation writes to it). */
  file: string | null;
  generated: boolean;
}

const LINE = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=]{43,44})$/;

/** Parses `id:base64key` entries (one per line or comma-separated); the first is current. */
export function parseKeys(text: string, origin: string): Keyring {
  const keys = new Map<string, Buffer>();
  let currentId = '';
  for (const entry of text.split(/[\n,]/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const m = LINE.exec(entry);
    const key = m ? Buffer.from(m[2] ?? '', 'base64') : null;
    if (!m || !key || key.length !== 32) throw new Error(`${origin}: each key must be "id:<32 bytes in base64>" (openssl rand -base64 32)`);
    if (keys.has(m[1] ?? '')) throw new Error(`${origin}: key id ${m[1]} appears twice`);
    keys.set(m[1] ?? '', key);
    currentId ||= m[1] ?? '';
  }
  if (!currentId) throw new Error(`${origin}: no key found`);
  return { currentId, keys };
}

export function newKeyLine(id: string): string {
  return `${id}:${crypto.randomBytes(32).toString('base64')}`;
}

/**
 * Keys come from VIGIL_KEY (entries inline), else VIGIL_KEY_FILE, else `<dataDir>/vigil.key`,
 * which is created on first start so a laptop needs no setup. Never from the database. In
 * production keep the key file off the data volume (docs/SECURITY.md).
 */
export function loadKeyring(dataDir: string, env: NodeJS.ProcessEnv = process.env): KeyringSource {
  if (env.VIGIL_KEY) return { keyring: parseKeys(env.VIGIL_KEY, 'VIGIL_KEY'), origin: 'VIGIL_KEY', file: null, generated: false };
  const file = path.resolve(env.VIGIL_KEY_FILE ?? path.join(dataDir, 'vigil.key'));
  let generated = false;
  if (!fs.existsSync(file)) {
    if (env.VIGIL_KEY_FILE) throw new Error(`VIGIL_KEY_FILE ${file} does not exist`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `# Vigil encryption keys: the first line encrypts. Back this up apart from the data.\n${newKeyLine('k1')}\n`, { mode: 0o600, flag: 'wx' });
    generated = true;
  }
  return { keyring: parseKeys(fs.readFileSync(file, 'utf8'), file), origin: file, file, generated };
}

/** Adds a new current key at the top of the key file; old keys stay until re-encryption is done. */
export function addKeyToFile(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  const ids = [...parseKeys(text, file).keys.keys()];
  let n = ids.length + 1;
  while (ids.includes(`k${n}`)) n++;
  const id = `k${n}`;
  const lines = text.split('\n');
  const firstKey = lines.findIndex((l) => LINE.test(l.trim()));
  lines.splice(firstKey, 0, newKeyLine(id));
  fs.writeFileSync(`${file}.new`, lines.join('\n'), { mode: 0o600 });
  fs.renameSync(`${file}.new`, file);
  return id;
}

/** Drops keys other than the current one (after every value was re-encrypted with it). */
export function retireOldKeys(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const { currentId } = parseKeys(text, file);
  const removed: string[] = [];
  const kept = text.split('\n').filter((l) => {
    const m = LINE.exec(l.trim());
    if (m && m[1] !== currentId) removed.push(m[1] ?? '');
    return !m || m[1] === currentId;
  });
  fs.writeFileSync(`${file}.new`, kept.join('\n'), { mode: 0o600 });
  fs.renameSync(`${file}.new`, file);
  return removed;
}
