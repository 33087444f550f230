import { describe, expect, it } from 'vitest';
import { isVigilError } from '../errors.js';
import { parseInput } from '../records/validate.js';
import { mapRow, splitUrls, integer } from './map-row.js';
import { ImportMapping, fillTemplate, mappedColumns } from './mapping.schema.js';
import { problemsCsv } from './report.js';
import { type TableRow } from './ports.js';

const row = (cells: Record<string, string>, n = 2, problems: TableRow['problems'] = []): TableRow => ({ row: n, cells, problems });
const mapping = (raw: unknown) => parseInput(ImportMapping, raw, 'mapping');

const detentionList = mapping({
  target: 'detention',
  dataset: 'partner-a',
  language: 'ru',
  fields: {
    'detention.apprehendedAt': { column: ['Дата', 'Время'] },
    'detention.city': { column: 'Город' },
    'detention.legalBasis': { column: 'Статья', map: { '488': 'administrative', 'ук': 'criminal' }, default: 'unknown' },
    'detention.notes': { template: 'ОВД: {ОВД}\nИтог: {Итог}' },
    'person.birthYear': { column: 'Год рождения' },
  },
  names: [{ value: { column: 'ФИО' } }, { value: { column: 'Name' }, language: 'en' }],
  roles: [{ role: { column: 'Роль', map: { журналист: 'journalist', 'правозащитник': 'human_rights_defender' } }, organisation: { column: 'СМИ' }, split: true }],
});

describe('the mapping schema', () => {
  it('refuses fields the list cannot fill, and requires the ones it must', () => {
    const attempt = () => mapping({ target: 'event', fields: { 'event.title': { column: 'x' }, 'person.sex': { column: 'y' } } });
    expect(attempt).toThrow();
    try {
      attempt();
    } catch (e) {
      if (!isVigilError(e)) throw e;
      const paths = e.fields.map((f) => f.path);
      expect(paths).toContain('mapping.fields.person.sex');
      expect(paths).toContain('mapping.fields.event.type');
      expect(paths).toContain('mapping.fields.event.startAt');
    }
    expect(() => mapping({ target: 'person', fields: {} })).toThrow(/names/);
  });

  it('lists every column it reads, templates included', () => {
    expect(mappedColumns(detentionList).sort()).toEqual(['Name', 'Время', 'Год рождения', 'Город', 'Дата', 'Итог', 'ОВД', 'Роль', 'СМИ', 'Статья', 'ФИО'].sort());
  });

  it('fills templates, dropping lines whose placeholders are all empty', () => {
    const cells: Record<string, string> = { a: 'one', b: '' };
    expect(fillTemplate('A: {a}\nB: {b}\nfixed', (c) => cells[c] ?? '')).toBe('A: one\nfixed');
  });
});

