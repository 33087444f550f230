import fs from 'node:fs';
import { createServices } from '@vigil/core';
import { connect, createRepositories, type Connection } from '@vigil/db';
import { engines, freshConfig, type Engine } from '@vigil/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Io } from '../io.js';
import { main } from '../main.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** The CLI against a fresh database holding five audit entries, plus a raw connection to tamper with it. */
async function seeded(engine: Engine) {
  const { config, drop } = await freshConfig(engine);
  cleanups.push(drop);
  const repos = createRepositories(await connect(config));
  await repos.schema.migrate();
  const services = createServices(repos);
  for (let i = 1; i <= 4; i++) await services.audit.record({ actor: `user-${i}`, address: '10.1.1.1', action: 'update', entity: 'person', recordId: `p-${i}`, details: { fields: ['pseudonym'] } });
  await services.audit.record({ actor: 'user-9', address: '203.0.113.5', action: 'login-failed', details: { reason: 'bad password' } });
  await repos.close();
  const raw: Connection = await connect(config);
  // Kysely ends a pool only once it was used: touch it so close() releases its client.
  await raw.db.selectFrom('audit_head').select('id').execute();
  cleanups.push(() => raw.close());
  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), readInput: (f) => fs.promises.readFile(f, 'utf8') };
    const before = process.env.DATABASE_URL;
    if (config.engine === 'postgres') process.env.DATABASE_URL = config.url;
    else delete process.env.DATABASE_URL;
    try {
      return { code: await main(['--data', config.dataDir, ...argv], io), out, err };
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
  };
  return { run, db: raw.db };
}

describe.each(engines())('vigil audit on %s', (engine) => {
  it('verifies a clean chain and prints its head as an anchor', async () => {
    const { run } = await seeded(engine);
    const ok = await run('audit', 'verify');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/Audit trail intact: 5 entries, head 5:[0-9a-f]{64}/);
    const anchor = /head (5:[0-9a-f]{64})/.exec(ok.out)?.[1] ?? '';
    expect((await run('audit', 'verify', '--anchor', anchor)).code).toBe(0);
    const json = await run('--format', 'json', 'audit', 'verify');
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, entries: 5, firstProblem: null });
  });

  it('lists entries in every format, filtered and paged', async () => {
    const { run } = await seeded(engine);
    const all = await run('--format', 'json', 'audit', 'list');
    expect((JSON.parse(all.out) as { seq: number }[]).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const failed = await run('--format', 'csv', 'audit', 'list', '--action', 'login-failed');
    expect(failed.out.split('\n')[0]).toBe('seq,at,actor,actorName,address,action,entity,recordId,details');
    expect(failed.out).toContain('203.0.113.5,login-failed');
    const table = await run('audit', 'list', '--desc', '--limit', '2');
    expect(table.out).toMatch(/^seq +at/);
    expect(table.out).toMatch(/\n5 +.*login-failed/);
    expect(table.err).toContain('--after 4');
    const bad = await run('audit', 'list', '--limit', 'many');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('limit');
  });

  it('fails naming an entry whose details were edited in the database', async () => {
    const { run, db } = await seeded(engine);
    await db.updateTable('audit_log').set({ details: '{"fields":["names"]}' }).where('seq', '=', 3).execute();
    const result = await run('audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.out).toContain('#3 altered');
    expect(result.err).toMatch(/does not verify: entry #3 was altered/);
  });

  it('fails naming a deleted entry', async () => {
    const { run, db } = await seeded(engine);
    await db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    const result = await run('audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/entry #2 is missing: it was deleted/);
  });

  it('fails naming entries whose sequence numbers were swapped', async () => {
    const { run, db } = await seeded(engine);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', 3).execute();
      await trx.updateTable('audit_log').set({ seq: 3 }).where('seq', '=', 4).execute();
      await trx.updateTable('audit_log').set({ seq: 4 }).where('seq', '=', -1).execute();
    });
    const result = await run('--format', 'json', 'audit', 'verify');
    expect(result.code).toBe(1);
    expect((JSON.parse(result.out) as { firstProblem: unknown }).firstProblem).toMatchObject({ seq: 3, kind: 'reordered' });
    expect(result.err).toMatch(/entry #3 is not the entry written at #3/);
  });
});
