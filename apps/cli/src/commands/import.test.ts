import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '@vigil/core';
import { connect, createRepositories, type DatabaseConfig } from '@vigil/db';
import { engines, freshConfig, type Engine } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Io } from '../io.js';
import { main } from '../main.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const OVD = path.resolve(ROOT, '../shared/data/ovdinfo-2013-detention-events.csv');
const HAVE_SHARED = fs.existsSync(OVD);
if (!HAVE_SHARED) console.warn(`[vigil] ../shared is absent (${OVD}): the CLI OVD-Info import test is SKIPPED`);
const OVD_MAPPING = path.join(ROOT, 'docs/mappings/ovdinfo-2013.json');

interface Run {
  code: number;
  out: string;
  err: string;
}

describe.each(engines())('vigil import and vigil merges on %s', (engine: Engine) => {
  let drop: () => Promise<void>;
  let run: (...argv: string[]) => Promise<Run>;
  let config: DatabaseConfig;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-import-'));
  const file = (name: string, content: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  beforeAll(async () => {
    const fresh = await freshConfig(engine);
    drop = fresh.drop;
    config = fresh.config;
    run = async (...argv) => {
      let out = '';
      let err = '';
      const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), readInput: (f) => fs.promises.readFile(f, 'utf8') };
      const before = process.env.DATABASE_URL;
      if (fresh.config.engine === 'postgres') process.env.DATABASE_URL = fresh.config.url;
      else delete process.env.DATABASE_URL;
      try {
        return { code: await main(['--data', fresh.config.dataDir, ...argv], io), out, err };
      } finally {
        if (before === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = before;
      }
    };
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!HAVE_SHARED)('imports the OVD-Info list with its mapping; a dry run and a second import add nothing', async () => {
    const first = await run('--format', 'json', 'import', OVD, '--mapping', OVD_MAPPING);
    expect(first.code, first.err).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ status: 'done', rows: { total: 235, imported: 235, failed: 0 }, created: { event: 235 } });
    expect(first.err).toMatch(/^Imported 235 of 235 rows \(0 already imported, 0 with problems\); created: \d+ sources, 235 events\./);
    const dry = await run('import', OVD, '--mapping', OVD_MAPPING, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.err).toMatch(/^Dry run: would import 0 of 235 rows \(235 already imported/);
    expect((await run('import', OVD, '--mapping', OVD_MAPPING)).err).toMatch(/^Imported 0 of 235 rows \(235 already imported/);
  });

  it('reports rows it could not import (exit 2) with a CSV report, and refuses a file it cannot read', async () => {
    const mapping = file('people.json', JSON.stringify({
      target: 'detention', dataset: 'cli-people',
      fields: { 'detention.apprehendedAt': { column: 'date' }, 'detention.city': { column: 'city' } },
      names: [{ value: { column: 'name' } }],
    }));
    const list = file('people.csv', 'name,date,city\r\nЖанна Байтелова,21.05.2016,Almaty\r\nZhanna Baytelova,21.05.2016,Almaty\r\nYerlan,=1+1,Almaty\r\n');
    const report = path.join(dir, 'problems.csv');
    const result = await run('import', list, '--mapping', mapping, '--problems', report, '--save-mapping', 'people list');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/Saved the mapping as "people list"/);
    expect(result.err).toMatch(/Imported 2 of 3 rows \(0 already imported, 1 with problems\).*Candidate pairs for review: 1 \(vigil merges list\)/);
    expect(result.err).toMatch(/row 4, date: "=1\+1" is not a date/);
    expect(result.err).toMatch(/1 row\(s\) were not imported/);
    expect(fs.readFileSync(report, 'utf8')).toMatch(/^row,column,problem\r\n4,date,"""=1\+1"" is not a date/);

    const refused = await run('import', file('empty.csv', ''), '--mapping', 'people list');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/the file is empty/);
    expect((await run('import', path.join(dir, 'absent.csv'), '--mapping', mapping)).err).toMatch(/file: there is no file .*absent\.csv/);
    expect((await run('import', list)).err).toMatch(/--mapping: is required/);
  });

  it('lists runs, and shows a run left running by a stopped process as interrupted', async () => {
    // A run begun by a process that stopped two minutes ago (its heartbeat is that old).
    const repos = createRepositories(await connect(config));
    let id: string;
    try {
      const gone = createServices(repos, { now: () => new Date(Date.now() - 120_000).toISOString() });
      const list = file('stopped.csv', 'name,date,city\r\nАйдос,21.05.2016,Almaty\r\n');
      id = (await gone.imports.begin(gone.imports.localFile(list), gone.imports.parseMapping({ target: 'person', names: [{ value: { column: 'name' } }] }), { id: 'gone', name: 'gone' })).id;
    } finally {
      await repos.close();
    }
    const listed = await run('imports', 'list');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(new RegExp(`${id}\\s+interrupted\\s+person\\s+stopped\\.csv`));
    expect(listed.out).toMatch(/\s+done\s+detention\s+people\.csv/);
    const shown = await run('--format', 'json', 'imports', 'show', id);
    expect(JSON.parse(shown.out)).toMatchObject({ id, status: 'interrupted', message: expect.stringMatching(/^Interrupted: .*Import the same file with the same mapping again to finish/) as string });
  });

  it('lists, accepts, unmerges and rejects candidate pairs', async () => {
    const listed = await run('--format', 'json', 'merges', 'list');
    const pairs = JSON.parse(listed.out) as { id: string; personA: { names: string[] }; personB: { names: string[] } }[];
    expect(pairs).toHaveLength(1);
    const id = pairs[0]?.id ?? '';
    expect([...(pairs[0]?.personA.names ?? []), ...(pairs[0]?.personB.names ?? [])].sort()).toEqual(['Zhanna Baytelova', 'Жанна Байтелова']);
    const table = await run('merges', 'list');
    expect(table.out).toMatch(/pending/);
    const accepted = await run('--format', 'json', 'merges', 'accept', id, '--note', 'same lawyer');
    expect(accepted.code, accepted.err).toBe(0);
    expect(JSON.parse(accepted.out)).toMatchObject({ status: 'accepted' });
    expect((await run('merges', 'reject', id)).code).toBe(4);
    expect(JSON.parse((await run('--format', 'json', 'merges', 'unmerge', id)).out)).toMatchObject({ status: 'unmerged' });
    expect(JSON.parse((await run('--format', 'json', 'merges', 'reject', id, '--note', 'namesakes')).out)).toMatchObject({ status: 'rejected', note: 'namesakes' });
    expect((await run('merges', 'scan')).err).toMatch(/Scanned \d+ persons: 0 new candidate pairs/);
    expect((await run('merges', 'show', id)).out).toMatch(/"action": "rejected"/);
  });
});
