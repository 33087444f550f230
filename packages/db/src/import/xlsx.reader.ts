import { Readable } from 'node:stream';
import { isVigilError, type ReadOptions, type TableRow, type TableStream } from '@vigil/core';
import ExcelJS from 'exceljs';
import { fileProblem } from './bytes.js';
import { headerOf, tooLong } from './header.js';

type Problem = TableRow['problems'][number];

const pad = (n: number): string => String(n).padStart(2, '0');

/** A date cell as wall-clock text without a zone, so the mapping's zone applies ("2013-01-12", "2013-01-12 11:30"). */
function dateText(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${d.getUTCSeconds() ? `:${pad(d.getUTCSeconds())}` : ''}`;
}

/**
 * A cell's value as text. Formulas give their cached result (what the spreadsheet last showed);
 * they are never evaluated, and one saved without a result is reported rather than guessed.
 */
export function cellText(value: unknown, column: string, problems: Problem[]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  if (typeof value === 'object') {
    const v = value as { formula?: string; sharedFormula?: string; result?: unknown; error?: string; richText?: { text: string }[]; text?: unknown; hyperlink?: string };
    if (v.formula !== undefined || v.sharedFormula !== undefined) {
      if (v.result === undefined || v.result === null) {
        problems.push({ column, problem: 'the cell holds a formula saved without its result; open the file in a spreadsheet application and save it again (Vigil never evaluates formulas)' });
        return '';
      }
      return cellText(v.result, column, problems);
    }
    if (v.error !== undefined) {
      problems.push({ column, problem: `the cell holds the spreadsheet error ${v.error}` });
      return '';
    }
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text, column, problems) || (v.hyperlink ?? '');
  }
  return '';
}

/** The first sheet (or the one named) of an XLSX workbook as rows, streamed. */
export async function readXlsx(bytes: AsyncIterable<Buffer>, options: ReadOptions): Promise<TableStream> {
  const input = Readable.from(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  const sheets = reader[Symbol.asyncIterator]();
  const fail = (e: unknown): never => {
    input.destroy();
    if (isVigilError(e)) throw e;
    throw fileProblem(`it is not a readable XLSX workbook (a damaged or password-protected file?): ${e instanceof Error ? e.message : String(e)}`);
  };
  let sheet: ExcelJS.stream.xlsx.WorksheetReader | null = null;
  const names: string[] = [];
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const name = String((next.value as unknown as { name?: string }).name ?? `Sheet${names.length + 1}`);
      names.push(name);
      if (options.sheet === undefined || options.sheet === name) {
        sheet = next.value;
        break;
      }
      for await (const _row of next.value) {
        // another sheet: read past it
      }
    }
  } catch (e) {
    fail(e);
  }
  if (!sheet) {
    input.destroy();
    throw fileProblem(options.sheet ? `it has no sheet called "${options.sheet}" (its sheets: ${names.map((n) => `"${n}"`).join(', ')})` : 'the workbook has no sheets');
  }
  const rowsOf = sheet[Symbol.asyncIterator]();
  let columns: string[] | null = null;
  let header: { row: number; values: unknown[] } | null = null;
  try {
    for (;;) {
      const next = await rowsOf.next();
      if (next.done) break;
      const values = (next.value.values as unknown[]).slice(1);
      const texts = values.map((v, i) => cellText(v, `column ${i + 1}`, []));
      if (texts.some((t) => t.trim() !== '')) {
        header = { row: next.value.number, values: texts };
        columns = headerOf(texts, options.maxCellLength);
        break;
      }
    }
  } catch (e) {
    fail(e);
  }
  if (!columns || !header) {
    input.destroy();
    throw fileProblem('the file is empty (the sheet has no header row)');
  }
  const cols = columns;
  async function* rows(): AsyncGenerator<TableRow> {
    try {
      for (;;) {
        const next = await rowsOf.next();
        if (next.done) return;
        const values = (next.value.values as unknown[]).slice(1);
        const problems: Problem[] = [];
        const cells: Record<string, string> = {};
        cols.forEach((c, i) => {
          const text = cellText(values[i], c, problems);
          if (text.length > options.maxCellLength) {
            problems.push(tooLong(c, text.length, options.maxCellLength));
            cells[c] = '';
          } else cells[c] = text;
        });
        const extra = values.slice(cols.length).filter((v) => cellText(v, '', []).trim() !== '').length;
        if (extra > 0) problems.push({ column: null, problem: `has ${extra} filled cell(s) right of the last headed column` });
        if (Object.values(cells).every((v) => v.trim() === '') && problems.length === 0) continue;
        yield { row: next.value.number, cells, problems };
      }
    } catch (e) {
      fail(e);
    } finally {
      input.destroy();
    }
  }
  return { format: 'xlsx', encoding: null, delimiter: null, sheet: names[names.length - 1] ?? null, columns, rows: rows() };
}
