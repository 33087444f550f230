import fs from 'node:fs';
import { renderReport, REPORT_FORMATS, type ReportFormat, VigilError } from '@vigil/core';
import { type Command, Option } from 'commander';
import { cliActor, type GlobalOptions, withServices } from '../context.js';
import { type Io } from '../io.js';
import { render } from '../output.js';

/** Scope flags shared by `report` and `data`: --event (repeatable), --from, --to, --city. */
export function addScopeOptions(cmd: Command): Command {
  return cmd
    .option('--event <id>', 'an event to cover (repeat for several)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--from <date>', 'first local date, YYYY-MM-DD')
    .option('--to <date>', 'last local date, YYYY-MM-DD')
    .option('--city <name>', 'one city');
}

/** The scope flags as the services' raw query (validated there, like an HTTP query string). */
export function scopeOf(opts: { event?: string[]; from?: string; to?: string; city?: string }): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  if (opts.event) raw.eventId = opts.event;
  if (opts.from !== undefined) raw.from = opts.from;
  if (opts.to !== undefined) raw.to = opts.to;
  if (opts.city !== undefined) raw.city = opts.city;
  return raw;
}

/** Writes to a file via a temporary name (never a half-written report), or text to stdout. */
export function writeOutput(io: Io, body: Buffer | string, out: string | undefined): void {
  if (!out) {
    if (typeof body !== 'string') throw new VigilError('VALIDATION_FAILED', 'PDF and DOCX are binary: give --out FILE', [{ path: 'out', problem: 'is required for pdf and docx' }]);
    io.out(body);
    return;
  }
  fs.writeFileSync(`${out}.partial`, body);
  fs.renameSync(`${out}.partial`, out);
  io.err(`Wrote ${out}\n`);
}

const asOption = () => new Option('--as <format>', 'document format').choices([...REPORT_FORMATS]).default('html');

/** report render|publish|list|show|withdraw: redacted reports in HTML, PDF, DOCX or JSON. */
export function registerReportCommands(program: Command, io: Io, globals: () => GlobalOptions): void {
  const report = program.command('report').description('redacted reports: summary figures, per-city lists, chronology, official figures, methodology');

  addScopeOptions(report.command('render').description('render a report for a scope without publishing it'))
    .addOption(asOption())
    .option('--title <text>', 'report title')
    .option('--out <file>', 'write to a file (required for pdf and docx)')
    .action(async (opts: { as: ReportFormat; title?: string; out?: string; event?: string[]; from?: string; to?: string; city?: string }) => {
      if ((opts.as === 'pdf' || opts.as === 'docx') && !opts.out) throw new VigilError('VALIDATION_FAILED', 'PDF and DOCX are binary: give --out FILE', [{ path: 'out', problem: 'is required for pdf and docx' }]);
      const rendered = await withServices(globals(), async (s) => renderReport(await s.reports.build({ ...scopeOf(opts), ...(opts.title ? { title: opts.title } : {}) }), opts.as));
      writeOutput(io, rendered.body, opts.out);
    });

  addScopeOptions(report.command('publish').description('publish a report: its redacted model is stored and served (also by `serve --public`)'))
    .option('--title <text>', 'report title')
    .action(async (opts: { title?: string; event?: string[]; from?: string; to?: string; city?: string }) => {
      const g = globals();
      const meta = await withServices(g, (s) => s.reports.publish({ ...scopeOf(opts), ...(opts.title ? { title: opts.title } : {}) }, cliActor()));
      io.out(render(g.format, { id: meta.id, title: meta.title, publishedAt: meta.publishedAt }, ['id', 'title', 'publishedAt']));
    });

  report.command('list').description('published reports').option('--include-withdrawn', 'also withdrawn ones').action(async (opts: { includeWithdrawn?: boolean }) => {
    const g = globals();
    const items = await withServices(g, (s) => s.reports.list(Boolean(opts.includeWithdrawn)));
    io.out(render(g.format, items.map((r) => ({ id: r.id, title: r.title, publishedAt: r.publishedAt, publishedBy: r.publishedBy, withdrawnAt: r.withdrawnAt })), ['id', 'title', 'publishedAt', 'publishedBy', 'withdrawnAt']));
  });

  report.command('show <id>').description('render a published report').addOption(asOption()).option('--out <file>', 'write to a file').action(async (id: string, opts: { as: ReportFormat; out?: string }) => {
    const rendered = await withServices(globals(), async (s) => renderReport((await s.reports.get(id)).model, opts.as));
    writeOutput(io, rendered.body, opts.out);
  });

  report.command('withdraw <id>').description('withdraw a published report').action(async (id: string) => {
    const g = globals();
    const meta = await withServices(g, (s) => s.reports.withdraw(id, cliActor()));
    io.out(render(g.format, { id: meta.id, title: meta.title, withdrawnAt: meta.withdrawnAt }, ['id', 'title', 'withdrawnAt']));
  });
}
