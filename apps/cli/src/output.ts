export type Format = 'json' | 'table' | 'csv';
type Row = Record<string, unknown>;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** RFC 4180 quoting, and cells that a spreadsheet would run as a formula are defused. */
export function csvCell(value: unknown): string {
  let text = cell(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Row[], columns: string[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

export function toTable(rows: Row[], columns: string[]): string {
  if (rows.length === 0) return '(none)\n';
  const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
  const body = rows.map((r) => columns.map((c) => clip(cell(r[c]).replace(/\s+/g, ' '))));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((line) => (line[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}

/** Prints records in the chosen format; table and csv show the given columns. */
export function render(format: Format, data: Row | Row[], columns: string[]): string {
  const rows = Array.isArray(data) ? data : [data];
  if (format === 'json') return JSON.stringify(data, null, 2) + '\n';
  if (format === 'csv') return toCsv(rows, columns);
  if (!Array.isArray(data)) return Object.entries(data).map(([k, v]) => `${k.padEnd(24)} ${cell(v)}`).join('\n') + '\n';
  return toTable(rows, columns);
}
