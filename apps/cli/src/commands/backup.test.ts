import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engines, freshConfig, type Engine } from '@vigil/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Io } from '../io.js';
import { main } from '../main.js';

const PASSPHRASE = 'seven random words make a good passphrase';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function workDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-bk-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The CLI on a fresh database, addressed as a user would (--data; DATABASE_URL for PostgreSQL).
 * `newMachine` runs without VIGIL_KEY, as on a machine that has only the backup.
 */
async function open(engine: Engine, newMachine = false) {
  const { config, drop } = await freshConfig(engine);
  cleanups.push(drop);
  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), readInput: (f) => fs.promises.readFile(f, 'utf8') };
    const saved = { url: process.env.DATABASE_URL, key: process.env.VIGIL_KEY };
    if (config.engine === 'postgres') process.env.DATABASE_URL = config.url;
    else delete process.env.DATABASE_URL;
    if (newMachine) delete process.env.VIGIL_KEY;
    try {
      return { code: await main(['--data', config.dataDir, ...argv], io), out, err };
    } finally {
      for (const [name, value] of [['DATABASE_URL', saved.url], ['VIGIL_KEY', saved.key]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  };
  return { run, dataDir: config.dataDir };
}

/** Every file under the evidence directory: relative path → SHA-256. */
function evidenceTree(dataDir: string): Record<string, string> {
  const root = path.join(dataDir, 'evidence');
  if (!fs.existsSync(root)) return {};
  return Object.fromEntries(fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name))
    .filter((f) => !path.relative(root, f).startsWith('tmp')).map((f) => [path.relative(root, f), crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex')] as const).sort());
}

/** A source with the demo dataset and three evidence files (one larger than a backup segment). */
async function seededSource(engine: Engine) {
  const source = await open(engine);
  expect((await source.run('demo', 'load')).code).toBe(0);
  const files = workDir();
  fs.writeFileSync(path.join(files, 'a.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('frame '.repeat(100))]));
  fs.writeFileSync(path.join(files, 'b.bin'), crypto.randomBytes(2 * 1024 * 1024 + 5));
  fs.writeFileSync(path.join(files, 'c.txt'), 'Statement of a witness, redacted.\n');
  const added = await source.run('evidence', 'add', files);
  expect(added.code, added.err).toBe(0);
  return source;
}

const pairs = engines().flatMap((from) => engines().map((to) => [from, to] as const));

describe.each(pairs)('vigil backup from %s, restore into %s', (from, to) => {
  it('round-trips database and evidence byte for byte, onto a machine that has only the backup and its passphrase', async () => {
    const source = await seededSource(from);
    const passFile = path.join(workDir(), 'pass.txt');
    fs.writeFileSync(passFile, `${PASSPHRASE}\n`);
    const file = path.join(workDir(), 'vigil.vbk');
    const made = await source.run('--format', 'json', 'backup', 'create', '--out', file, '--passphrase-file', passFile);
    expect(made.code, made.err).toBe(0);
    expect(JSON.parse(made.out)).toMatchObject({ file, secret: 'passphrase', keysIncluded: true, evidenceFiles: 3 });
    expect(made.err).toContain('Restoring needs this file and the passphrase');
    const sourceExport = await source.run('export', 'json');
    // The demo load's record writes are audited too; the backup's own entry is the last one.
    const log = (JSON.parse(sourceExport.out) as { tables: Record<string, { action: string }[]> }).tables.audit_log ?? [];
    expect(log.at(-1)).toMatchObject({ action: 'backup', details: expect.stringContaining('"secret":"passphrase"') as unknown });
    expect(log.filter((e) => e.action === 'create').length).toBeGreaterThan(200);

    const dest = await open(to, true);
    const restored = await dest.run('--format', 'json', 'backup', 'restore', file, '--passphrase-file', passFile);
    expect(restored.code, restored.err).toBe(0);
    expect(JSON.parse(restored.out)).toMatchObject({ evidenceFiles: 3, keyFile: path.join(dest.dataDir, 'vigil.key'), auditOk: true, auditEntries: log.length });
    const destExport = await dest.run('export', 'json');
    expect(destExport.code, destExport.err).toBe(0);
    expect(destExport.out).toBe(sourceExport.out);
    expect(evidenceTree(dest.dataDir)).toEqual(evidenceTree(source.dataDir));
    expect(Object.keys(evidenceTree(source.dataDir)).length).toBeGreaterThanOrEqual(3);
    const found = await dest.run('--format', 'json', 'person', 'list', '--q', 'Balgabaeva');
    expect(found.code, found.err).toBe(0);
    expect((await dest.run('audit', 'verify')).code).toBe(0);
  });
});

describe.each(engines())('vigil backup on %s', (engine) => {
  it('restores a master-key backup where the key is present (VIGIL_KEY here)', async () => {
    const source = await seededSource(engine);
    const file = path.join(workDir(), 'master.vbk');
    const made = await source.run('backup', 'create', '--out', file, '--without-keys');
    expect(made.code, made.err).toBe(0);
    expect(made.err).toMatch(/Restoring needs this file and master key "test"/);
    const stranger = await open(engine, true);
    const refused = await stranger.run('backup', 'restore', file);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/encrypted with master key "test"/);
    const dest = await open(engine);
    expect((await dest.run('backup', 'restore', file)).code).toBe(0);
    expect((await dest.run('export', 'json')).out).toBe((await source.run('export', 'json')).out);
  });

  it('refuses a tampered backup and writes nothing', async () => {
    const source = await seededSource(engine);
    const file = path.join(workDir(), 'tampered.vbk');
    process.env.VIGIL_BACKUP_PASSPHRASE = PASSPHRASE;
    cleanups.push(() => void delete process.env.VIGIL_BACKUP_PASSPHRASE);
    expect((await source.run('backup', 'create', '--out', file)).code).toBe(0);
    const bytes = fs.readFileSync(file);
    const at = Math.floor(bytes.length * 0.6);
    bytes[at] = (bytes[at] ?? 0) ^ 0x20;
    fs.writeFileSync(file, bytes);
    const dest = await open(engine, true);
    const refused = await dest.run('backup', 'restore', file);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/the backup is damaged or was altered \(segment \d+ failed authentication\)/);
    expect(fs.existsSync(path.join(dest.dataDir, 'vigil.key'))).toBe(false);
    expect(evidenceTree(dest.dataDir)).toEqual({});
    const after = await dest.run('--format', 'json', 'person', 'list');
    expect(JSON.parse(after.out)).toMatchObject({ items: [] });
  });

  it('refuses to restore into a data directory or database that is not empty, writing nothing', async () => {
    const source = await seededSource(engine);
    const file = path.join(workDir(), 'busy.vbk');
    process.env.VIGIL_BACKUP_PASSPHRASE = PASSPHRASE;
    cleanups.push(() => void delete process.env.VIGIL_BACKUP_PASSPHRASE);
    expect((await source.run('backup', 'create', '--out', file)).code).toBe(0);
    const before = (await source.run('export', 'json')).out;
    const tree = evidenceTree(source.dataDir);
    const refused = await source.run('backup', 'restore', file);
    expect(refused.code).toBe(4);
    expect(refused.err).toMatch(/backup restore loads into an empty data directory and database only; .*Nothing was written/);
    expect((await source.run('export', 'json')).out).toBe(before);
    expect(evidenceTree(source.dataDir)).toEqual(tree);

    const again = await source.run('backup', 'create', '--out', file);
    expect(again.code).toBe(4);
    expect(again.err).toMatch(/already exists/);
    const shortFile = path.join(workDir(), 'short.txt');
    fs.writeFileSync(shortFile, 'secret\n');
    const short = await source.run('backup', 'create', '--out', path.join(workDir(), 'x.vbk'), '--passphrase-file', shortFile);
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/passphrase: must be at least 12 characters/);
  });
});
