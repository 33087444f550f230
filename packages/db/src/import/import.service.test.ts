import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENTITIES, type ImportActor, mapRow, type MergeViewer, readScope, type Services, type StoredRecord, systemActor } from '@vigil/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../connect.js';
import { engines, openTestDatabase, type TestDatabase } from '../testing/index.js';
import { KyselyImportStore } from './import.store.js';
import { resealImportTables } from './rotate.js';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const OVD = path.resolve(ROOT, '../shared/data/ovdinfo-2013-detention-events.csv');
const HAVE_SHARED = fs.existsSync(OVD);
if (!HAVE_SHARED) console.warn(`[vigil] ../shared is absent (${OVD}): the OVD-Info import test is SKIPPED`);
const OVD_MAPPING = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/mappings/ovdinfo-2013.json'), 'utf8')) as Record<string, unknown>;

const actor: ImportActor = { id: 'test', name: 'import-test' };
const admin: MergeViewer = { scope: readScope(systemActor('test')), role: 'admin' };
/** Tables of records and their dependents: a refused import must leave them exactly as they were. */
const RECORD_TABLES = ['sources', 'events', 'persons', 'person_names', 'detentions', 'citations', 'record_history', 'import_row_keys', 'person_match_keys', 'merge_candidates'];

/** A minimal RFC 4180 reader, independent of the importer, to compute the file's own totals. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** Text in Windows-1251, through the decoder's own table. */
function cp1251(text: string): Buffer {
  const table = new Map<string, number>();
  const decoder = new TextDecoder('windows-1251');
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : table.get(ch) ?? 0x3f)));
}

