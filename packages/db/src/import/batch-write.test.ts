/**
 * An import batch is validated row by row, then written together (multi-row inserts), and its
 * persons are matched together (one transaction for the pairs): what each record keeps must be
 * what a record written alone keeps — history, one audit entry, in row order — and every pair
 * found must be stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ImportActor, type MergeViewer, readScope, type Services, type StoredMergeCandidate, type StoredRecord, systemActor } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDatabase, type TestDatabase } from '../testing/index.js';

const actor: ImportActor = { id: 'batch-test', name: 'batch-test' };
const admin: MergeViewer = { scope: readScope(systemActor('test')), role: 'admin' };

async function everyRecord(s: Services, entity: 'person' | 'detention' | 'source'): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await s.records.list(entity, { limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

describe.each(engines())('import batches written and matched together on %s', (engine) => {
  let db: TestDatabase;
  let s: Services;
  let eventId: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-batch-'));
  const file = (name: string, content: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  const mapping = () => ({
    target: 'detention', dataset: `batch-${engine}`, language: 'en',
    fields: {
      'detention.apprehendedAt': { column: 'date' }, 'detention.city': { column: 'city' }, 'detention.eventId': { value: eventId },
      'detention.legalBasis': { column: 'basis' }, 'person.birthYear': { column: 'born' },
    },
    names: [{ value: { column: 'name' } }],
    roles: [{ role: { value: 'protester' } }],
    sources: { urls: { column: 'links' } },
  });
  const run = (p: string, batchSize: number) => s.imports.run(s.imports.localFile(p), s.imports.parseMapping(mapping()), actor, { batchSize });

  beforeAll(async () => {
    db = await openTestDatabase(engine);
    s = db.services();
    eventId = (await s.records.create('event', { title: 'March of 1 May', type: 'peaceful_protest', startAt: '2022-05-01T10:00:00+06:00', city: 'Almaty' }, 'test')).id;
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes each row whole, with one history entry and one audit entry per record in row order; a refused row leaves nothing', async () => {
    const rows = [
      ['Aigerim Nurlanova', '1990', 'Almaty', '01.05.2022', 'administrative', 'http://news.kz/a'],
      ['Daniyar Seitkali', '1985', 'Almaty', '01.05.2022', 'administrative', ''],
      ['Madina Abenova', '1999', 'Almaty', '01.05.2022', 'administrative', 'http://news.kz/b http://news.kz/a'],
      // A valid person with a refused detention: neither is written, the batch's other rows are.
      ['Refused Row', '1970', 'Almaty', '01.05.2022', 'no_such_basis', 'http://news.kz/c'],
      ['Bolat Zhaksylykov', '1978', 'Almaty', '01.05.2022', 'administrative', 'http://news.kz/b'],
      ['Saule Omarova', '2001', 'Almaty', '01.05.2022', 'administrative', 'http://news.kz/d'],
      ['Yerlan Tokayev', '1993', 'Almaty', '01.05.2022', 'administrative', ''],
    ];
    const csv = ['name,born,city,date,basis,links', ...rows.map((r) => r.join(','))].join('\r\n');
    const head = (await s.audit.list({ order: 'desc', limit: 1 })).items[0]?.seq ?? 0;
    const result = await run(file('list.csv', csv), 3);
    expect(result).toMatchObject({ status: 'done', rows: { total: 7, imported: 6, failed: 1 }, created: { person: 6, detention: 6, source: 3 } });
    expect(result.problems).toEqual([expect.objectContaining({ row: 5, column: 'basis' })]);

    const persons = await everyRecord(s, 'person');
    const detentions = await everyRecord(s, 'detention');
    const sources = await everyRecord(s, 'source');
    expect(persons.map((p) => (p.names as { value: string }[])[0]?.value).sort()).toEqual(rows.filter((r) => r[0] !== 'Refused Row').map((r) => r[0]).sort());
    expect(sources.map((x) => x.url).sort()).toEqual(['http://news.kz/a', 'http://news.kz/b', 'http://news.kz/d']);
    const sourceOf = new Map(sources.map((x) => [String(x.url), x.id]));
    // Row order: each row's new sources, then its person, then its detention.
    const expected: [string, string][] = [];
    const seenUrls = new Set<string>();
    for (const [name, born, , , basis, links] of rows) {
      if (basis !== 'administrative') continue;
      const urls = links ? links.split(' ') : [];
      for (const url of urls) {
        if (!seenUrls.has(url)) expected.push(['source', sourceOf.get(url) ?? '?']);
        seenUrls.add(url);
      }
      const person = persons.find((p) => (p.names as { value: string }[])[0]?.value === name);
      expect(person, name).toBeDefined();
      expect(person).toMatchObject({ birthYear: Number(born), sourceIds: urls.map((u) => sourceOf.get(u)), roles: [expect.objectContaining({ role: 'protester' })] });
      const detention = detentions.find((d) => d.personId === person?.id);
      expect(detention).toMatchObject({ eventId, city: 'Almaty', legalBasis: 'administrative', sourceIds: urls.map((u) => sourceOf.get(u)) });
      expected.push(['person', person?.id ?? '?'], ['detention', detention?.id ?? '?']);
    }
    const written = (await s.audit.list({ after: head, limit: 1000 })).items.filter((e) => e.action === 'create');
    expect(written.map((e) => [e.entity, e.recordId])).toEqual(expected);
    expect(written.every((e) => e.actor === actor.id && e.actorName === actor.name)).toBe(true);
    for (const [entity, id] of expected) {
      const record = await s.records.get(entity as 'person', id);
      const history = await s.records.history(entity as 'person', id);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ version: 1, action: 'create', actor: actor.name });
      expect(history[0]?.snapshot).toEqual(record);
    }
    expect((await s.audit.verify()).ok).toBe(true);
    // The refused row's person, staged before its detention was refused, was never written.
    expect(persons.some((p) => JSON.stringify(p.names).includes('Refused'))).toBe(false);
  });

  it('stores every pair a batch finds (one transaction), and a scan afterwards finds none missing', async () => {
    const people = ['Zhanna Baytelova', 'Zhanbolat Mamay', 'Gulnara Bazhkenova', 'Asel Karimova', 'Nurlan Akhmetov'];
    const first = await run(file('first.csv', ['name,born,city,date,basis,links', ...people.map((n) => `${n},,Almaty,01.05.2022,administrative,`)].join('\r\n')), 2);
    expect(first.rows.imported).toBe(5);
    const second = await run(file('second.csv', ['name,born,city,date,basis,links', ...people.map((n) => `${n.split(' ').reverse().join(' ')},,Almaty,01.05.2022,administrative,`)].join('\r\n')), 5);
    expect(second.rows.imported).toBe(5);
    const pairs = (await s.merges.list({ runId: second.id, limit: 100 }, admin)).items;
    expect(second.candidates).toBeGreaterThanOrEqual(people.length);
    expect(pairs).toHaveLength(second.candidates);
    for (const name of people) {
      expect(pairs.some((p) => [...(p.personA.names ?? []), ...(p.personB.names ?? [])].includes(name)), name).toBe(true);
    }
    expect((await s.merges.scan({ all: true })).candidates).toBe(0);
  });

  it('reads persons for matching narrowly: live ones only, by id, names in order and in clear', async () => {
    const a = await s.records.create('person', { names: [{ value: 'Ainur Sadykova', kind: 'full' }, { value: 'Айнур', kind: 'given' }], birthYear: 1988, roles: [{ role: 'journalist', organisationName: 'Vlast' }] }, 'test');
    const b = await s.records.create('person', { names: [{ value: 'Timur Aliyev' }] }, 'test');
    const gone = await s.records.create('person', { names: [{ value: 'Deleted Person' }] }, 'test');
    await s.records.remove('person', gone.id, undefined, 'test');
    const profiles = await db.repos.imports.matchProfiles([b.id, gone.id, a.id, a.id]);
    expect(profiles.map((p) => p.id)).toEqual([a.id, b.id].sort());
    expect(profiles.find((p) => p.id === a.id)).toEqual({
      id: a.id, version: 1, birthYear: 1988,
      names: [{ value: 'Ainur Sadykova', kind: 'full' }, { value: 'Айнур', kind: 'given' }],
      roles: [{ eventId: null, organisationName: 'Vlast' }],
    });
    expect(profiles.find((p) => p.id === b.id)).toMatchObject({ birthYear: null, names: [{ value: 'Timur Aliyev', kind: 'full' }], roles: [] });
    const edited = await s.records.update('person', b.id, { version: 1, birthYear: 1990 }, 'test');
    expect(await db.repos.imports.liveVersions([a.id, b.id, gone.id])).toEqual(new Map([[a.id, 1], [b.id, edited.version]]));
  });

  it('sizes blocks and token shares over live persons only', async () => {
    const p: StoredRecord[] = [];
    for (let i = 1; i <= 6; i++) p.push(await s.records.create('person', { names: [{ value: `Block Person ${i}` }] }, 'test'));
    const id = (i: number) => p[i - 1]?.id ?? '';
    await s.records.remove('person', id(6), undefined, 'test');
    // Keys set by hand (clear; the store blinds them): a is held by 4 live persons, b and c by 2 live + the deleted one.
    await db.repos.imports.replaceMatchKeys([
      { personId: id(1), version: 1, keys: ['t:a', 't:b', '1:TBLOCKX'] }, { personId: id(2), version: 1, keys: ['t:a', 't:b', '1:TBLOCKX'] },
      { personId: id(3), version: 1, keys: ['t:a'] }, { personId: id(4), version: 1, keys: ['t:a', 't:c'] }, { personId: id(5), version: 1, keys: ['t:c'] },
      { personId: id(6), version: 2, keys: ['t:b', 't:c', '1:TBLOCKX'] },
    ]);
    const sorted = (...ids: string[]) => [...ids].sort();
    // Blocks over the limit are skipped; the holders of the others are returned (the deleted one too: callers load live persons only).
    expect(await db.repos.imports.personsSharingKeys(['t:a', 't:b', 't:c', 't:none'], 3)).toEqual(sorted(id(1), id(2), id(4), id(5), id(6)));
    expect(await db.repos.imports.personsSharingKeys(['t:a'], 4)).toEqual(sorted(id(1), id(2), id(3), id(4)));
    expect(await db.repos.imports.personsSharingKeys(['t:b'], 2)).toEqual(sorted(id(1), id(2), id(6)));
    expect(await db.repos.imports.personsSharingKeys(['t:a'], 3)).toEqual([]);
    const live = await db.repos.records.count('person');
    expect(await db.repos.imports.phoneticShares(['TBLOCKX', 'TNOBODY'], 1)).toEqual(new Map([['TBLOCKX', 2 / live]]));
    expect(await db.repos.imports.phoneticShares(['TBLOCKX'], live + 1)).toBeNull();
  });

  it('inserts many candidate pairs at once and reads each back', async () => {
    const persons: StoredRecord[] = [];
    for (let i = 0; i < 16; i++) persons.push(await s.records.create('person', { names: [{ value: `Pair Person ${i}` }] }, 'test'));
    const at = new Date().toISOString();
    const fresh: StoredMergeCandidate[] = [];
    for (let i = 0; i < persons.length; i++) {
      for (let j = i + 1; j < persons.length; j++) {
        const [a, b] = [persons[i]?.id ?? '', persons[j]?.id ?? ''].sort() as [string, string];
        fresh.push({
          id: crypto.randomUUID(), personA: a, personB: b, score: 0.5 + (fresh.length % 40) / 100, reasons: [`reason ${fresh.length}`], status: 'pending', version: 1,
          runId: null, foundAt: at, updatedAt: at, decidedAt: null, decidedBy: null, note: null, survivorId: null, mergedId: null, snapshot: null,
        });
      }
    }
    expect(fresh.length).toBeGreaterThan(100);
    await db.repos.imports.insertCandidates(fresh);
    const stored = await db.repos.imports.existingPairs(fresh.map((c) => `${c.personA}|${c.personB}`));
    expect(stored.size).toBe(fresh.length);
    for (const c of fresh) expect(stored.get(`${c.personA}|${c.personB}`)).toEqual(c);
  });

  it('appends several audit entries at once, chained in order; one invalid entry writes none', async () => {
    const before = await db.repos.audit.head();
    const entries = await db.repos.audit.appendMany(['a', 'b', 'c'].map((x) => ({ actor: 'batch-test', action: 'create', entity: 'source', recordId: `r-${x}`, details: { x } })));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3].map((n) => (before?.seq ?? 0) + n));
    expect(entries[0]?.prevHash).toBe(before?.hash);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(await db.repos.audit.head()).toEqual({ seq: entries[2]?.seq, hash: entries[2]?.hash });
    await expect(db.repos.audit.appendMany([{ actor: 'batch-test', action: 'create' }, { actor: '', action: '' }])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await db.repos.audit.head()).toEqual({ seq: entries[2]?.seq, hash: entries[2]?.hash });
    expect((await s.audit.verify()).ok).toBe(true);
  });

  it('stages records that point at each other and writes them together; an unknown reference is still refused', async () => {
    const known = new Set<string>();
    const source = await s.records.stageCreate('source', { kind: 'media_report', title: 'Staged source', url: 'http://news.kz/staged' }, 'test', known);
    known.add(`source:${source.record.id}`);
    const person = await s.records.stageCreate('person', { names: [{ value: 'Staged Person' }], sourceIds: [source.record.id] }, 'test', known);
    known.add(`person:${person.record.id}`);
    const detention = await s.records.stageCreate('detention', { personId: person.record.id, eventId, apprehendedAt: '2022-05-01T12:00:00+06:00', sourceIds: [source.record.id] }, 'test', known);
    await expect(s.records.stageCreate('person', { names: [{ value: 'Nobody' }], sourceIds: [crypto.randomUUID()] }, 'test', known)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // Listed detention first: the store writes what others point at first.
    await s.records.createStaged([detention, person, source], 'test');
    expect(await s.records.get('person', person.record.id)).toEqual(person.record);
    expect(await s.records.get('detention', detention.record.id)).toEqual(detention.record);
    expect(await s.records.get('source', source.record.id)).toEqual(source.record);
    const entries = (await s.audit.list({ order: 'desc', limit: 3 })).items.reverse();
    expect(entries.map((e) => e.recordId)).toEqual([detention.record.id, person.record.id, source.record.id]);
  });
});
