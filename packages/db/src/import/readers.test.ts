import { isVigilError, type ReadOptions, type TableRow } from '@vigil/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openTable } from './table-source.js';

const defaults: ReadOptions = { encoding: 'auto', maxCellLength: 32_767 };

/** Bytes fed in small chunks, so decoders and the JSON splitter meet every boundary. */
function chunked(bytes: Buffer, size: number): () => AsyncIterable<Uint8Array> {
  return async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  };
}

async function read(content: Buffer | string, name = 'list.csv', options: Partial<ReadOptions> = {}, chunk = 7) {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const stream = await openTable(chunked(bytes, chunk), name, { ...defaults, ...options });
  const rows: TableRow[] = [];
  for await (const r of stream.rows) rows.push(r);
  return { ...stream, rows };
}

/** The problem of a refused file (VALIDATION_FAILED on path "file"). */
async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (e) {
    if (isVigilError(e) && e.code === 'VALIDATION_FAILED') return e.fields.map((f) => f.problem).join('; ');
    throw e;
  }
  throw new Error('expected the file to be refused');
}

/** Text in a single-byte code page, through the decoder's own table. */
function encode(text: string, encoding: string): Buffer {
  const table = new Map<string, number>();
  const decoder = new TextDecoder(encoding);
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : table.get(ch) ?? 0x3f)));
}

const RUSSIAN = 'ФИО;Город;Статья\r\nИванов Иван Иванович;Москва;административная\r\nПетрова Ольга;Санкт-Петербург;уголовная, ст. 212\r\n';