async function all(s: Services, entity: 'event' | 'source' | 'person' | 'detention' | 'charge', filter: Record<string, unknown> = {}): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await s.records.list(entity, { ...filter, limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

const dataFields = (p: StoredRecord) => Object.fromEntries(Object.keys(ENTITIES.person.input.shape).map((k) => [k, p[k] ?? null]));

describe.each(engines())('bulk import and merge review on %s', (engine) => {
  let db: TestDatabase;
  let s: Services;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-import-'));
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  const counts = async () => {
    const c = await s.transfer.tableCounts();
    return Object.fromEntries(RECORD_TABLES.map((t) => [t, c[t]]));
  };
  const run = (p: string, mapping: unknown, dryRun = false) => s.imports.run(s.imports.localFile(p), s.imports.parseMapping(mapping), actor, { dryRun, batchSize: 50 });

  beforeAll(async () => {
    db = await openTestDatabase(engine);
    s = db.services();
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!HAVE_SHARED)('imports the real OVD-Info list: detentions by region equal the file\'s totals, both languages kept; importing it again adds nothing', async () => {
    const rows = parseCsv(fs.readFileSync(OVD, 'utf8'));
    const header = rows[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    const expected = new Map<string, number>();
    for (const r of rows.slice(1).filter((r) => r.length > 1)) {
      const region = r[col('region')] ?? '';
      expected.set(region, (expected.get(region) ?? 0) + Number(r[col('number_of_detentions')]));
    }
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBe(2037);

    const first = await run(OVD, OVD_MAPPING);
    expect(first).toMatchObject({ status: 'done', encoding: 'utf-8', rows: { total: 235, imported: 235, skipped: 0, failed: 0 }, problemCount: 0 });
    const events = await all(s, 'event');
    expect(events).toHaveLength(235);
    const totals = new Map<string, number>();
    for (const e of events) {
      const claimed = (e.estimates as { measure: string; min: number; claimedBy: string }[]).find((x) => x.measure === 'detentions');
      expect(claimed?.claimedBy).toBe('OVD-Info');
      totals.set(String(e.region), (totals.get(String(e.region)) ?? 0) + (claimed?.min ?? 0));
    }
    expect(totals).toEqual(expected);

    const first1 = events.find((e) => e.title === 'Акция против строительства Северо-Западной хорды');
    expect(first1).toMatchObject({ startAt: '2013-01-11T20:00:00.000Z', startPrecision: 'day', timeOriginal: '12.01.2013', timezone: 'Europe/Moscow', country: 'RU', city: 'Москва' });
    expect(first1?.summary).toContain('The protest against the construction of the Northwest chords');
    expect(first1?.summary).toContain('Police station (ОВД): ОВД Тверское');
    const sources = await all(s, 'source');
    expect(new Set(sources.map((x) => x.url)).size).toBe(sources.length);
    expect(events.every((e) => (e.sourceIds as string[]).length > 0)).toBe(true);
    expect(sources.find((x) => x.url === 'http://ovdinfo.org/piter?page=27')).toBeDefined();

    const before = await counts();
    const again = await run(OVD, OVD_MAPPING);
    expect(again).toMatchObject({ status: 'done', rows: { total: 235, imported: 0, skipped: 235, failed: 0 }, created: {} });
    const dry = await run(OVD, OVD_MAPPING, true);
    expect(dry.rows).toMatchObject({ imported: 0, skipped: 235 });
    expect(await counts()).toEqual(before);
  });

  it('previews and dry-runs without writing; then imports XLSX cells from cached formula results', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Events');
    ws.addRow(['title', 'date', 'count']);
    ws.addRow(['Picket at the akimat', new Date(Date.UTC(2022, 0, 5, 10, 30)), { formula: '2*3', result: 6 }]);
    ws.addRow(['March on Abay avenue', '06.01.2022', { formula: 'C2+1' }]);
    const xlsx = file('events.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const mapping = {
      target: 'event', dataset: 'xlsx-test',
      fields: { 'event.title': { column: 'title' }, 'event.type': { value: 'peaceful_protest' }, 'event.startAt': { column: 'date' }, 'event.city': { value: 'Almaty' } },
      estimates: [{ measure: 'people detained', min: { column: 'count' } }],
    };
    const before = await counts();
    const preview = await s.imports.preview(s.imports.localFile(xlsx), s.imports.parseMapping(mapping), actor, 5);
    expect(preview.rows.map((r) => [r.row, r.status])).toEqual([[2, 'new'], [3, 'invalid']]);
    expect(preview.rows[0]?.records[0]?.record).toMatchObject({ title: 'Picket at the akimat', startAt: '2022-01-05T04:30:00.000Z', estimates: [{ min: 6 }] });
    expect(preview.rows[1]?.problems[0]).toMatchObject({ row: 3, column: 'count', problem: expect.stringMatching(/formula saved without its result/) as string });
    const dry = await run(xlsx, mapping, true);
    expect(dry).toMatchObject({ status: 'done', dryRun: true, rows: { total: 2, imported: 1, failed: 1 }, created: { event: 1 } });
    expect(await counts()).toEqual(before);
    const real = await run(xlsx, mapping);
    expect(real).toMatchObject({ status: 'done', format: 'xlsx', rows: { imported: 1, failed: 1 } });
    expect(await s.imports.problemsCsv(real.id)).toMatch(/^row,column,problem\r\n3,count,the cell holds a formula saved without its result/);
  });

  it('refuses a file it cannot import with a clear report, writing nothing', async () => {
    const mapping = { target: 'event', fields: { 'event.title': { column: 'title' }, 'event.type': { value: 'peaceful_protest' }, 'event.startAt': { column: 'date' } } };
    const before = await counts();
    const cases: [string, string | Buffer, RegExp][] = [
      ['empty.csv', '', /the file is empty/],
      ['header.csv', 'title,date\r\n', /header but no rows/],
      ['columns.csv', 'title,when\r\nA,05.01.2022\r\n', /reads column "date", which the file does not have/],
      ['quote.csv', 'title,date\r\nA,05.01.2022\r\n"B,06.01.2022\r\n', /a quoted cell is never closed/],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /Excel 97–2003/],
    ];
    for (const [name, content, problem] of cases) {
      const result = await run(file(name, content), mapping);
      expect(result.status, name).toBe('refused');
      expect(result.problems.map((p) => p.problem).join('\n'), name).toMatch(problem);
      expect(result.message, name).toMatch(/Nothing was imported/);
    }
    expect(await counts()).toEqual(before);
  });

  it('reports failing rows by row and column and writes each other row whole; a failed row leaves nothing behind', async () => {
    const csv = [
      'title,date,type,links,n',
      'First,05.01.2022,peaceful_protest,http://news.kz/1,3',
      'Second,06.01.2022,riot,http://news.kz/2,4',
      'Third,32.01.2022,peaceful_protest,http://news.kz/3,x',
      'Fourth,07.01.2022,peaceful_protest,"http://news.kz/1 http://news.kz/4",5',
      'Fifth,08.01.2022,peaceful_protest,,999',
      `${'T'.repeat(1500)},09.01.2022,peaceful_protest,,1`,
    ].join('\r\n');
    const mapping = {
      target: 'event', dataset: 'rows-test', file: { maxCellLength: 1000 },
      fields: { 'event.title': { column: 'title' }, 'event.type': { column: 'type' }, 'event.startAt': { column: 'date' } },
      estimates: [{ measure: 'people detained', min: { column: 'n' } }], sources: { urls: { column: 'links' } },
    };
    const sourcesBefore = (await all(s, 'source')).length;
    const result = await run(file('rows.csv', csv), mapping);
    expect(result).toMatchObject({ status: 'done', rows: { total: 6, imported: 3, failed: 3 }, created: { event: 3, source: 2 } });
    expect(result.problems).toEqual(expect.arrayContaining([
      { row: 3, column: 'type', problem: expect.stringMatching(/^event\.type: unknown term "riot" in vocabulary event_type/) as string },
      { row: 4, column: 'date', problem: expect.stringMatching(/"32\.01\.2022" is not a date/) as string },
      { row: 4, column: 'n', problem: expect.stringMatching(/"x" is not a whole number/) as string },
      { row: 7, column: 'title', problem: 'the cell is 1,500 characters long; the limit is 1,000' },
    ]));
    expect(JSON.stringify(result.problems)).not.toContain('TTTT');
    const urls = (await all(s, 'source')).map((x) => x.url);
    expect(urls).not.toContain('http://news.kz/2');
    expect(urls.filter((u) => u === 'http://news.kz/1')).toHaveLength(1);
    expect((await all(s, 'source')).length).toBe(sourcesBefore + 2);
    // Fixing the two rows and importing again adds exactly them.
    const fixed = csv.replace(',riot,', ',peaceful_protest,').replace('32.01.2022', '31.01.2022').replace(',x\r\n', ',2\r\n');
    const second = await run(file('rows.csv', fixed), mapping);
    expect(second.rows).toMatchObject({ imported: 2, skipped: 3, failed: 1 });
  });

  describe('persons across lists and scripts', () => {
    let eventId: string;
    const latin = {
      target: 'detention', dataset: 'coalition-en', language: 'en',
      fields: { 'detention.apprehendedAt': { column: 'Date' }, 'detention.city': { column: 'City' }, 'detention.eventId': { value: '' } },
      names: [{ value: { column: 'Name' } }],
      roles: [{ role: { column: 'Role' }, organisation: { column: 'Outlet' } }],
    };
    const cyrillic = {
      target: 'detention', dataset: 'coalition-ru', language: 'ru',
      fields: { 'detention.apprehendedAt': { column: 'Дата задержания' }, 'detention.city': { column: 'Город' }, 'detention.eventId': { value: '' } },
      names: [{ value: { column: 'ФИО' } }],
      roles: [{ role: { column: 'Роль', map: { адвокат: 'lawyer', журналист: 'journalist', протестующий: 'protester' } }, organisation: { column: 'СМИ' } }],
    };
    let pairs: Awaited<ReturnType<Services['merges']['list']>>['items'];
    const byName = (needle: string) => pairs.find((p) => [...(p.personA.names ?? []), ...(p.personB.names ?? [])].some((n) => n.includes(needle)));

    beforeAll(async () => {
      eventId = (await s.records.create('event', { title: 'Rallies of 21 May 2016', type: 'preemptive_detentions', startAt: '2016-05-21T10:00:00+06:00', city: 'Almaty' }, 'test')).id;
      latin.fields['detention.eventId'].value = eventId;
      cyrillic.fields['detention.eventId'].value = eventId;
    });

    it('imports a Latin list and a Cyrillic one in Windows-1251, and proposes the same people as pairs with reasons', async () => {
      const en = await run(file('en.csv', 'Name,City,Date,Role,Outlet\r\nZhanna Baytelova,Almaty,21.05.2016,lawyer,KIBHRRL\r\nZhanbolat Mamay,Almaty,21.05.2016,journalist,Tribuna\r\nYulia Kozlova,Almaty,21.05.2016,journalist,\r\n'), latin);
      expect(en).toMatchObject({ status: 'done', rows: { imported: 3 }, created: { person: 3, detention: 3 }, candidates: 0 });
      const ru = await run(file('ru.csv', cp1251('ФИО;Город;Дата задержания;Роль;СМИ\r\nБайтелова Жанна;Алматы;21.05.2016 12:40;адвокат;\r\nМамай Жанболат;Алматы;21.05.2016;журналист;Трибуна\r\nАхметов Нурлан;Шымкент;21.05.2016;протестующий;\r\n')), cyrillic);
      expect(ru).toMatchObject({ status: 'done', encoding: 'windows-1251 (detected)', rows: { imported: 3 }, created: { person: 3, detention: 3 } });
      expect(ru.candidates).toBe(2);
      pairs = (await s.merges.list({ runId: ru.id }, admin)).items;
      expect(pairs).toHaveLength(2);
      expect(byName('Mamay')?.reasons?.join('\n')).toMatch(/same event/);
      expect(byName('Байтелова')?.personB.names?.concat(byName('Байтелова')?.personA.names ?? [])).toEqual(expect.arrayContaining(['Zhanna Baytelova', 'Байтелова Жанна']));
      expect(pairs.every((p) => p.score >= 0.5 && p.status === 'pending')).toBe(true);
      // A viewer without identities:read sees neither names nor reasons (and only public records: none here).
      expect((await s.merges.list({ runId: ru.id }, { scope: readScope({ id: 'v', name: 'v', role: 'analyst' }), role: 'analyst' })).items[0]?.reasons).not.toBeNull();
      expect((await s.merges.list({ runId: ru.id }, { scope: { confidentiality: ['public', 'restricted', 'confidential'] }, role: 'viewer' })).items[0]).toMatchObject({ reasons: null, personA: { names: null } });
      // Re-importing either list creates nobody new, and the pairs are not proposed twice.
      expect((await run(file('en.csv', fs.readFileSync(path.join(dir, 'en.csv'))), latin)).rows).toMatchObject({ imported: 0, skipped: 3 });
      expect((await s.merges.scan({ all: true })).candidates).toBe(0);
    });

    it('stores no clear name in the match keys, the pairs or the runs', async () => {
      const dump: string[] = [];
      await s.transfer.exportJson((chunk) => void dump.push(chunk));
      const tables = (JSON.parse(dump.join('')) as { tables: Record<string, unknown[]> }).tables;
      const mine = JSON.stringify(['person_match_keys', 'person_match_state', 'merge_candidates', 'merge_decisions', 'import_runs', 'import_row_keys'].map((t) => tables[t]));
      for (const word of ['Baytelova', 'baytel', 'baitel', 'Mamay', 'mamai', 'Байтелова', 'Жанболат', 'Kozlova']) expect(mine.toLowerCase()).not.toContain(word.toLowerCase());
      expect((tables.person_match_keys as { key: string }[]).every((k) => /^[0-9a-f]{24}$/.test(k.key))).toBe(true);
    });

    it('accepts a pair into one person keeping every name, role, source and detention; unmerge restores both exactly', async () => {
      const pair = byName('Mamay');
      if (!pair) throw new Error('no Mamay pair');
      const [a, b] = await Promise.all([s.records.get('person', pair.personA.id), s.records.get('person', pair.personB.id)]);
      const survivorId = a.id < b.id ? a.id : b.id;
      const otherId = survivorId === a.id ? b.id : a.id;
      const otherDetention = (await all(s, 'detention', { personId: otherId }))[0] as StoredRecord;
      const charge = await s.records.create('charge', { personId: otherId, detentionId: otherDetention.id, code: 'kz_koap', article: '488' }, 'test');
      const act = await s.records.create('act', { type: 'use_of_force', eventId, victimPersonId: survivorId, perpetrators: [{ personId: otherId, involvement: 'direct' }] }, 'test');
      const lawyer = await s.accounts.createUser({ username: 'lawyer-merge', role: 'lawyer', password: 'correct horse battery staple' });
      await s.repos.accounts.assignClient(lawyer.id, otherId, 'test', '2024-01-01T00:00:00.000Z');
      const beforeSurvivor = await s.records.get('person', survivorId);
      const beforeOther = await s.records.get('person', otherId);
      const historyBefore = (await s.records.history('detention', otherDetention.id)).length;

      const merged = await s.merges.accept(pair.id, { note: 'same journalist' }, actor, admin);
      expect(merged).toMatchObject({ status: 'accepted', survivorId, mergedId: otherId, decisions: [{ action: 'accepted', note: 'same journalist' }] });
      const survivor = await s.records.get('person', survivorId);
      expect((survivor.names as { value: string }[]).map((n) => n.value).sort()).toEqual(['Zhanbolat Mamay', 'Мамай Жанболат']);
      expect((survivor.roles as { organisationName: string }[]).map((r) => r.organisationName).sort()).toEqual(['Tribuna', 'Трибуна']);
      expect((await s.records.get('person', otherId)).deletedAt).not.toBeNull();
      expect(await all(s, 'detention', { personId: survivorId })).toHaveLength(2);
      expect((await s.records.get('charge', charge.id)).personId).toBe(survivorId);
      expect((await s.records.get('act', act.id)).perpetrators).toEqual([expect.objectContaining({ personId: survivorId })]);
      expect(await s.repos.accounts.clientsOf(lawyer.id)).toEqual([survivorId]);
      expect((await s.records.history('detention', otherDetention.id)).length).toBe(historyBefore + 1);
      expect((await s.merges.list({ status: 'pending' }, admin)).items.some((p) => p.id === pair.id)).toBe(false);
      expect((await s.merges.list({ personId: otherId, status: 'accepted' }, admin)).items[0]).toMatchObject({ mergedId: otherId, survivorId });

      await expect(s.merges.reject(pair.id, {}, actor, admin)).rejects.toMatchObject({ code: 'CONFLICT' });
      await s.records.update('person', survivorId, { version: survivor.version, pseudonym: 'Journalist T.' }, 'test');
      await expect(s.merges.unmerge(pair.id, {}, actor, admin)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/edited after the merge/) as string });
      const restored = await s.merges.unmerge(pair.id, { force: true, note: 'two people after all' }, actor, admin);
      expect(restored).toMatchObject({ status: 'unmerged', warnings: [] });
      expect(dataFields(await s.records.get('person', survivorId))).toEqual(dataFields(beforeSurvivor));
      const other = await s.records.get('person', otherId);
      expect(other.deletedAt).toBeNull();
      expect(dataFields(other)).toEqual(dataFields(beforeOther));
      expect((await s.records.get('detention', otherDetention.id)).personId).toBe(otherId);
      expect((await s.records.get('charge', charge.id)).personId).toBe(otherId);
      expect((await s.records.get('act', act.id)).perpetrators).toEqual([expect.objectContaining({ personId: otherId })]);
      expect((await s.records.get('act', act.id)).victimPersonId).toBe(survivorId);
      expect(await s.repos.accounts.clientsOf(lawyer.id)).toEqual([otherId]);
      expect((await s.records.history('detention', otherDetention.id)).length).toBe(historyBefore + 2);
      expect((await s.merges.get(pair.id, admin)).decisions.map((d) => d.action)).toEqual(['accepted', 'unmerged']);
    });

    it('remembers a rejection and never proposes the pair again', async () => {
      const pair = byName('Baytelova');
      if (!pair) throw new Error('no Baytelova pair');
      await s.merges.reject(pair.id, { note: 'namesakes' }, actor, admin);
      expect((await s.merges.scan({ personIds: [pair.personA.id, pair.personB.id] })).candidates).toBe(0);
      expect((await s.merges.scan({ all: true })).candidates).toBe(0);
      expect(await s.merges.get(pair.id, admin)).toMatchObject({ status: 'rejected', note: 'namesakes' });
      expect((await s.merges.list({}, admin)).items.some((p) => p.id === pair.id)).toBe(false);
    });

    it('keeps runs, pairs and row keys usable across a key rotation (resealImportTables; runs last: it re-keys the tables)', async () => {
      const fresh = `new:${crypto.randomBytes(32).toString('base64')}`;
      const both = await connect(db.config, { VIGIL_KEY: `${fresh},${process.env.VIGIL_KEY ?? ''}` });
      try {
        expect(await resealImportTables(both.db, both.cipher)).toBeGreaterThan(0);
      } finally {
        await both.close();
      }
      const only = await connect(db.config, { VIGIL_KEY: fresh });
      try {
        const store = new KyselyImportStore(only.db, only.dialect, only.cipher);
        expect((await store.listRuns(100)).items.some((r) => r.fileName === 'en.csv')).toBe(true);
        const candidates = (await store.listCandidates({ limit: 100 })).items;
        expect(candidates.find((c) => c.status === 'unmerged')?.snapshot?.repointed.length).toBeGreaterThan(0);
        for (const c of candidates) expect(Array.isArray(await store.decisions(c.id))).toBe(true);
        const mapping = s.imports.parseMapping(latin);
        const rows = fs.readFileSync(path.join(dir, 'en.csv'), 'utf8').split('\r\n').slice(1, 4).map((line, i) => {
          const [Name = '', City = '', Date = '', Role = '', Outlet = ''] = line.split(',');
          return mapRow(mapping, { row: i + 2, cells: { Name, City, Date, Role, Outlet }, problems: [] }).plan;
        });
        const hits = await store.findRowKeys(rows.map((p) => ({ material: p?.keyMaterial ?? '', contentMaterial: p?.contentMaterial ?? '' })));
        expect([...hits.values()].map((h) => h.sameContent)).toEqual([true, true, true]);
      } finally {
        await only.close();
      }
    });
  });
});
