import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { canonicalEntry, type Services, type StoredAuditRow } from '@vigil/core';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Connection } from '../connect.js';
import { KyselyAuditStore } from './audit.store.js';
import { keyringSealer } from './sealer.js';
import { engines, openTestDatabase, type TestDatabase } from '../testing/index.js';

describe.each(engines())('audit trail on %s', (engine) => {
  let tdb: TestDatabase;
  let s: Services;
  let raw: Connection;

  beforeEach(async () => {
    tdb = await openTestDatabase(engine);
    s = tdb.services();
    // A second connection that edits rows behind Vigil's back, as someone with the database would.
    raw = await connect(tdb.config);
    // Kysely ends a pool only once it was used: touch it so close() releases its client.
    await raw.db.selectFrom('audit_head').select('id').execute();
  });
  afterEach(async () => {
    await raw.close();
    await tdb.destroy();
  });

  async function seed(n: number): Promise<void> {
    for (let i = 1; i <= n; i++) {
      await s.audit.record({ actor: `user-${i}`, actorName: `monitor ${i}`, address: '10.0.0.7', action: 'update', entity: 'person', recordId: `p-${i}`, details: { fields: ['pseudonym'], version: i } });
    }
  }

  it('chains entries and verifies a clean log', async () => {
    await seed(5);
    const result = await s.audit.verify();
    expect(result).toMatchObject({ ok: true, entries: 5, problems: [], firstProblem: null });
    const { items } = await s.audit.list({});
    expect(items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(items[0]).toMatchObject({ actor: 'user-1', actorName: 'monitor 1', address: '10.0.0.7', action: 'update', entity: 'person', recordId: 'p-1', details: { fields: ['pseudonym'], version: 1 }, prevHash: '0'.repeat(64) });
    expect(items[1]?.prevHash).toBe(items[0]?.hash);
    expect(result.head).toEqual({ seq: 5, hash: items[4]?.hash });
  });

  it('detects details edited directly in the database, naming the entry', async () => {
    await seed(5);
    await sql`update audit_log set details = '{"fields":["contact"],"version":3}' where seq = 3`.execute(raw.db);
    const result = await s.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.firstProblem).toMatchObject({ seq: 3, kind: 'altered' });
  });

  it('detects an edit whose hash was recomputed, because the seal needs the master key', async () => {
    await seed(4);
    const row = await raw.db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
    const edited = { ...(row as unknown as StoredAuditRow), actor: 'someone-else' };
    const hash = createHash('sha256').update(canonicalEntry(edited)).digest('hex');
    await raw.db.updateTable('audit_log').set({ actor: 'someone-else', hash }).where('seq', '=', 2).execute();
    expect((await s.audit.verify()).firstProblem).toMatchObject({ seq: 2, kind: 'forged' });
  });

  it('detects a deleted entry, in the middle and at the end', async () => {
    await seed(5);
    await raw.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect((await s.audit.verify()).firstProblem).toMatchObject({ seq: 2, kind: 'missing' });
    await raw.db.deleteFrom('audit_log').where('seq', '=', 5).execute();
    const result = await s.audit.verify();
    expect(result.problems.map((p) => [p.seq, p.kind])).toEqual([[2, 'missing'], [5, 'truncated']]);
  });

  it('detects two entries whose sequence numbers were swapped', async () => {
    await seed(5);
    await raw.db.transaction().execute(async (trx) => {
      await trx.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', 2).execute();
      await trx.updateTable('audit_log').set({ seq: 2 }).where('seq', '=', 4).execute();
      await trx.updateTable('audit_log').set({ seq: 4 }).where('seq', '=', -1).execute();
    });
    const result = await s.audit.verify();
    expect(result.firstProblem).toMatchObject({ seq: 2, kind: 'reordered' });
    expect(result.problems.some((p) => p.seq === 4 && p.kind === 'reordered')).toBe(true);
  });

  it('writes in the caller\'s transaction: a rolled-back write leaves no entry and no gap', async () => {
    await seed(1);
    await expect(s.inTransaction(async (tx) => {
      await tx.audit.record({ actor: 'u', action: 'delete', entity: 'person', recordId: 'p-9' });
      throw new Error('the audited write failed');
    })).rejects.toThrow('the audited write failed');
    await tdb.repos.transaction(async (tx) => {
      await tx.audit.append({ actor: 'u', action: 'restore', entity: 'person', recordId: 'p-9' });
    });
    expect((await s.audit.list({})).items.map((e) => [e.seq, e.action])).toEqual([[1, 'update'], [2, 'restore']]);
    expect((await s.audit.verify()).ok).toBe(true);
  });

  it('never forks the chain under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => tdb.repos.transaction(async (tx) => {
      await tx.audit.append({ actor: `u${i % 3}`, action: 'read-protected', entity: 'person', recordId: `p-${i}` });
    })));
    const result = await s.audit.verify();
    expect(result).toMatchObject({ ok: true, entries: 24, head: { seq: 24 } });
  });

  it('commits concurrent appends together, in order, and a refused one fails alone', async () => {
    // Audited reads append outside any transaction; those arriving during a commit share the next one.
    const appends = Array.from({ length: 30 }, (_, i) => s.audit.record(
      i === 17 ? { actor: 'u', action: 'update', details: { name: 'Зарина Секретова' } } : { actor: `u${i}`, action: 'read-protected', entity: 'person', recordId: `p-${i}` },
    ));
    const settled = await Promise.allSettled(appends);
    expect(settled.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(settled[17]).toMatchObject({ status: 'rejected', reason: { code: 'VALIDATION_FAILED' } });
    expect(await s.audit.verify()).toMatchObject({ ok: true, entries: 29, head: { seq: 29 } });
    const { items } = await s.audit.list({ order: 'asc', limit: 100 });
    expect(items.map((e) => e.actor)).toEqual(Array.from({ length: 30 }, (_, i) => `u${i}`).filter((_, i) => i !== 17));
  });

  it('writes appends made together in one transaction (one commit, one fsync), chained in order', async () => {
    let transactions = 0;
    const counted = new Proxy(raw.db, {
      get(target, prop) {
        if (prop === 'transaction') return () => {
          transactions++;
          return target.transaction();
        };
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const store = new KyselyAuditStore(counted, raw.cipher, keyringSealer(raw.keys.keyring));
    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append({ actor: `u${i}`, action: 'read-protected', entity: 'person', recordId: `p-${i}` })));
    expect(transactions).toBe(1);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await s.audit.verify()).toMatchObject({ ok: true, entries: 20, head: { seq: 20, hash: entries[19]?.hash } });
  });

  it('keeps protected details encrypted at rest and shows them only when revealed', async () => {
    await s.audit.record({ actor: 'u', action: 'read-protected', entity: 'person', recordId: 'p-1', details: { fields: ['names'] }, protectedDetails: { query: 'Зарина Секретова' } });
    const stored = await raw.db.selectFrom('audit_log').select(['protectedDetails', 'details']).executeTakeFirstOrThrow();
    expect(String(stored.protectedDetails)).toMatch(/^enc1:/);
    expect(JSON.stringify(stored)).not.toContain('Секретова');
    if (tdb.config.engine === 'sqlite') expect(fs.readFileSync(`${tdb.config.file}-wal`).includes(Buffer.from('Секретова'))).toBe(false);
    const [hidden] = (await s.audit.list({})).items;
    expect(hidden).toMatchObject({ protectedDetails: null, hasProtectedDetails: true });
    const [shown] = (await s.audit.list({ reveal: true })).items;
    expect(shown?.protectedDetails).toEqual({ query: 'Зарина Секретова' });
    expect((await s.audit.verify()).ok).toBe(true);
  });

  it('lists by actor, action, record and time, newest first, a page at a time', async () => {
    await seed(5);
    await s.audit.record({ actor: 'user-2', action: 'login-failed', address: '192.0.2.1', at: '2030-01-01T00:00:00Z' });
    expect((await s.audit.list({ actor: 'user-2' })).items.map((e) => e.seq)).toEqual([2, 6]);
    expect((await s.audit.list({ action: 'login-failed' })).items.map((e) => e.address)).toEqual(['192.0.2.1']);
    expect((await s.audit.list({ entity: 'person', recordId: 'p-4' })).items.map((e) => e.seq)).toEqual([4]);
    expect((await s.audit.list({ from: '2029-12-31T20:00:00-03:00' })).items.map((e) => e.seq)).toEqual([6]);
    const first = await s.audit.list({ order: 'desc', limit: 4 });
    expect(first.items.map((e) => e.seq)).toEqual([6, 5, 4, 3]);
    const second = await s.audit.list({ order: 'desc', limit: 4, after: first.nextCursor });
    expect([second.items.map((e) => e.seq), second.nextCursor]).toEqual([[2, 1], null]);
    await expect(s.audit.list({ acter: 'x' })).rejects.toThrow(/acter: is not a known field/);
  });

  it('refuses an entry that would put a protected identity in clear text, writing nothing', async () => {
    await expect(s.audit.record({ actor: 'u', action: 'update', details: { name: 'Зарина Секретова' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await s.audit.list({})).items).toEqual([]);
  });
});
