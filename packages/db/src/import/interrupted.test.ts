// An import whose process dies mid-run: the run is marked "interrupted" (not "running" forever),
// the rows committed before stay, and importing the same file again adds only the rest.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ImportActor, STALE_RUN_MS, type Services } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDatabase, type TestDatabase } from '../testing/index.js';

const ROWS = 1000;
const actor: ImportActor = { id: 'test', name: 'interrupt-test' };
const MAPPING = {
  target: 'event', dataset: 'interrupt-test', idColumns: ['id'],
  fields: { 'event.title': { column: 'title' }, 'event.type': { value: 'peaceful_protest' }, 'event.startAt': { column: 'date' } },
};

/** Services whose clock runs `ms` ahead: another process, later (no need to wait a minute for a heartbeat to go stale). */
const later = (db: TestDatabase, ms: number): Services => db.services({ now: () => new Date(Date.now() + ms).toISOString() });

/** Starts the child import and resolves with the rows it committed once it has frozen; then kills it. */
async function importAndKill(db: TestDatabase, file: string): Promise<number> {
  const script = path.join(import.meta.dirname, 'interrupt-import.script.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(db.config), file, JSON.stringify(MAPPING)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const committed = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { committed: number }).committed);
    });
    child.once('exit', () => reject(new Error(`the import process exited before it froze:\n${out}\n${err}`)));
  });
  child.kill('SIGKILL');
  await exited;
  return committed;
}

describe.each(engines())('an import interrupted by a process exit on %s', (engine) => {
  let db: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-interrupt-'));
  const file = path.join(dir, 'events.csv');

  beforeAll(async () => {
    db = await openTestDatabase(engine);
    const lines = Array.from({ length: ROWS }, (_, i) => `${i},${String((i % 28) + 1).padStart(2, '0')}.03.2022,Assembly ${i}`);
    fs.writeFileSync(file, `id,date,title\r\n${lines.join('\r\n')}\r\n`);
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('marks the run interrupted once its heartbeat is stale, keeps the committed rows, and a re-import adds only the rest', async () => {
    const s = db.services();
    const committed = await importAndKill(db, file);
    expect(committed).toBe(200);
    const [left] = (await db.repos.imports.listRuns(1)).items;
    expect(left).toMatchObject({ status: 'running', rows: { total: ROWS, done: 200, imported: 200 } });
    expect(await db.repos.records.count('event')).toBe(200);

    // Moments after the crash the heartbeat is still fresh: a live run is never taken for a dead one.
    expect(await s.imports.recoverInterrupted()).toBe(0);
    expect((await s.imports.getRun(left?.id ?? '')).status).toBe('running');

    // A minute on, a new process (the restarted server) marks it.
    const restarted = later(db, STALE_RUN_MS + 5000);
    expect(await restarted.imports.recoverInterrupted()).toBe(1);
    const run = await s.imports.getRun(left?.id ?? '');
    expect(run.status).toBe('interrupted');
    expect(run.finishedAt).not.toBeNull();
    expect(run.message).toMatch(/^Interrupted: the process running this import stopped \(a restart or a crash\) after 200 of 1000 rows\. Rows imported until then are kept \(at least 200 by the last count\)\./);
    expect(run.message).toMatch(/recognised by their source keys and skipped, so nothing is duplicated/);
    expect(await restarted.imports.recoverInterrupted()).toBe(0);
    expect(await db.repos.records.count('event')).toBe(200);

    // Importing the same file again finishes the job without duplicates.
    const again = await s.imports.run(s.imports.localFile(file), s.imports.parseMapping(MAPPING), actor);
    expect(again).toMatchObject({ status: 'done', rows: { total: ROWS, imported: ROWS - 200, skipped: 200, failed: 0 } });
    expect(await db.repos.records.count('event')).toBe(ROWS);
  }, 120_000);

  it('marks a run left queued when it is read after its heartbeat went stale, and leaves finished runs alone', async () => {
    const s = db.services();
    const queued = await s.imports.begin(s.imports.localFile(file), s.imports.parseMapping(MAPPING), actor, { dryRun: true });
    expect((await s.imports.getRun(queued.id)).status).toBe('queued');
    const restarted = later(db, STALE_RUN_MS + 5000);
    const read = await restarted.imports.getRun(queued.id);
    expect(read).toMatchObject({ status: 'interrupted', message: 'Interrupted: the process running this dry run stopped (a restart or a crash) before it had read the file. A dry run writes nothing; run it again.' });
    const listed = await restarted.imports.listRuns(10);
    expect(listed.items.map((r) => r.status)).not.toContain('running');
    expect(listed.items.filter((r) => r.status === 'done')).toHaveLength(1);
  });
});
