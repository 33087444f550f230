import { Readable } from 'node:stream';
import { type ReadOptions, type TableRow, type TableStream } from '@vigil/core';
import { CsvError, parse } from 'csv-parse';
import { decideEncoding, decode, fileProblem } from './bytes.js';
import { headerOf, tooLong } from './header.js';

/** A row (a record) longer than this is refused as a whole file: it is a broken quote, not data. */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;
const DELIMITERS = [',', ';', '\t', '|'];

/** The separator used most often outside quotes on the first line. */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}

/** Text chunks, with the first line available before the rest is read. */
async function firstLineOf(text: AsyncGenerator<string>): Promise<{ first: string; all: AsyncIterable<string> }> {
  let buffered = '';
  let done = false;
  while (!/[\r\n]/.test(buffered) && buffered.length < 1024 * 1024) {
    const next = await text.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered += next.value;
  }
  async function* all(): AsyncGenerator<string> {
    if (buffered) yield buffered;
    if (done) return;
    for await (const chunk of { [Symbol.asyncIterator]: () => text }) yield chunk;
  }
  return { first: buffered.split(/\r\n|\n|\r/)[0] ?? '', all: all() };
}

function csvProblem(e: CsvError): never {
  const where = typeof (e as CsvError & { lines?: number }).lines === 'number' ? ` (near line ${(e as CsvError & { lines: number }).lines})` : '';
  const what: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
    CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by more text in the same cell',
    CSV_MAX_RECORD_SIZE: `a row is longer than ${MAX_RECORD_CHARS / 1024 / 1024} M characters (a quote left open?)`,
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by more text in the same cell',
  };
  throw fileProblem(`it is not well-formed CSV: ${what[e.code] ?? e.message}${where}`);
}

/** A CSV file as rows: header first, then every record; row numbers as a spreadsheet shows them. */
export async function readCsv(head: Buffer, bytes: AsyncIterable<Buffer>, complete: boolean, options: ReadOptions): Promise<TableStream> {
  const decision = decideEncoding(head, options.encoding, complete);
  const { first, all } = await firstLineOf(decode(bytes, decision));
  const delimiter = options.delimiter ?? detectDelimiter(first);
  const parser = parse({ delimiter, relax_column_count: true, max_record_size: MAX_RECORD_CHARS, bom: true, info: false, skip_empty_lines: false });
  const input = Readable.from(all);
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const next = async (): Promise<IteratorResult<string[]>> => {
    try {
      return await records.next();
    } catch (e) {
      if (e instanceof CsvError) csvProblem(e);
      throw e;
    }
  };
  let row = 0;
  let header: string[] | null = null;
  for (;;) {
    const r = await next();
    if (r.done) break;
    row++;
    if (r.value.some((c) => c.trim() !== '')) {
      header = headerOf(r.value, options.maxCellLength);
      break;
    }
  }
  if (!header) {
    input.destroy();
    throw fileProblem('the file is empty');
  }
  const columns = header;
  async function* rows(): AsyncGenerator<TableRow> {
    try {
      for (;;) {
        const r = await next();
        if (r.done) return;
        row++;
        const values = r.value;
        if (values.every((c) => c.trim() === '')) continue;
        const problems: TableRow['problems'] = [];
        const cells: Record<string, string> = {};
        columns.forEach((c, i) => {
          const v = values[i] ?? '';
          if (v.length > options.maxCellLength) {
            problems.push(tooLong(c, v.length, options.maxCellLength));
            cells[c] = '';
          } else cells[c] = v;
        });
        const extra = values.slice(columns.length).filter((v) => v.trim() !== '').length;
        if (values.length < columns.length || extra > 0) {
          problems.push({ column: null, problem: `has ${values.length} cells where the header has ${columns.length} (a separator or a line break inside an unquoted cell?)` });
        }
        yield { row, cells, problems };
      }
    } finally {
      input.destroy();
      parser.destroy();
    }
  }
  return { format: 'csv', encoding: decision.label, delimiter, sheet: null, columns, rows: rows() };
}
