import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { engines, freshConfig, type Engine } from '@vigil/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Io } from './io.js';
import { main } from './main.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

/** A database on one engine, addressed the way a user would: --data for SQLite, DATABASE_URL for PostgreSQL. */
async function target(engine: Engine) {
  const { config, drop } = await freshConfig(engine);
  const run = async (...argv: string[]): Promise<Run> => {
    let out = '';
    let err = '';
    const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), readInput: (f) => fs.promises.readFile(f, 'utf8') };
    const before = process.env.DATABASE_URL;
    if (config.engine === 'postgres') process.env.DATABASE_URL = config.url;
    else delete process.env.DATABASE_URL;
    try {
      const code = await main(['--data', config.dataDir, ...argv], io);
      return { code, out, err };
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
  };
  return { run, drop };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});
async function open(engine: Engine) {
  const t = await target(engine);
  cleanups.push(t.drop);
  return t.run;
}

const pairs = engines().flatMap((from) => engines().map((to) => [from, to] as const));

describe.each(pairs)('export json from %s, import into %s', (from, to) => {
  it('round-trips the demo byte for byte', async () => {
    const source = await open(from);
    expect((await source('demo', 'load')).code).toBe(0);
    const first = await source('export', 'json');
    expect(first.code).toBe(0);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-rt-')), 'export.json');
    fs.writeFileSync(file, first.out);
    cleanups.push(async () => fs.rmSync(path.dirname(file), { recursive: true, force: true }));

    const dest = await open(to);
    const imported = await dest('import', 'json', file);
    expect(imported.err).toMatch(/Imported .*76 persons/);
    expect(imported.code).toBe(0);
    const second = await dest('export', 'json');
    expect(second.out).toBe(first.out);
    const parsed = JSON.parse(first.out) as { tables: Record<string, unknown[]> };
    expect(parsed.tables.detentions).toHaveLength(76);
  });
});

describe.each(engines())('vigil on %s', (engine) => {
  it('adds, lists and shows records, with the custody state derived', async () => {
    const run = await open(engine);
    const person = await run('--format', 'json', 'person', 'add', '--name', 'Жанара Балгабаева', '--name', 'Zhanara Balgabayeva', '--role', 'lawyer');
    expect(person.code).toBe(0);
    const id = (JSON.parse(person.out) as { id: string }).id;
    const det = await run('--format', 'json', 'detention', 'add', '--person', id, '--at', '2022-01-10T10:00:00+06:00', '--basis', 'criminal', '--city', 'Almaty');
    expect(det.code).toBe(0);
    expect(JSON.parse(det.out)).toMatchObject({ custodyState: 'held', apprehendedAt: '2022-01-10T04:00:00.000Z' });
    const found = await run('--format', 'csv', 'person', 'list', '--q', 'Balgabaeva');
    expect(found.out.split('\n')[1]).toContain(id);
    const listed = await run('detention', 'list', '--city', 'Almaty');
    expect(listed.out).toContain('held');
    expect((await run('person', 'show', id)).out).toContain('Zhanara Balgabayeva');
  });

  it.each([
    ['an event without a title', ['event', 'add', '--type', 'peaceful_protest', '--start', '2022-01-05T10:00:00+06:00'], /title: is required/],
    ['an unknown vocabulary term', ['event', 'add', '--title', 'x', '--type', 'riot_party', '--start', '2022-01-05T10:00:00+06:00'], /type: unknown term "riot_party"/],
    ['an end before its start', ['event', 'add', '--title', 'x', '--type', 'peaceful_protest', '--start', '2022-01-05T10:00:00+06:00', '--end', '2022-01-04T10:00:00+06:00'], /endAt: must not be before/],
    ['a detention of an unknown person', ['detention', 'add', '--person', '01900000-0000-7000-8000-000000000000', '--at', '2022-01-05T10:00:00+06:00'], /personId: no person with id/],
    ['a release before the arrest', ['detention', 'add', '--json', '{"personId":"01900000-0000-7000-8000-000000000000","apprehendedAt":"2022-01-05T10:00:00+06:00","steps":[{"type":"released","at":"2022-01-05T09:00:00+06:00"}]}'], /steps\.0\.at: a release cannot be before the apprehension/],
    ['malformed JSON', ['person', 'add', '--json', '{"names": ['], /--json is not valid JSON/],
    ['an unknown output format', ['--format', 'xml', 'event', 'list'], /Allowed choices are json, table, csv/],
  ])('refuses %s with exit code 2, a message on stderr, and no write', async (_what, argv, message) => {
    const run = await open(engine);
    const before = await run('--format', 'json', 'export', 'json');
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect((await run('--format', 'json', 'export', 'json')).out).toBe(before.out);
  });

  it('creates accounts with a generated password shown once, and refuses duplicates and unknown roles', async () => {
    const run = await open(engine);
    const created = await run('--format', 'json', 'users', 'create', '--username', 'first-admin', '--role', 'admin');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({ username: 'first-admin', role: 'admin' });
    const password = /Password for first-admin \(shown once.*\): (\S{20,})/.exec(created.err)?.[1] ?? '';
    expect(password).not.toBe('');
    expect(created.out).not.toContain(password);
    expect((await run('users', 'create', '--username', 'first-admin', '--role', 'admin')).code).toBe(4);
    const badRole = await run('users', 'create', '--username', 'someone', '--role', 'superuser');
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/role: /);
    expect((await run('--format', 'csv', 'users', 'list')).out.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('refuses to import into a database that holds records (exit 4) and to load the demo twice', async () => {
    const run = await open(engine);
    await run('demo', 'load');
    const again = await run('demo', 'load');
    expect(again.code).toBe(4);
    expect(again.err).toMatch(/empty database only/);
  });
});

describe('the vigil binary', () => {
  it('runs as a real process and reports the schema state', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bin-'));
    cleanups.push(async () => fs.rmSync(data, { recursive: true, force: true }));
    const bin = path.resolve(import.meta.dirname, '../bin/vigil.js');
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const exec = promisify(execFile);
    expect((await exec(process.execPath, [bin, '--data', data, '--format', 'csv', 'db', 'status'], { env })).stdout).toMatch(/20261122T0900-initial,pending/);
    expect((await exec(process.execPath, [bin, '--data', data, 'db', 'migrate'], { env })).stdout).toMatch(/Applied: 20261122T0900-initial/);
    expect((await exec(process.execPath, [bin, '--data', data, '--format', 'csv', 'db', 'status'], { env })).stdout).toMatch(/20261122T0900-initial,applied/);
    const failed = await exec(process.execPath, [bin, '--data', data, 'event', 'show', 'not-an-id'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/id: must be a UUID/);
  });
});