describe('mapRow', () => {
  const full = {
    ФИО: 'Балгабаева Жанара', Name: 'Zhanara Balgabayeva', Дата: '05.01.2022', Время: '11:30', Город: 'Алматы', Статья: '488',
    ОВД: 'РУВД Алмалинского района', Итог: '', Роль: 'журналист; правозащитник', СМИ: 'Vlast.kz', 'Год рождения': '1990',
  };

  it('turns a row into a person and a detention, with the time zone, precision and original wording', () => {
    const { plan, problems } = mapRow(detentionList, row(full));
    expect(problems).toEqual([]);
    expect(plan?.person).toMatchObject({
      names: [
        { value: 'Балгабаева Жанара', script: 'cyrl', language: 'ru', kind: 'full' },
        { value: 'Zhanara Balgabayeva', script: 'latn', language: 'en', kind: 'full' },
      ],
      birthYear: 1990,
      roles: [
        { role: 'journalist', organisationName: 'Vlast.kz' },
        { role: 'human_rights_defender', organisationName: 'Vlast.kz' },
      ],
      confidentiality: 'restricted',
    });
    // Almaty was UTC+6 in January 2022.
    expect(plan?.detention).toMatchObject({
      apprehendedAt: '2022-01-05T05:30:00.000Z', apprehendedPrecision: 'exact', apprehendedTimeOriginal: '05.01.2022 11:30',
      city: 'Алматы', legalBasis: 'administrative', notes: 'ОВД: РУВД Алмалинского района',
    });
  });

  it('reports each problem with its row and column, and does not repeat names', () => {
    const { plan, problems } = mapRow(detentionList, row({ ...full, Дата: '31.02.2022', 'Год рождения': 'nineteen ninety', Роль: 'blogger', ФИО: 'x'.repeat(301), Name: '' }, 7));
    expect(plan).toBeNull();
    expect(problems).toEqual(expect.arrayContaining([
      { row: 7, column: 'Дата', problem: expect.stringMatching(/31\.02\.2022.*February 2022 has 28 days/) as string },
      { row: 7, column: 'Год рождения', problem: expect.stringMatching(/not a whole number/) as string },
      { row: 7, column: 'Роль', problem: expect.stringMatching(/"blogger" is not in the mapping's list/) as string },
      { row: 7, column: 'ФИО', problem: 'the name is 301 characters long; at most 300 fit' },
    ]));
    expect(JSON.stringify(problems)).not.toContain('xxxx');
  });

  it('passes on the reader\'s problems only for columns the mapping reads', () => {
    const problems = [{ column: 'Unused', problem: 'the cell is 40,000 characters long; the limit is 32,767' }];
    expect(mapRow(detentionList, row(full, 3, problems)).problems).toEqual([]);
    expect(mapRow(detentionList, row(full, 3, [{ column: 'ФИО', problem: 'too long' }])).problems).toEqual([{ row: 3, column: 'ФИО', problem: 'too long' }]);
    expect(mapRow(detentionList, row(full, 3, [{ column: null, problem: 'has 3 cells' }])).problems).toHaveLength(1);
  });

  it('keys a row by its dataset and content, or by its id columns', () => {
    const a = mapRow(detentionList, row(full)).plan;
    const b = mapRow(detentionList, row({ ...full }, 99)).plan;
    const c = mapRow(detentionList, row({ ...full, Город: 'Астана' })).plan;
    expect(a?.keyMaterial).toBe(b?.keyMaterial);
    expect(a?.keyMaterial).not.toBe(c?.keyMaterial);
    const byId = mapping({ ...detentionList, idColumns: ['№'] });
    const d = mapRow(byId, row({ ...full, '№': '12' })).plan;
    const e = mapRow(byId, row({ ...full, '№': '12', Город: 'Астана' })).plan;
    expect(d?.keyMaterial).toBe(e?.keyMaterial);
    expect(d?.contentMaterial).not.toBe(e?.contentMaterial);
    expect(mapRow(byId, row({ ...full, '№': ' ' })).problems[0]?.problem).toMatch(/id column is empty/);
  });

  it('maps an event with a fallback title, estimates and links', () => {
    const events = mapping({
      target: 'event', defaultZone: 'Europe/Moscow',
      fields: {
        'event.title': [{ column: 'description' }, { template: '{type} ({region})' }],
        'event.type': { column: 'type', map: { активист: 'arrests' }, default: 'protest_with_intervention' },
        'event.startAt': { column: 'date' },
        'event.country': { value: 'RU' },
      },
      estimates: [{ measure: 'detentions', min: { column: 'n' }, max: { column: 'n' }, claimedBy: { value: 'OVD-Info' } }],
      sources: { urls: { column: 'links' } },
    });
    const { plan } = mapRow(events, row({ description: '', type: 'акция', region: 'Москва', date: '12.01.2013', n: '5', links: 'http://a.org/1, "http://b.org/2\nc.org/3' }));
    expect(plan?.event).toMatchObject({
      title: 'акция (Москва)', type: 'protest_with_intervention', startAt: '2013-01-11T20:00:00.000Z', startPrecision: 'day', timezone: 'Europe/Moscow',
      country: 'RU', estimates: [{ measure: 'detentions', min: 5, max: 5, claimedBy: 'OVD-Info' }],
    });
    expect(plan?.urls).toEqual(['http://a.org/1', 'http://b.org/2', 'http://c.org/3']);
  });
});

describe('cells', () => {
  it('reads whole numbers as lists write them', () => {
    expect([integer('1 234'), integer('12.0'), integer('7'), integer('-3'), integer('2,5'), integer('')]).toEqual([1234, 12, 7, null, null, null]);
  });

  it('splits links and reports what is not one', () => {
    expect(splitUrls('see http://x.org/a; ovdinfo.org/piter?page=27 javascript:alert(1)')).toEqual({
      urls: ['http://x.org/a', 'http://ovdinfo.org/piter?page=27'], bad: ['see', 'javascript:alert(1'],
    });
  });

  it('writes the error report as CSV with formula cells defused', () => {
    const csv = problemsCsv([{ row: 2, column: '=cmd', problem: '"@SUM(A1)" is not a date' }, { row: null, column: null, problem: '+1' }], 5);
    expect(csv.split('\r\n')).toEqual([
      'row,column,problem',
      "2,'=cmd,\"\"\"@SUM(A1)\"\" is not a date\"",
      ",,'+1",
      ',,"… and 3 more problems, not kept; fix these and import again to see them"',
      '',
    ]);
  });
});
