import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createServices, type Services } from '@vigil/core';
import { Migrator } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackup } from '../backup/create.js';
import { restoreBackup } from '../backup/restore.js';
import { type DatabaseConfig } from '../config.js';
import { connect, type Connection } from '../connect.js';
import { rotateKeys } from '../crypto/rotate.js';
import { migrateToLatest } from '../migrate.js';
import { MIGRATIONS } from '../migrations/index.js';
import { createRepositories } from '../repositories/index.js';
import { buildDetention, buildPerson, engines, freshConfig, type Engine } from '../testing/index.js';

/**
 * Review notes of findings are sealed at rest (docs/SECURITY.md): unreadable in the raw tables and
 * the database bytes, read back through the service, re-encrypted by key rotation, carried
 * losslessly by export/import, and sealed by migration 20261122T1720 when stored before it.
 */

const CONFIRM_NOTE = 'Lawyer Dauren Sekretbayev saw the protocol dated 15:50';
const REJECT_NOTE = 'Case file of Aigerim Tainova shows the protocol on time';
const REVIEWER = { id: 'u-analyst', name: 'analyst-1' };
const SEALED_MIGRATION = '20261122T1720-finding-notes-sealed';
const at = (wall: string) => `2022-03-08T${wall}:00+06:00`;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function fresh(engine: Engine, env: NodeJS.ProcessEnv = process.env): Promise<{ config: DatabaseConfig; connection: Connection; services: Services }> {
  const { config, drop } = await freshConfig(engine);
  const connection = await connect(config, env);
  cleanups.push(drop, () => connection.close());
  const repos = createRepositories(connection);
  await repos.schema.migrate();
  let tick = 0;
  const now = () => new Date(Date.parse('2022-03-10T06:00:00.000Z') + 1000 * ++tick).toISOString();
  return { config, connection, services: createServices(repos, { now }) };
}

/** A custody case with a late protocol: it produces several findings to review. */
async function scenario(s: Services): Promise<string> {
  const eventId = (await s.records.create('event', { title: 'Picket', type: 'peaceful_protest', startAt: at('10:00'), notificationStatus: 'notified', city: 'Almaty' }, 't')).id;
  const person = (await s.records.create('person', buildPerson({ roles: [{ role: 'protester', eventId }] }), 't')).id;
  await s.records.create('detention', buildDetention(person, {
    eventId, apprehendedAt: at('11:00'), legalBasis: 'administrative', steps: [{ type: 'protocol', at: at('16:30') }, { type: 'released', at: at('17:00') }],
  }), 't');
  return eventId;
}

/** Confirms one finding and rejects another, with notes; returns their ids. */
async function reviewTwo(s: Services, eventId: string): Promise<[string, string]> {
  const { items } = await s.findings.list({ eventId, limit: 10 });
  const [first, second] = items;
  if (!first || !second) throw new Error(`the scenario produced ${items.length} findings, expected at least 2`);
  await s.findings.review(first.id, { decision: 'confirm', note: CONFIRM_NOTE }, REVIEWER);
  await s.findings.review(second.id, { decision: 'reject', note: REJECT_NOTE }, REVIEWER);
  return [first.id, second.id];
}

/** The stored values of both note columns, as the database holds them. */
async function rawNotes(c: Connection): Promise<string[]> {
  const findings = await c.db.selectFrom('findings').select('reviewNote').where('reviewNote', 'is not', null).execute();
  const history = await c.db.selectFrom('finding_reviews').select('note').where('note', 'is not', null).execute();
  return [...findings.map((r) => String(r.reviewNote)), ...history.map((r) => String(r.note))];
}

