import { csvCell } from '../publish/open-data.service.js';
import { type RowProblem } from './ports.js';

/**
 * The row-level error report: row, column, problem (RFC 4180; a cell a spreadsheet would run as a
 * formula, = + - @ tab CR, is prefixed with an apostrophe by csvCell). A last line says when the
 * list was cut.
 */
export function problemsCsv(problems: readonly RowProblem[], total = problems.length): string {
  const lines = ['row,column,problem', ...problems.map((p) => [p.row ?? '', p.column ?? '', p.problem].map(csvCell).join(','))];
  if (total > problems.length) lines.push(['', '', `… and ${total - problems.length} more problems, not kept; fix these and import again to see them`].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
