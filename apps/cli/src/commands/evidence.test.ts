import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engines, freshConfig, type Engine } from '@vigil/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Io } from '../io.js';
import { main } from '../main.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** A tiny valid PNG header followed by distinct bytes: content sniffing sees a PNG. */
const png = (n: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`frame ${n} `.repeat(50))]);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** The CLI against a fresh database on one engine (DATABASE_URL for PostgreSQL), run in-process. */
async function open(engine: Engine) {
  const { config, drop } = await freshConfig(engine);
  cleanups.push(drop);
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
  return { run, dataDir: config.dataDir };
}

function workDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-ev-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe.each(engines())('vigil evidence on %s', (engine) => {
  it('adds a directory, stores a repeated file once with two provenance records, shows and exports an item', async () => {
    const { run } = await open(engine);
    const dir = workDir();
    fs.mkdirSync(path.join(dir, 'day2'));
    fs.writeFileSync(path.join(dir, 'a.png'), png(1));
    fs.writeFileSync(path.join(dir, 'day2', 'b.png'), png(2));
    fs.writeFileSync(path.join(dir, 'day2', 'a-again.png'), png(1));
    fs.writeFileSync(path.join(dir, '.DS_Store'), 'x');

    const added = await run('--format', 'json', 'evidence', 'add', dir, '--platform', 'telegram', '--account', '@witness', '--posted-at', '2022-01-05T16:00:00+06:00', '--sensitivity', 'graphic_violence');
    expect(added.code, added.err).toBe(0);
    const rows = JSON.parse(added.out) as { file: string; id: string; sha256: string; duplicate: boolean }[];
    expect(rows.map((r) => [path.relative(dir, r.file), r.duplicate])).toEqual([['a.png', false], ['day2/a-again.png', true], ['day2/b.png', false]]);
    expect(rows[0]?.sha256).toBe(sha(png(1)));
    expect(rows[1]?.id).toBe(rows[0]?.id);

    const shown = await run('evidence', 'show', rows[0]!.id);
    const item = JSON.parse(shown.out) as { provenance: { filename: string; platform: string }[]; custody: { action: string; origin: string }[]; sensitivity: string[] };
    expect(item.provenance.map((p) => [p.filename, p.platform])).toEqual([['a.png', 'telegram'], ['a-again.png', 'telegram']]);
    expect(item.custody.map((c) => c.action)).toEqual(['ingest', 'ingest', 'view']);
    expect(item.custody[2]?.origin).toBe(`cli@${os.hostname()}`);
    expect(item.sensitivity).toEqual(['graphic_violence']);

    const out = workDir();
    const exported = await run('evidence', 'export', rows[2]!.id, '--out', out, '--note', 'for the prosecutor');
    expect(exported.code, exported.err).toBe(0);
    expect(fs.readFileSync(path.join(out, 'b.png'))).toEqual(png(2));
    const again = JSON.parse((await run('evidence', 'show', rows[2]!.id)).out) as { custody: { action: string; note: string | null }[] };
    expect(again.custody.find((c) => c.action === 'export')?.note).toBe('for the prosecutor');

    const listed = await run('--format', 'csv', 'evidence', 'list');
    expect(listed.out.trim().split('\n')).toHaveLength(3);
  });

  it('refuses a zero-byte file and a file whose content contradicts its extension, exit 2, adding the rest', async () => {
    const { run } = await open(engine);
    const dir = workDir();
    fs.writeFileSync(path.join(dir, 'empty.mp4'), '');
    fs.writeFileSync(path.join(dir, 'fake.jpg'), '%PDF-1.4 a document');
    fs.writeFileSync(path.join(dir, 'good.png'), png(3));
    const res = await run('--format', 'csv', 'evidence', 'add', dir);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/empty\.mp4: not added — file: is empty/);
    expect(res.err).toMatch(/fake\.jpg: not added — mediaType: declared image\/jpeg but the content is application\/pdf/);
    expect(res.out).toContain('good.png');
    const single = await run('evidence', 'add', path.join(dir, 'empty.mp4'));
    expect(single.code).toBe(2);
    expect(single.err).toMatch(/file: is empty/);
  });

  it('verify exits 0 when every file is intact and non-zero naming the item when one byte is flipped on disk', async () => {
    const { run, dataDir } = await open(engine);
    const dir = workDir();
    fs.writeFileSync(path.join(dir, 'one.png'), png(4));
    fs.writeFileSync(path.join(dir, 'two.png'), png(5));
    const rows = JSON.parse((await run('--format', 'json', 'evidence', 'add', dir)).out) as { id: string; sha256: string }[];
    const ok = await run('evidence', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.err).toMatch(/Checked 2 stored files: 2 intact, 0 with problems/);

    const h = rows[1]!.sha256;
    const file = path.join(dataDir, 'evidence', h.slice(0, 2), h.slice(2, 4), h);
    fs.chmodSync(file, 0o644);
    const bytes = fs.readFileSync(file);
    bytes[20] = (bytes[20] ?? 0) ^ 0x01;
    fs.writeFileSync(file, bytes);

    const bad = await run('evidence', 'verify');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(new RegExp(`MISMATCH ${rows[1]!.id} expected ${h} found ${sha(bytes)}`));
    expect(bad.out).toContain(rows[1]!.id);
    expect(bad.out).not.toContain(rows[0]!.id);
  });
});

describe.each(engines())('vigil evidence incidents and chronology on %s', (engine) => {
  it('groups an event\'s items into an incident and prints the event\'s chronology', async () => {
    const { run } = await open(engine);
    const event = JSON.parse((await run('--format', 'json', 'event', 'add', '--title', 'Residence', '--type', 'excessive_force', '--start', '2022-01-05T15:00:00+06:00', '--city', 'Almaty')).out) as { id: string };
    const dir = workDir();
    fs.writeFileSync(path.join(dir, 'gate.png'), png(6));
    const [row] = JSON.parse((await run('--format', 'json', 'evidence', 'add', path.join(dir, 'gate.png'), '--event', event.id, '--posted-at', '2022-01-05T17:40:00+06:00')).out) as { id: string }[];
    const made = await run('--format', 'csv', 'evidence', 'incident', 'add', '--event', event.id, '--title', 'The residence', '--from', '2022-01-05T15:00:00+06:00', '--to', '2022-01-05T17:31:00+06:00', '--item', row!.id, '--killed', '10', '--injured', '19');
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain('"The residence, 15:00–17:31, 1 photo",10,19');
    const chrono = await run('--format', 'csv', 'evidence', 'chronology', event.id);
    expect(chrono.code, chrono.err).toBe(0);
    expect(chrono.out).toMatch(/^from,to,precision,kind,label,verified,basis,id\n,2022-01-05T11:40:00.000Z,before,evidence,gate.png,,/);
  });
});

describe('vigil evidence sun', () => {
  it('prints sunset at Republic Square on 5 January 2022 at 17:31 Almaty time', async () => {
    let out = '';
    const code = await main(['--format', 'csv', 'evidence', 'sun', '--lat', '43.2383', '--lon', '76.9454', '--date', '2022-01-05'], { out: (t) => void (out += t), err: () => undefined, readInput: async () => '' });
    expect(code).toBe(0);
    expect(out).toMatch(/sunset,2022-01-05T17:3[01]:\d\d\+06:00/);
  });
});
