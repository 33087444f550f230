import fs from 'node:fs';
import { OPEN_DATA_FORMATS } from '@vigil/core';
import { type Command, Option } from 'commander';
import { type GlobalOptions, withServices } from '../context.js';
import { type Io } from '../io.js';
import { render } from '../output.js';
import { addScopeOptions, scopeOf } from './report.js';

type ScopeOpts = { event?: string[]; from?: string; to?: string; city?: string };

/** data export|stats: redacted open data (streamed, constant memory) and aggregate statistics. */
export function registerDataCommands(program: Command, io: Io, globals: () => GlobalOptions): void {
  const data = program.command('data').description('open data and statistics, redacted');

  addScopeOptions(data.command('export').description('export open data: detentions or events as csv, json, geojson; events as ACLED csv').argument('<dataset>', 'detentions | events'))
    .addOption(new Option('--as <format>', 'file format').choices([...OPEN_DATA_FORMATS]).default('csv'))
    .option('--out <file>', 'write to a file (progress on stderr) instead of stdout')
    .action(async (dataset: string, opts: ScopeOpts & { as: string; out?: string }) => {
      await withServices(globals(), async (s) => {
        const request = s.openData.parse(dataset, opts.as, scopeOf(opts));
        if (!opts.out) {
          await s.openData.export(request, { write: (chunk) => io.out(chunk) });
          return;
        }
        const tmp = `${opts.out}.partial`;
        const stream = fs.createWriteStream(tmp);
        const count = await s.openData.export(request, {
          write: (chunk) => new Promise<void>((resolve, reject) => {
            stream.once('error', reject);
            if (stream.write(chunk)) resolve();
            else stream.once('drain', resolve);
          }),
          progress: (done, total) => io.err(`\rexported ${done} of ${total}`),
        });
        await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
        fs.renameSync(tmp, opts.out);
        io.err(`\nExported ${count} ${dataset} to ${opts.out}\n`);
      });
    });

  addScopeOptions(data.command('stats').description('detentions and distinct people, by a dimension, or the reconciliation table'))
    .addOption(new Option('--by <dimension>', 'breakdown').choices(['date', 'city', 'role', 'outcome', 'charge', 'legal-basis', 'reconciliation']).default('reconciliation'))
    .action(async (opts: ScopeOpts & { by: string }) => {
      const g = globals();
      if (opts.by === 'reconciliation') {
        const o = await withServices(g, (s) => s.stats.overview(scopeOf(opts)));
        if (g.format === 'json') return io.out(render('json', o as unknown as Record<string, unknown>, []));
        const rows = o.reconciliation.rows.map((r) => ({
          where: r.area ?? 'All', what: r.label, detentions: r.documented.detentions, people: r.documented.people,
          claimed: r.claimed.map((c) => `${c.text} (${c.claimedBy ?? 'unattributed'})`).join('; '),
          official: r.official.map((f) => `${f.value} (${f.issuer}, ${f.issuedOn})`).join('; '),
        }));
        io.out(render(g.format, rows, ['where', 'what', 'detentions', 'people', 'claimed', 'official']));
        return undefined;
      }
      const result = await withServices(g, (s) => s.stats.breakdown(opts.by, scopeOf(opts)));
      io.out(render(g.format, g.format === 'json' ? { ...result } : result.rows.map((r) => ({ key: r.label, detentions: r.detentions, people: r.people })), ['key', 'detentions', 'people']));
      return undefined;
    });
}