/** Every byte the engine keeps for this database: the SQLite file and its WAL, or a pg_dump. */
async function rawBytes(config: DatabaseConfig): Promise<Buffer> {
  if (config.engine === 'sqlite') return Buffer.concat([config.file, `${config.file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
  const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', config.url], { maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' });
  return stdout;
}

async function exportText(c: Connection): Promise<string> {
  let text = '';
  await createRepositories(c).dump.exportAll((chunk) => void (text += chunk));
  return text;
}

describe.each(engines())('sealed finding review notes on %s', (engine) => {
  it('keeps notes out of the raw tables and the stored bytes, yet reads them back with the history', async () => {
    const { config, connection, services: s } = await fresh(engine);
    const [confirmed, rejected] = await reviewTwo(s, await scenario(s));

    const stored = await rawNotes(connection);
    expect(stored).toHaveLength(4); // each finding's note and its history entry
    for (const value of stored) {
      expect(value).toMatch(/^enc1:test:/);
      expect(value).not.toContain('Sekretbayev');
    }
    const bytes = await rawBytes(config);
    expect(bytes.length).toBeGreaterThan(1000);
    for (const secret of ['Sekretbayev', 'Tainova']) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);

    const one = await s.findings.get(confirmed);
    expect(one).toMatchObject({ status: 'confirmed', reviewNote: CONFIRM_NOTE });
    expect(one.history.map((h) => h.note)).toEqual([null, CONFIRM_NOTE]);
    expect((await s.findings.get(rejected)).reviewNote).toBe(REJECT_NOTE);
    const listed = await s.findings.list({ status: 'confirmed,rejected', limit: 10 });
    expect(listed.items.map((f) => f.reviewNote).sort()).toEqual([CONFIRM_NOTE, REJECT_NOTE].sort());
  });

  it('re-encrypts notes on key rotation, and they still read back after the old key is retired', async () => {
    // A key file in the data directory (not VIGIL_KEY), as on a real install: rotation writes to it.
    const keyFileEnv = {};
    const { config, connection, services: s } = await fresh(engine, keyFileEnv);
    const [confirmed] = await reviewTwo(s, await scenario(s));
    expect((await rawNotes(connection)).every((v) => v.startsWith('enc1:k1:'))).toBe(true);

    const result = await rotateKeys(connection);
    expect(result).toMatchObject({ newKeyId: 'k2', retiredKeys: ['k1'] });
    const reopened = await connect(config, keyFileEnv);
    cleanups.push(() => reopened.close());
    expect(reopened.keys.keyring.keys.has('k1')).toBe(false);
    const notes = await rawNotes(reopened);
    expect(notes).toHaveLength(4);
    expect(notes.every((v) => v.startsWith('enc1:k2:'))).toBe(true);
    const after = createServices(createRepositories(reopened));
    const detail = await after.findings.get(confirmed);
    expect(detail.reviewNote).toBe(CONFIRM_NOTE);
    expect(detail.history.at(-1)?.note).toBe(CONFIRM_NOTE);
  });

  it('carries sealed notes losslessly through a whole-database export and import', async () => {
    const source = await fresh(engine);
    const [confirmed] = await reviewTwo(source.services, await scenario(source.services));
    const text = await exportText(source.connection);
    expect(text).not.toContain('Sekretbayev');

    const target = await fresh(engine);
    await createRepositories(target.connection).dump.importAll(JSON.parse(text));
    expect(await exportText(target.connection)).toBe(text);
    const detail = await target.services.findings.get(confirmed);
    expect(detail).toMatchObject({ status: 'confirmed', reviewNote: CONFIRM_NOTE });
  });

  it('carries sealed notes through an encrypted backup restored on a machine with no key', async () => {
    const source = await fresh(engine);
    const [confirmed] = await reviewTwo(source.services, await scenario(source.services));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-notes-backup-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'notes.vbk');
    await createBackup(source.connection, { out: file, passphrase: 'correct horse battery staple' });

    const { config, drop } = await freshConfig(engine);
    cleanups.push(drop);
    const bareEnv = { ...process.env };
    delete bareEnv.VIGIL_KEY;
    await restoreBackup({ file, config, passphrase: 'correct horse battery staple', env: bareEnv });
    const restored = await connect(config, bareEnv);
    cleanups.push(() => restored.close());
    expect(await exportText(restored)).toBe(await exportText(source.connection));
    expect((await createServices(createRepositories(restored)).findings.get(confirmed)).reviewNote).toBe(CONFIRM_NOTE);
  });

  it('migration 20261122T1720 seals the notes stored in clear before it, and refuses to run without the key', async () => {
    const { config, drop } = await freshConfig(engine);
    cleanups.push(drop);
    const connection = await connect(config);
    cleanups.push(() => connection.close());
    const names = Object.keys(MIGRATIONS).sort();
    const before = names[names.indexOf(SEALED_MIGRATION) - 1] ?? '';
    const older = await new Migrator({ db: connection.db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo(before);
    expect(older.error).toBeUndefined();

    // Two findings as the previous version stored them: one with a clear note, one without.
    const finding = (id: string, key: string, note: string | null) => ({
      id, key, version: 2, ruleId: 'custody-protocol-overdue', standardIds: '["KZ-KoAP-788-789"]', subjectEntity: 'detention', subjectId: id,
      eventId: null, personId: null, groupKey: `person:${id}`, confidentiality: 'restricted', facts: '[]', factsHash: 'h', explanation: '{"en":"x","ru":"x"}',
      severity: 'critical', severityRank: 2, thresholds: '[]', status: note ? 'confirmed' : 'suggested', produced: 1, reviewReason: null, decision: note ? 'confirm' : null,
      reviewer: null, reviewerId: null, reviewNote: note, reviewedAt: null, reviewedFacts: null, reviewedFactsHash: null, catalogueVersion: '2026-1',
      createdAt: '2022-03-10T06:00:00.000Z', updatedAt: '2022-03-10T06:00:00.000Z', computedAt: '2022-03-10T06:00:00.000Z',
    });
    const ids = ['01900000-0000-7000-8000-00000000000a', '01900000-0000-7000-8000-00000000000b'] as const;
    await connection.db.insertInto('findings').values([finding(ids[0], 'k-a', CONFIRM_NOTE), finding(ids[1], 'k-b', null)]).execute();
    await connection.db.insertInto('finding_reviews').values({
      id: '01900000-0000-7000-8000-0000000000c1', findingId: ids[0], at: '2022-03-10T06:00:00.000Z', actor: 'analyst-1', actorId: null, action: 'confirmed',
      fromStatus: 'suggested', toStatus: 'confirmed', note: CONFIRM_NOTE, factsHash: 'h', facts: '[]',
    }).execute();

    await expect(migrateToLatest(connection.db)).rejects.toThrow(/needs the encryption key/);
    expect(await rawNotes(connection)).toEqual([CONFIRM_NOTE, CONFIRM_NOTE]);

    const repos = createRepositories(connection);
    expect(await repos.schema.migrate()).toContain(SEALED_MIGRATION);
    const sealed = await rawNotes(connection);
    expect(sealed).toHaveLength(2);
    expect(sealed.every((v) => v.startsWith('enc1:test:') && !v.includes('Sekretbayev'))).toBe(true);
    expect((await repos.findings.get(ids[0]))?.reviewNote).toBe(CONFIRM_NOTE);
    expect((await repos.findings.get(ids[1]))?.reviewNote).toBeNull();
    expect((await repos.findings.history(ids[0]))[0]?.note).toBe(CONFIRM_NOTE);
  });
});
