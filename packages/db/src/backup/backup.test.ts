import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseConfig } from '../config.js';
import { connect } from '../connect.js';
import { chunks, filesUnder, makeJpeg } from '../evidence/testing.js';
import { createRepositories } from '../repositories/index.js';
import { insertBatched } from '../repositories/write.js';
import { buildDetention, buildPerson, buildSource, engines, freshConfig, openTestDatabase, type Engine, type TestDatabase } from '../testing/index.js';
import { createBackup } from './create.js';
import { restoreBackup } from './restore.js';

const PASSPHRASE = 'correct horse battery staple';
const WHO = { actor: 'alice', origin: '127.0.0.1' };
/** The environment of a new machine: no VIGIL_KEY, so keys come from the backup or a key file. */
const bareEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.VIGIL_KEY;
  delete env.VIGIL_KEY_FILE;
  return env;
};

async function exportOf(config: DatabaseConfig, env: NodeJS.ProcessEnv): Promise<string> {
  const repos = createRepositories(await connect(config, env));
  try {
    let text = '';
    await repos.dump.exportAll((c) => void (text += c));
    return text;
  } finally {
    await repos.close();
  }
}

/** Every file under a directory as relative path → SHA-256 (the staging area excluded). */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).filter((f) => !path.relative(dir, f).startsWith('tmp')).map((f) => [path.relative(dir, f), crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex')] as const).sort());
}

/** A backup made the way the CLI makes one: its own connection, closed afterwards. */
async function backup(config: DatabaseConfig, options: Parameters<typeof createBackup>[1]) {
  const connection = await connect(config);
  try {
    return await createBackup(connection, options);
  } finally {
    await connection.close();
  }
}

const cleanups: (() => Promise<void>)[] = [];
async function target(engine: Engine) {
  const t = await freshConfig(engine);
  cleanups.push(t.drop);
  return t.config;
}

describe.each(engines())('backups on %s', (engine) => {
  let source: TestDatabase;
  let s: Services;
  let work: string;

  beforeAll(async () => {
    source = await openTestDatabase(engine);
    s = source.services();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-backup-'));
    const person = await s.records.create('person', buildPerson({ names: [{ value: 'Зарина Секретова' }], contact: '+7 777 123 45 67' }), 'alice');
    await s.records.create('detention', buildDetention(person.id), 'alice');
    await s.evidence.ingest(chunks(await makeJpeg(7, { width: 640, height: 480 })), { filename: 'square.jpg' }, WHO);
    // Larger than a segment, so files cross segment boundaries.
    await s.evidence.ingest(chunks(crypto.randomBytes(3 * 1024 * 1024 + 17)), { filename: 'dump.bin' }, WHO);
    for (let i = 0; i < 3; i++) await s.audit.record({ actor: 'alice', action: 'read-protected', entity: 'person', recordId: person.id });
  });
  afterAll(async () => {
    while (cleanups.length) await cleanups.pop()?.();
    await source.destroy();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const sourceEvidence = () => path.join(source.config.dataDir, 'evidence');

  it('round-trips database and evidence through a passphrase backup onto a machine with no key', async () => {
    const file = path.join(work, `pass-${engine}.vbk`);
    const made = await backup(source.config, { out: file, passphrase: PASSPHRASE });
    expect(made).toMatchObject({ secret: { kind: 'passphrase' }, keysIncluded: true, evidenceFiles: 3, missing: [] });
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const bytes = fs.readFileSync(file);
    for (const secret of ['Секретова', 'vigil-export', 'evidence_items']) expect(bytes.includes(Buffer.from(secret))).toBe(false);

    const config = await target(engine);
    const restored = await restoreBackup({ file, config, passphrase: PASSPHRASE, env: bareEnv() });
    expect(restored).toMatchObject({ evidenceFiles: 3, keyFile: path.join(config.dataDir, 'vigil.key'), audit: { ok: true, entries: 5 } }); // two record writes and three audited reads
    expect(fs.statSync(path.join(config.dataDir, 'vigil.key')).mode & 0o077).toBe(0);
    expect(await exportOf(config, bareEnv())).toBe(await exportOf(source.config, process.env));
    expect(tree(path.join(config.dataDir, 'evidence'))).toEqual(tree(sourceEvidence()));
    const restoredServices = createServices(createRepositories(await connect(config, bareEnv())));
    try {
      const [person] = (await restoredServices.records.list('person', { q: 'Секретова' })).items;
      expect(person?.contact).toBe('+7 777 123 45 67');
    } finally {
      await restoredServices.repos.close();
    }
  });

  it('round-trips a master-key backup where that key is present, and says which key is missing otherwise', async () => {
    const file = path.join(work, `master-${engine}.vbk`);
    const made = await backup(source.config, { out: file, includeKeys: false });
    expect(made).toMatchObject({ secret: { kind: 'master-key', keyId: 'test' }, keysIncluded: false });
    await expect(restoreBackup({ file, config: await target(engine), env: bareEnv() })).rejects.toThrow(/encrypted with master key "test"/);
    const config = await target(engine);
    await restoreBackup({ file, config, env: process.env });
    expect(await exportOf(config, process.env)).toBe(await exportOf(source.config, process.env));
  });

  it('refuses a tampered, truncated or extended backup, or a wrong passphrase, and leaves the target empty', async () => {
    const file = path.join(work, `tamper-${engine}.vbk`);
    await backup(source.config, { out: file, passphrase: PASSPHRASE });
    const good = fs.readFileSync(file);
    const variants: [string, Buffer][] = [
      ['a flipped byte in the header', flip(good, 30)],
      ['a flipped byte in the first segment', flip(good, 400)],
      ['a flipped byte in a middle segment', flip(good, Math.floor(good.length / 2))],
      ['a flipped last byte', flip(good, good.length - 1)],
      ['the last segment cut off', good.subarray(0, good.length - 40)],
      ['bytes appended', Buffer.concat([good, Buffer.from('extra')])],
    ];
    const config = await target(engine);
    for (const [what, bytes] of variants) {
      const bad = path.join(work, 'bad.vbk');
      fs.writeFileSync(bad, bytes);
      await expect(restoreBackup({ file: bad, config, passphrase: PASSPHRASE, env: bareEnv() }), what).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    await expect(restoreBackup({ file, config, passphrase: 'not the passphrase at all', env: bareEnv() })).rejects.toThrow(/passphrase: is not the passphrase/);
    expect(filesUnder(config.dataDir).filter((f) => !/vigil\.db(-wal|-shm)?$/.test(f))).toEqual([]);
    await restoreBackup({ file, config, passphrase: PASSPHRASE, env: bareEnv() });
  });

  it('refuses to restore into a target that holds records or evidence, writing nothing', async () => {
    const file = path.join(work, `busy-${engine}.vbk`);
    await backup(source.config, { out: file, passphrase: PASSPHRASE });
    const before = await exportOf(source.config, process.env);
    const evidence = tree(sourceEvidence());
    await expect(restoreBackup({ file, config: source.config, passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'DATABASE_NOT_EMPTY', message: expect.stringMatching(/empty data directory and database only/) as unknown });
    expect(await exportOf(source.config, process.env)).toBe(before);
    expect(tree(sourceEvidence())).toEqual(evidence);

    const other = await openTestDatabase(engine);
    cleanups.push(() => other.destroy());
    await other.services().records.create('person', buildPerson(), 'bob');
    const otherBefore = await exportOf(other.config, process.env);
    await expect(restoreBackup({ file, config: other.config, passphrase: PASSPHRASE })).rejects.toThrow(/already holds data/);
    expect(await exportOf(other.config, process.env)).toBe(otherBefore);
    expect(filesUnder(path.join(other.config.dataDir, 'evidence'))).toEqual([]);
  });

  it('takes a consistent snapshot while another connection keeps writing records with their audit entries', async () => {
    // Bulk rows exported between persons and record_history widen the window a torn read would fall into.
    const sourceRecord = await s.records.create('source', buildSource(), 'alice');
    const citations = Array.from({ length: 30_000 }, (_, i) => ({ id: crypto.randomUUID(), entity: 'event', recordId: 'bulk', sourceId: sourceRecord.id, position: i }));
    const bulk = await connect(source.config);
    await insertBatched(bulk.db, 'citations', citations, bulk.dialect);
    await bulk.close();

    const writer = await connect(source.config);
    const writerServices = createServices(createRepositories(writer));
    let stop = false;
    let written = 0;
    const writing = (async () => {
      while (!stop) {
        await writerServices.inTransaction(async (tx) => {
          const person = await tx.records.create('person', buildPerson(), 'bob');
          await tx.audit.record({ actor: 'bob', action: 'create', entity: 'person', recordId: person.id });
        });
        written++;
        // better-sqlite3 answers without a macrotask: yield, or this loop starves the timers.
        await new Promise((r) => setImmediate(r));
      }
    })();
    try {
      await new Promise((r) => setTimeout(r, 50));
      const file = path.join(work, `live-${engine}.vbk`);
      await backup(source.config, { out: file, passphrase: PASSPHRASE });
      stop = true;
      await writing;
      const config = await target(engine);
      const restored = await restoreBackup({ file, config, passphrase: PASSPHRASE, env: bareEnv() });
      expect(written).toBeGreaterThan(0);
      expect(restored.audit).toMatchObject({ ok: true, firstProblem: null });
      const dump = JSON.parse(await exportOf(config, bareEnv())) as { tables: Record<string, { id?: string; entity?: string; recordId?: string; action?: string }[]> };
      const persons = new Set(dump.tables.persons?.map((p) => p.id));
      const personHistory = new Set(dump.tables.record_history?.filter((h) => h.entity === 'person').map((h) => h.recordId));
      const audited = new Set(dump.tables.audit_log?.filter((a) => a.action === 'create' && a.entity === 'person').map((a) => a.recordId));
      expect(personHistory).toEqual(persons);
      expect([...audited].every((id) => persons.has(id))).toBe(true);
      expect(persons.size).toBeLessThan(written + 2);
    } finally {
      stop = true;
      await writing;
      await writer.close();
    }
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}
