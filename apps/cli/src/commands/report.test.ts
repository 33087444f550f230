import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, secretsIn, seedRedactionFixture } from '@vigil/core';
import { connect, createRepositories } from '@vigil/db';
import { engines, freshConfig, type Engine } from '@vigil/db/testing';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Io } from '../io.js';
import { main } from '../main.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

/** The CLI against one fresh database, in-process: --data for SQLite, DATABASE_URL for PostgreSQL. */
async function cli(engine: Engine) {
  const { config, drop } = await freshConfig(engine);
  const run = async (...argv: string[]): Promise<Run> => {
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
  const seed = async () => {
    const repos = createRepositories(await connect(config));
    try {
      await repos.schema.migrate();
      return await seedRedactionFixture(createServices(repos));
    } finally {
      await repos.close();
    }
  };
  return { run, seed, drop, dir: config.dataDir };
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
const docxText = (file: string) => Object.values(unzipSync(new Uint8Array(fs.readFileSync(file)))).map((p) => strFromU8(p)).join('\n');

describe.each(engines())('vigil report and vigil data on %s', (engine) => {
  let t: Awaited<ReturnType<typeof cli>>;
  let out: string;
  beforeAll(async () => {
    t = await cli(engine);
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-report-'));
  });
  afterAll(async () => {
    fs.rmSync(out, { recursive: true, force: true });
    await t.drop();
  });

  it('leaks no withheld identity in any report or export format', async () => {
    const { eventId } = await t.seed();
    const texts: string[] = [];
    for (const as of ['html', 'json']) {
      const r = await t.run('report', 'render', '--event', eventId, '--as', as);
      expect(r.code, r.err).toBe(0);
      texts.push(r.out);
    }
    for (const as of ['pdf', 'docx']) {
      const file = path.join(out, `seed.${as}`);
      expect((await t.run('report', 'render', '--event', eventId, '--as', as, '--out', file)).code).toBe(0);
      texts.push(fs.readFileSync(file).toString('utf8'), as === 'pdf' ? pdfText(file) : docxText(file));
    }
    for (const [dataset, formats] of [['detentions', ['csv', 'json', 'geojson']], ['events', ['csv', 'json', 'geojson', 'acled']]] as const) {
      for (const as of formats) {
        const r = await t.run('data', 'export', dataset, '--as', as);
        expect(r.code, r.err).toBe(0);
        texts.push(r.out);
      }
    }
    for (const by of ['reconciliation', 'city', 'role']) texts.push((await t.run('--format', 'json', 'data', 'stats', '--by', by)).out);
    expect(texts.join('\n')).toContain('Journalist A');
    expect(texts.flatMap(secretsIn)).toEqual([]);
  });

  it('refuses a bad scope with exit code 2 and a message naming the field', async () => {
    const r = await t.run('report', 'render', '--from', '2022-01-06', '--to', '2022-01-05');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/to: must not be before from/);
    const pdf = await t.run('report', 'render', '--as', 'pdf');
    expect(pdf.code).toBe(2);
    expect(pdf.err).toMatch(/out: is required for pdf and docx/);
    expect((await t.run('data', 'export', 'people')).err).toMatch(/dataset: must be one of detentions, events/);
  });

  it('streams an export to a file with progress, then publishes, lists and withdraws a report', async () => {
    const file = path.join(out, 'detentions.csv');
    const r = await t.run('data', 'export', 'detentions', '--as', 'csv', '--out', file);
    expect(r.err).toMatch(/exported 6 of 6/);
    expect(fs.readFileSync(file, 'utf8').trimEnd().split('\r\n')).toHaveLength(6);
    const published = await t.run('--format', 'json', 'report', 'publish', '--from', '2022-01-05', '--title', 'Republic Square');
    expect(published.code, published.err).toBe(0);
    const { id } = JSON.parse(published.out) as { id: string };
    expect((await t.run('--format', 'csv', 'report', 'list')).out).toContain(`${id},Republic Square`);
    expect((await t.run('report', 'show', id, '--as', 'html')).out).toContain('<h1>Republic Square</h1>');
    expect((await t.run('report', 'withdraw', id)).code).toBe(0);
    expect((await t.run('report', 'show', id)).code).toBe(3);
  });
});

describe('the demo report as PDF', () => {
  it('renders the 21 May 2016 report with the per-city lists (pages checked as images by pdftoppm in development)', async () => {
    const t = await cli('sqlite');
    try {
      expect((await t.run('demo', 'load')).code).toBe(0);
      const file = path.join(t.dir, 'report.pdf');
      const r = await t.run('report', 'render', '--from', '2016-05-21', '--to', '2016-05-21', '--title', 'Mass detentions, 21 May 2016', '--as', 'pdf', '--out', file);
      expect(r.code, r.err).toBe(0);
      const text = pdfText(file);
      for (const line of ['Journalist: 19', 'Journalist: 10', 'Journalist: 7', 'Journalist: 5', 'Journalist: 4', 'Human rights defender: 5', 'at least 54']) expect(text).toContain(line);
      const stats = await t.run('--format', 'csv', 'data', 'stats', '--from', '2016-05-21', '--to', '2016-05-21', '--by', 'city');
      expect(stats.out).toBe('key,detentions,people\nAlmaty,22,22\nAstana,11,11\nUralsk,8,8\nAtyrau,5,5\nKaraganda,4,4\n');
    } finally {
      await t.drop();
    }
  });
});
