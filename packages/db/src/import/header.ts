import { fileProblem } from './bytes.js';

/**
 * Column names from a header row: trimmed; a blank one becomes "column 3"; a repeated one
 * "name (2)", so every cell has a name a mapping can use.
 */
export function headerOf(values: string[], maxCellLength: number): string[] {
  const seen = new Map<string, number>();
  return values.map((raw, i) => {
    if (raw.length > maxCellLength) throw fileProblem(`the header cell of column ${i + 1} is ${raw.length} characters long; the limit is ${maxCellLength}`);
    const base = raw.replace(/^\uFEFF/, '').replace(/\s+/g, ' ').trim() || `column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** The problem of a cell over the limit (its content is not repeated). */
export function tooLong(column: string, length: number, max: number): { column: string; problem: string } {
  return { column, problem: `the cell is ${length.toLocaleString('en-US')} characters long; the limit is ${max.toLocaleString('en-US')}` };
}