describe('CSV', () => {
  it('reads UTF-8 with a BOM, detects the separator and numbers rows as a spreadsheet does', async () => {
    const file = await read(`\uFEFFname,note,,name\r\nA,"two\nlines",x,B\r\n\r\nC,"say ""hi""",,D\r\n`);
    expect(file).toMatchObject({ format: 'csv', encoding: 'utf-8 (BOM)', delimiter: ',', columns: ['name', 'note', 'column 3', 'name (2)'] });
    expect(file.rows).toEqual([
      { row: 2, cells: { name: 'A', note: 'two\nlines', 'column 3': 'x', 'name (2)': 'B' }, problems: [] },
      { row: 4, cells: { name: 'C', note: 'say "hi"', 'column 3': '', 'name (2)': 'D' }, problems: [] },
    ]);
    expect((await read(RUSSIAN)).delimiter).toBe(';');
  });

  it('detects Windows-1251 and KOI8-R and decodes them', async () => {
    for (const encoding of ['windows-1251', 'koi8-r']) {
      const file = await read(encode(RUSSIAN, encoding), 'list.csv', {}, 5);
      expect(file.encoding).toBe(`${encoding} (detected)`);
      expect(file.rows[1]?.cells).toEqual({ ФИО: 'Петрова Ольга', Город: 'Санкт-Петербург', Статья: 'уголовная, ст. 212' });
    }
  });

  it('refuses what is neither UTF-8 nor Cyrillic, and UTF-8 that breaks further in', async () => {
    const noise = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x41 : 0x80 + ((i * 37) % 64))));
    expect(await refusal(read(noise))).toMatch(/not UTF-8, and it does not look like Cyrillic/);
    expect(await refusal(read(Buffer.from([0x61, 0x00, 0x62, 0x00])))).toMatch(/NUL bytes/);
    const late = Buffer.concat([Buffer.from(`a,b\n${'x,y\n'.repeat(40_000)}`), encode('Москва,1\n', 'windows-1251')]);
    expect(await refusal(read(late, 'list.csv', {}, 64 * 1024))).toMatch(/not valid UTF-8 near byte 1\d\d,\d\d\d/);
  });

  it('refuses an empty file and a quote never closed; a short row and a long cell are row problems', async () => {
    expect(await refusal(read(''))).toBe('the file is empty');
    expect(await refusal(read('\uFEFF \r\n\r\n'))).toBe('the file is empty');
    expect((await read('a,b\r\n')).rows).toEqual([]);
    expect(await refusal(read('a,b\n1,"open\n2,3\n'))).toMatch(/a quoted cell is never closed/);
    const file = await read(`a,b\n1\n2,${'z'.repeat(120)}\n3,4,5\n`, 'l.csv', { maxCellLength: 100 });
    expect(file.rows.map((r) => r.problems)).toEqual([
      [{ column: null, problem: 'has 1 cells where the header has 2 (a separator or a line break inside an unquoted cell?)' }],
      [{ column: 'b', problem: 'the cell is 120 characters long; the limit is 100' }],
      [{ column: null, problem: 'has 3 cells where the header has 2 (a separator or a line break inside an unquoted cell?)' }],
    ]);
    expect(file.rows[1]?.cells.b).toBe('');
  });
});

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX', () => {
  it('reads the cached result of formulas (never evaluating them), dates as wall-clock text, and reports what it cannot read', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('About').addRow(['not this sheet']);
      const ws = wb.addWorksheet('List');
      ws.addRow([]);
      ws.addRow(['name', 'count', 'date', 'link']);
      ws.addRow(['Иванов', { formula: 'B4*2', result: 14 }, new Date(Date.UTC(2013, 0, 12)), { text: 'report', hyperlink: 'http://x.org' }]);
      ws.addRow(['Petrov', { formula: 'NOW()' }, new Date(Date.UTC(2013, 0, 12, 11, 30)), { error: '#N/A' }]);
    });
    const file = await read(bytes, 'list.xlsx', { sheet: 'List' }, 1000);
    expect(file).toMatchObject({ format: 'xlsx', sheet: 'List', columns: ['name', 'count', 'date', 'link'] });
    expect(file.rows).toEqual([
      { row: 3, cells: { name: 'Иванов', count: '14', date: '2013-01-12', link: 'report' }, problems: [] },
      {
        row: 4, cells: { name: 'Petrov', count: '', date: '2013-01-12 11:30', link: '' },
        problems: [
          { column: 'count', problem: expect.stringMatching(/formula saved without its result.*never evaluates/) as string },
          { column: 'link', problem: 'the cell holds the spreadsheet error #N/A' },
        ],
      },
    ]);
    expect((await read(bytes, 'list.xlsx', {}, 1000)).sheet).toBe('About');
    expect(await refusal(read(bytes, 'list.xlsx', { sheet: 'Nope' }))).toMatch(/no sheet called "Nope" \(its sheets: "About", "List"\)/);
  });

  it('refuses .xls, a damaged workbook and a CSV named .xlsx', async () => {
    expect(await refusal(read(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls'))).toMatch(/Excel 97–2003/);
    expect(await refusal(read('a,b\n1,2\n', 'list.xlsx'))).toMatch(/named \.xlsx but is not an XLSX workbook/);
    const damaged = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    expect(await refusal(read(damaged, 'x.xlsx'))).toMatch(/not a readable XLSX workbook/);
  });
});

describe('JSON', () => {
  it('streams an array of objects, one element at a time', async () => {
    const text = JSON.stringify([
      { name: 'A [x], {y}', n: 3, ok: true, tags: ['a', 'b'], none: null },
      { name: 'B "quoted" \\ back', nested: { x: 1 } },
      42,
    ], null, 2);
    const file = await read(text, 'list.json', {}, 3);
    expect(file).toMatchObject({ format: 'json', columns: null });
    expect(file.rows).toEqual([
      { row: 1, cells: { name: 'A [x], {y}', n: '3', ok: 'true', tags: 'a\nb', none: '' }, problems: [] },
      { row: 2, cells: { name: 'B "quoted" \\ back', nested: '' }, problems: [{ column: 'nested', problem: expect.stringMatching(/nested object/) as string }] },
      { row: 3, cells: {}, problems: [{ column: null, problem: expect.stringMatching(/not an object/) as string }] },
    ]);
  });

  it('refuses what is not an array, and an array cut short', async () => {
    expect(await refusal(read('{"rows": []}', 'x.json'))).toMatch(/not an array of objects/);
    expect(await refusal(read('[{"a": 1}, {"a": 2', 'x.json'))).toMatch(/never closed/);
    expect(await refusal(read('[{"a": 1}] trailing', 'x.json'))).toMatch(/text after the end/);
    expect((await read('[]', 'x.json')).rows).toEqual([]);
  });
});
