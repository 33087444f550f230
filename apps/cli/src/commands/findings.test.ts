import fs from 'node:fs';
import { createServices } from '@vigil/core';
import { connect, createRepositories } from '@vigil/db';
import { buildDetention, buildPerson, engines, freshConfig, type Engine } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Io } from '../io.js';
import { main } from '../main.js';

const at = (wall: string) => `2022-03-08T${wall}:00+06:00`;

/** The CLI in-process against a fresh database holding the kettled-picket scenario. */
async function cli(engine: Engine) {
  const { config, drop } = await freshConfig(engine);
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
  const seed = async () => {
    const repos = createRepositories(await connect(config));
    try {
      await repos.schema.migrate();
      const s = createServices(repos);
      const eventId = (await s.records.create('event', { title: 'Notified picket', type: 'peaceful_protest', startAt: at('10:00'), endAt: at('16:00'), notificationStatus: 'notified', city: 'Almaty' }, 'seed')).id;
      const group = (await s.records.create('person', buildPerson({ countingUnit: 'group', groupSize: 150, roles: [{ role: 'protester', eventId }] }), 'seed')).id;
      const person = (await s.records.create('person', buildPerson({ roles: [{ role: 'protester', eventId }] }), 'seed')).id;
      await s.records.create('act', { type: 'containment', eventId, victimPersonId: group, startAt: at('11:00'), endAt: at('15:30'), conditions: ['no_exit', 'no_water', 'no_toilet', 'cold'] }, 'seed');
      await s.records.create('detention', buildDetention(person, {
        eventId, apprehendedAt: at('11:00'), legalBasis: 'administrative', legalArticle: 'KoAP art. 488',
        steps: [{ type: 'family_notified', at: at('11:30') }, { type: 'taken_to', at: at('15:45') }, { type: 'protocol', at: at('15:50') }, { type: 'released', at: at('17:00') }],
      }), 'seed');
      return eventId;
    } finally {
      await repos.close();
    }
  };
  return { run, seed, drop };
}

interface Listed {
  items: { id: string; status: string; rule: { id: string }; standardIds: string[] }[];
  nextCursor: string | null;
}

describe.each(engines())('vigil findings on %s', (engine) => {
  let t: Awaited<ReturnType<typeof cli>>;
  let eventId: string;
  beforeAll(async () => {
    t = await cli(engine);
    eventId = await t.seed();
  });
  afterAll(() => t.drop());

  const listed = async (...args: string[]): Promise<Listed> => {
    const r = await t.run('--format', 'json', 'findings', 'list', '--event', eventId, ...args);
    expect(r.code, r.err).toBe(0);
    return JSON.parse(r.out) as Listed;
  };

  it('lists the scenario\'s findings as suggestions (json and table)', async () => {
    const { items } = await listed();
    expect(new Set(items.flatMap((f) => f.standardIds))).toEqual(new Set(['GC37-84', 'ODIHR-G3', 'OSCE-HB', 'ICCPR-7', 'KZ-KoAP-788-789', 'KZ-CPC-131']));
    expect(items.every((f) => f.status === 'suggested')).toBe(true);
    const table = await t.run('findings', 'list', '--queue', '--event', eventId);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/custody-protocol-overdue/);
    const page = await t.run('findings', 'list', '--event', eventId, '--limit', '2');
    expect(page.err).toMatch(/more: --cursor /);
  });

  it('shows one finding with citation, how firm, thresholds and origin, facts and history', async () => {
    const [f] = (await listed('--rule', 'containment-non-violent')).items;
    const r = await t.run('findings', 'show', f?.id ?? '');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/GC37-84 .*\[R\] from secondary sources/);
    expect(r.out).toMatch(/CONV: monitors' convention, a setting, not law/);
    expect(r.out).toMatch(/act .* conditions = \["no_exit"/);
    expect(r.out).toMatch(/suggested +- → suggested/);
  });

  it('reviews: confirm with a note; refuses an unknown decision or a rejection without a note (exit 2)', async () => {
    const [f] = (await listed('--rule', 'custody-protocol-overdue')).items;
    const id = f?.id ?? '';
    expect((await t.run('findings', 'review', id, 'approve')).code).toBe(2);
    const noNote = await t.run('findings', 'review', id, 'reject');
    expect(noNote.code).toBe(2);
    expect(noNote.err).toMatch(/note: is required to reject/);
    const ok = await t.run('--format', 'json', 'findings', 'review', id, 'confirm', '--note', 'Case file checked');
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ status: 'confirmed', reviewer: expect.stringMatching(/^cli:/) as unknown, reviewNote: 'Case file checked' });
    expect((await t.run('findings', 'show', '01900000-0000-7000-8000-000000000000')).code).toBe(3);
  });

  it('recomputes an event and lists the catalogue', async () => {
    const r = await t.run('--format', 'json', 'findings', 'recompute', '--event', eventId);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ groups: 1, created: 0 });
    const csv = await t.run('--format', 'csv', 'findings', 'standards');
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')[0]).toBe('id,citation,verification,jurisdiction,thresholds');
    expect(csv.out).toMatch(/KZ-KoAP-788-789,.*admin_max 3 hours LAW/);
  });
});
