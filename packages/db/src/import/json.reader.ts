import { type ReadOptions, type TableRow, type TableStream } from '@vigil/core';
import { decideEncoding, decode, fileProblem } from './bytes.js';
import { tooLong } from './header.js';

/** One array element larger than this is refused (a list of people has small objects). */
export const MAX_ELEMENT_CHARS = 8 * 1024 * 1024;

/**
 * Elements of a top-level JSON array, one at a time: the text of each element is cut out by
 * tracking strings and nesting, then parsed alone, so a file of a million objects is never held.
 */
async function* elements(text: AsyncIterable<string>): AsyncGenerator<string> {
  let state: 'start' | 'between' | 'element' | 'end' = 'start';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let current = '';
  let line = 1;
  const where = () => ` (line ${line})`;
  for await (const chunk of text) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i] as string;
      if (ch === '\n') line++;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === '\\') escaped = true;
          else if (ch === '"') inString = false;
          continue;
        }
        if (ch === '"') inString = true;
        else if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          if (depth === 0) {
            // The array's own closing bracket after a scalar element.
            current += chunk.slice(from, i);
            yield current;
            current = '';
            state = 'end';
            from = i + 1;
            continue;
          }
          depth--;
        } else if (ch === ',' && depth === 0) {
          current += chunk.slice(from, i);
          yield current;
          current = '';
          state = 'between';
          from = i + 1;
          continue;
        }
        if (depth === 0 && (ch === '}' || ch === ']')) {
          current += chunk.slice(from, i + 1);
          yield current;
          current = '';
          state = 'between';
          from = i + 1;
        }
        continue;
      }
      if (/\s/.test(ch) || ch === '\uFEFF') continue;
      if (state === 'start') {
        if (ch !== '[') throw fileProblem(`it is JSON but not an array of objects: it starts with "${ch}"${where()}`);
        state = 'between';
      } else if (state === 'between') {
        if (ch === ',') continue;
        if (ch === ']') {
          state = 'end';
          continue;
        }
        state = 'element';
        depth = ch === '{' || ch === '[' ? 1 : 0;
        inString = ch === '"';
        from = i;
      } else {
        throw fileProblem(`there is text after the end of the JSON array${where()}`);
      }
    }
    if (state === 'element') {
      current += chunk.slice(from);
      if (current.length > MAX_ELEMENT_CHARS) throw fileProblem(`an element of the array is longer than ${MAX_ELEMENT_CHARS / 1024 / 1024} M characters${where()}`);
    }
  }
  const final = state as string;
  if (final === 'start') throw fileProblem('the file is empty');
  if (final !== 'end') throw fileProblem('the JSON array is never closed (the file is cut short?)');
}

function cellOf(value: unknown, column: string, problems: TableRow['problems']): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) return value.filter((v) => v !== null).map(String).join('\n');
  problems.push({ column, problem: 'holds a nested object; flatten the file so each value is text, a number or a list of them' });
  return '';
}

/** A JSON array of objects as rows; row N is the N-th element. Keys are the columns. */
export async function readJson(head: Buffer, bytes: AsyncIterable<Buffer>, complete: boolean, options: ReadOptions): Promise<TableStream> {
  const decision = decideEncoding(head, options.encoding, complete);
  const source = elements(decode(bytes, decision));
  // Read the first element now, so an empty or non-array file is refused when opened.
  const first = await source.next();
  async function* rows(): AsyncGenerator<TableRow> {
    let row = 0;
    let next = first;
    while (!next.done) {
      row++;
      let value: unknown;
      try {
        value = JSON.parse(next.value);
      } catch (e) {
        throw fileProblem(`element ${row} of the array is not valid JSON: ${(e as Error).message}`);
      }
      const problems: TableRow['problems'] = [];
      const cells: Record<string, string> = {};
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        problems.push({ column: null, problem: 'is not an object ({"column": "value", …})' });
      } else {
        for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
          const text = cellOf(v, key, problems);
          if (text.length > options.maxCellLength) {
            problems.push(tooLong(key, text.length, options.maxCellLength));
            cells[key] = '';
          } else cells[key] = text;
        }
      }
      yield { row, cells, problems };
      next = await source.next();
    }
  }
  return { format: 'json', encoding: decision.label, delimiter: null, sheet: null, columns: null, rows: rows() };
}
