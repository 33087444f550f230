import fs from 'node:fs';
import { VigilError } from '@vigil/core';
import { startServer } from '@vigil/server';
import { type Command } from 'commander';
import { type GlobalOptions, withServices } from '../context.js';
import { type Io } from '../io.js';
import { render } from '../output.js';

/** serve, db migrate|status, export json, import json, demo load. */
export function registerSystemCommands(program: Command, io: Io, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('serve the web app and API (default http://127.0.0.1:4100)')
    .option('--port <port>', 'port', process.env.PORT ?? '4100')
    .option('--host <host>', 'interface to listen on', process.env.VIGIL_HOST ?? '127.0.0.1')
    .option('--demo', 'load the demo dataset into an empty database first')
    .option('--public', 'serve only published reports and aggregate statistics, read-only')
    .action(async (opts: { port: string; host: string; demo?: boolean; public?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new VigilError('VALIDATION_FAILED', `--port must be a port number (got "${opts.port}")`, [{ path: 'port', problem: 'not a port number' }]);
      const app = await startServer({ dataDir: globals().data, server: { port, host: opts.host, demo: Boolean(opts.demo) || process.env.VIGIL_DEMO === '1', publicMode: Boolean(opts.public) || process.env.VIGIL_PUBLIC === '1' }, log: (l) => io.err(`${l}\n`) });
      await new Promise<void>((resolve) => {
        const stop = () => void app.close().then(() => resolve());
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  const db = program.command('db').description('database schema');
  db.command('migrate')
    .description('apply pending migrations')
    .action(async () => {
      const applied = await withServices(globals(), (s) => s.repos.schema.migrate(), false);
      io.out(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Already up to date.\n');
    });
  db.command('status')
    .description('list migrations and whether each is applied')
    .action(async () => {
      const g = globals();
      const rows = await withServices(g, async (s) => (await s.repos.schema.status()).map((m) => ({ ...m, state: m.appliedAt ? 'applied' : 'pending', database: s.repos.schema.describe })), false);
      io.out(render(g.format, rows, ['name', 'state', 'appliedAt', 'database']));
    });

  program
    .command('export')
    .description('export the whole database')
    .argument('<kind>', 'json (lossless, every table)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (kind: string, opts: { out?: string }) => {
      if (kind !== 'json') throw new VigilError('VALIDATION_FAILED', `unknown export kind "${kind}" (supported: json)`, [{ path: 'kind', problem: 'unsupported' }]);
      await withServices(globals(), async (s) => {
        if (!opts.out) return s.transfer.exportJson((chunk) => io.out(chunk));
        const tmp = `${opts.out}.partial`;
        const stream = fs.createWriteStream(tmp);
        await s.transfer.exportJson((chunk) => new Promise<void>((resolve) => (stream.write(chunk) ? resolve() : stream.once('drain', resolve))));
        await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
        fs.renameSync(tmp, opts.out);
        io.err(`Exported to ${opts.out}\n`);
      });
    });

  program
    .command('import')
    .description('import a whole-database export into an empty database')
    .argument('<kind>', 'json')
    .argument('<file>', 'the export file ("-" for stdin)')
    .action(async (kind: string, file: string) => {
      if (kind !== 'json') throw new VigilError('VALIDATION_FAILED', `unknown import kind "${kind}" (supported: json)`, [{ path: 'kind', problem: 'unsupported' }]);
      let dump: unknown;
      try {
        dump = JSON.parse(await io.readInput(file));
      } catch (e) {
        throw new VigilError('MALFORMED_JSON', `${file} is not valid JSON: ${(e as Error).message}`, [{ path: '', problem: 'malformed JSON' }]);
      }
      const counts = await withServices(globals(), (s) => s.transfer.importJson(dump));
      io.err(`Imported ${Object.entries(counts).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t}`).join(', ')}\n`);
    });

  program
    .command('demo')
    .description('demo data')
    .argument('<action>', 'load')
    .action(async (action: string) => {
      if (action !== 'load') throw new VigilError('VALIDATION_FAILED', `unknown demo action "${action}" (supported: load)`, [{ path: 'action', problem: 'unsupported' }]);
      const counts = await withServices(globals(), (s) => s.demo.load(cliActor()));
      io.err(`Loaded the 21 May 2016 coalition report: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
    });
}

function cliActor(): string {
  return `cli:${process.env.USER ?? 'unknown'}`;
}
