import fs from 'node:fs';
import {
  type ImportActor, type ImportMapping, type ImportProgress, type MergeView, type MergeViewer, readScope, type Services, type StoredImportRun, systemActor, VigilError,
} from '@vigil/core';
import cliProgress from 'cli-progress';
import { type Command } from 'commander';
import { cliActor, type GlobalOptions, withServices } from '../context.js';
import { type Io } from '../io.js';
import { render } from '../output.js';

const who = (): ImportActor => ({ id: cliActor(), name: cliActor(), address: null });
const admin: MergeViewer = { scope: readScope(systemActor('cli')), role: 'admin' };

interface ImportOptions {
  mapping?: string;
  dryRun?: boolean;
  problems?: string;
  saveMapping?: string;
  progress?: boolean;
}

/** A mapping file (JSON), or else the name or id of a saved mapping. */
async function mappingFrom(services: Services, ref: string, io: Io): Promise<{ mapping: ImportMapping; mappingId: string | null; raw: unknown }> {
  if (fs.existsSync(ref)) {
    let raw: unknown;
    try {
      raw = JSON.parse(await io.readInput(ref));
    } catch (e) {
      throw new VigilError('MALFORMED_JSON', `${ref} is not valid JSON: ${(e as Error).message}`, [{ path: 'mapping', problem: 'malformed JSON' }]);
    }
    return { mapping: services.imports.parseMapping(raw), mappingId: null, raw };
  }
  const saved = await services.imports.resolveMapping({ mappingId: ref });
  return { ...saved, raw: null };
}

/** A progress bar on stderr while a terminal watches; silent when stderr is a pipe or a file. */
function progressBar(enabled: boolean): { update: (p: ImportProgress) => void; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr, hideCursor: true, clearOnComplete: false,
    format: '{phase} |{bar}| {value}/{total} rows | {duration_formatted}',
  }, cliProgress.Presets.shades_classic);
  let phase: ImportProgress['phase'] | null = null;
  return {
    update: (p) => {
      if (p.phase !== phase) {
        if (phase !== null) bar.stop();
        phase = p.phase;
        bar.start(p.total ?? p.done, p.done, { phase: p.phase === 'checking' ? 'checking' : 'importing' });
      }
      if (p.total === null) bar.setTotal(Math.max(p.done, 1));
      bar.update(p.done);
    },
    stop: () => {
      if (phase !== null) bar.stop();
    },
  };
}

function summary(run: StoredImportRun): string {
  const created = Object.entries(run.created).map(([entity, n]) => `${n} ${entity}${n === 1 ? '' : 's'}`).join(', ') || 'nothing';
  const verb = run.dryRun ? 'Dry run: would import' : 'Imported';
  return `${verb} ${run.rows.imported} of ${run.rows.total} rows (${run.rows.skipped} already imported, ${run.rows.failed} with problems); ${run.dryRun ? 'would create' : 'created'}: ${created}.`
    + (run.dryRun ? '' : ` Candidate pairs for review: ${run.candidates}${run.candidates ? ' (vigil merges list)' : ''}.`);
}

/** A run as one line of `vigil imports list`; an interrupted run keeps its message there. */
function runRow(run: StoredImportRun): Record<string, unknown> {
  return {
    id: run.id, status: run.dryRun ? `${run.status} (dry run)` : run.status, target: run.target, file: run.fileName, started: run.startedAt,
    rows: `${run.rows.done}/${run.rows.total}`, imported: run.rows.imported, failed: run.rows.failed, problems: run.problemCount, message: run.message ?? '',
  };
}

function mergeRow(m: MergeView): Record<string, unknown> {
  const label = (p: MergeView['personA']) => `${p.names?.join(' / ') ?? p.pseudonym ?? p.id}${p.deleted ? ' (deleted)' : ''}`;
  return { id: m.id, status: m.status, score: m.score, personA: label(m.personA), personB: label(m.personB), reasons: (m.reasons ?? []).join('; '), survivor: m.survivorId ?? '' };
}

/**
 * `vigil import FILE --mapping M.json [--dry-run]`: a partner's list through a column mapping.
 * `vigil import json EXPORT` (the whole-database import of `vigil export json`) keeps working: the
 * command registered by system.ts is taken over here and called for that form.
 */
export function registerImportCommands(program: Command, io: Io, globals: () => GlobalOptions): void {
  const wholeDatabase = program.commands.find((c) => c.name() === 'import') ?? null;
  if (wholeDatabase) (program.commands as Command[]).splice(program.commands.indexOf(wholeDatabase), 1);

  program
    .command('import')
    .description('import a partner\'s list (CSV, XLSX, JSON array) through a column mapping (docs/IMPORT.md); `import json EXPORT` loads a whole-database export into an empty database')
    .argument('<file>', 'the list to import (or "json", then a file made by `vigil export json`)')
    .argument('[export]', 'with "json": the whole-database export ("-" for stdin)')
    .option('--mapping <file|name>', 'the column mapping: a JSON file, or the name of a saved mapping')
    .option('--dry-run', 'read, check and validate every row, write nothing')
    .option('--problems <file>', 'write the row-level report (row, column, problem) as CSV')
    .option('--save-mapping <name>', 'save the mapping under this name for reuse (web wizard, --mapping NAME)')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async (file: string, exportFile: string | undefined, opts: ImportOptions) => {
      if (file === 'json' && exportFile !== undefined && !opts.mapping) {
        if (!wholeDatabase) throw new VigilError('VALIDATION_FAILED', 'whole-database import is not available', [{ path: 'kind', problem: 'unsupported' }]);
        wholeDatabase.exitOverride();
        await wholeDatabase.parseAsync(['json', exportFile], { from: 'user' });
        return;
      }
      if (exportFile !== undefined) throw new VigilError('VALIDATION_FAILED', `unexpected argument "${exportFile}" (one file at a time)`, [{ path: 'file', problem: 'one file at a time' }]);
      if (!opts.mapping) throw new VigilError('VALIDATION_FAILED', '--mapping is required: a JSON mapping file or a saved mapping\'s name (docs/IMPORT.md; docs/mappings/ has examples)', [{ path: '--mapping', problem: 'is required: a JSON mapping file or the name of a saved mapping (docs/IMPORT.md; docs/mappings/ has examples)' }]);
      if (!fs.existsSync(file)) throw new VigilError('VALIDATION_FAILED', `there is no file ${file}`, [{ path: 'file', problem: `there is no file ${file}` }]);
      const g = globals();
      const run = await withServices(g, async (s) => {
        const { mapping, mappingId, raw } = await mappingFrom(s, opts.mapping ?? '', io);
        if (opts.saveMapping) {
          const saved = await s.imports.saveMapping({ name: opts.saveMapping, mapping: raw ?? mapping }, cliActor());
          io.err(`Saved the mapping as "${saved.name}" (${saved.id}).\n`);
        }
        const bar = progressBar(opts.progress !== false);
        try {
          return await s.imports.run(s.imports.localFile(file), mapping, who(), { dryRun: Boolean(opts.dryRun), mappingId, onProgress: bar.update });
        } finally {
          bar.stop();
        }
      });
      if (opts.problems) {
        const csv = await withServices(g, (s) => s.imports.problemsCsv(run.id));
        fs.writeFileSync(opts.problems, csv);
      }
      if (g.format === 'json') io.out(render('json', { ...run, mapping: undefined }, []));
      if (run.status === 'refused' || run.status === 'failed') {
        const reasons = run.problems.filter((p) => p.row === null).map((p) => `  ${p.column ? `${p.column}: ` : ''}${p.problem}\n`).join('');
        throw new VigilError(run.status === 'refused' ? 'VALIDATION_FAILED' : 'INTERNAL', `${run.message ?? 'The import did not finish'}\n${reasons}`.trimEnd());
      }
      io.err(`${summary(run)}\n`);
      if (g.format !== 'json') io.out(render(g.format, { run: run.id, status: run.status, ...run.rows, created: run.created, candidates: run.candidates, problems: run.problemCount }, []));
      if (run.problemCount > 0) {
        const shown = run.problems.slice(0, 20);
        io.err(`Problems (${run.problemCount}${opts.problems ? `, all in ${opts.problems}` : '; --problems FILE writes them all as CSV'}):\n${shown.map((p) => `  row ${p.row ?? '-'}${p.column ? `, ${p.column}` : ''}: ${p.problem}\n`).join('')}`);
      }
      if (run.rows.failed > 0) throw new VigilError('VALIDATION_FAILED', `${run.rows.failed} row(s) were not imported; fix them and import the file again (rows already imported are skipped)`);
    });

  const imports = program.command('imports').description('import runs: status (done, refused, failed, interrupted…), counts, problems');
  imports.command('list')
    .description('runs, newest first (a run left "running" by a stopped process shows as interrupted)')
    .option('--limit <n>', 'how many', '20')
    .option('--cursor <cursor>', 'the next page')
    .action(async (opts: { limit: string; cursor?: string }) => {
      const g = globals();
      const page = await withServices(g, (s) => s.imports.listRuns(Math.min(200, Math.max(1, Number(opts.limit) || 20)), opts.cursor));
      io.out(render(g.format, g.format === 'json' ? page.items.map((r) => ({ ...r, mapping: undefined })) : page.items.map(runRow), ['id', 'status', 'target', 'file', 'started', 'rows', 'imported', 'failed', 'problems', 'message']));
      if (page.nextCursor) io.err(`More: --cursor ${page.nextCursor}\n`);
    });
  imports.command('show')
    .argument('<id>', 'run id')
    .description('one run: status, message, counts, records created and its first problems')
    .option('--problems <file>', 'write the row-level report (row, column, problem) as CSV')
    .action(async (id: string, opts: { problems?: string }) => {
      const g = globals();
      const { run, csv } = await withServices(g, async (s) => ({ run: await s.imports.getRun(id), csv: opts.problems ? await s.imports.problemsCsv(id) : null }));
      if (opts.problems && csv !== null) fs.writeFileSync(opts.problems, csv);
      if (g.format === 'json') io.out(render('json', { ...run, mapping: undefined }, []));
      else io.out(render(g.format, { ...runRow(run), created: run.created, candidates: run.candidates, finished: run.finishedAt ?? '' }, ['id', 'status', 'target', 'file', 'rows', 'imported', 'failed', 'problems', 'message']));
      if (g.format !== 'json' && run.problems.length > 0) {
        io.err(`Problems (${run.problemCount}${opts.problems ? `, all in ${opts.problems}` : '; --problems FILE writes them all as CSV'}):\n${run.problems.slice(0, 20).map((p) => `  row ${p.row ?? '-'}${p.column ? `, ${p.column}` : ''}: ${p.problem}\n`).join('')}`);
      }
    });

  const merges = program.command('merges').description('candidate pairs of persons that may be one: review, accept, reject, unmerge');
  merges.command('list')
    .description('pairs, best score first (default: pending)')
    .option('--status <status>', 'pending, accepted, rejected, unmerged')
    .option('--person <id>', 'pairs involving this person')
    .option('--run <id>', 'pairs found by this import run')
    .option('--limit <n>', 'how many', '50')
    .option('--cursor <cursor>', 'the next page')
    .action(async (opts: { status?: string; person?: string; run?: string; limit: string; cursor?: string }) => {
      const g = globals();
      const page = await withServices(g, (s) => s.merges.list({ status: opts.status, personId: opts.person, runId: opts.run, limit: opts.limit, cursor: opts.cursor }, admin));
      io.out(render(g.format, g.format === 'json' ? (page.items as unknown as Record<string, unknown>[]) : page.items.map(mergeRow), ['id', 'status', 'score', 'personA', 'personB', 'reasons', 'survivor']));
      if (page.nextCursor) io.err(`More: --cursor ${page.nextCursor}\n`);
    });
  merges.command('show')
    .argument('<id>', 'pair id')
    .description('one pair, both persons and its decisions')
    .action(async (id: string) => {
      const g = globals();
      const detail = await withServices(g, (s) => s.merges.get(id, admin));
      io.out(render(g.format === 'table' ? 'json' : g.format, detail as unknown as Record<string, unknown>, []));
    });
  merges.command('scan')
    .description('look for candidate pairs among everyone recorded (or --person ID …)')
    .option('--person <id...>', 'only these persons')
    .action(async (opts: { person?: string[] }) => {
      const result = await withServices(globals(), (s) => s.merges.scan(opts.person ? { personIds: opts.person } : { all: true }));
      io.err(`Scanned ${result.persons} persons: ${result.candidates} new candidate pairs.\n`);
    });
  const decide = (name: 'accept' | 'reject' | 'unmerge', description: string) => {
    const cmd = merges.command(name).argument('<id>', 'pair id').description(description).option('--note <text>', 'why (kept with the decision)');
    if (name === 'accept') cmd.option('--survivor <personId>', 'which person keeps its id (default: the one recorded first)');
    if (name === 'unmerge') cmd.option('--force', 'even if the surviving person was edited after the merge (those edits are undone; history keeps them)');
    cmd.action(async (id: string, opts: { note?: string; survivor?: string; force?: boolean }) => {
      const g = globals();
      const result = await withServices(g, async (s) => {
        if (name === 'accept') return s.merges.accept(id, { note: opts.note, survivorId: opts.survivor }, who(), admin);
        if (name === 'reject') return s.merges.reject(id, { note: opts.note }, who(), admin);
        return s.merges.unmerge(id, { note: opts.note, force: opts.force }, who(), admin);
      });
      io.out(render(g.format, g.format === 'json' ? (result as unknown as Record<string, unknown>) : mergeRow(result), ['id', 'status', 'score', 'personA', 'personB', 'reasons', 'survivor']));
      for (const w of 'warnings' in result ? (result.warnings as string[]) : []) io.err(`warning: ${w}\n`);
    });
  };
  decide('accept', 'merge the pair into one person (every name, role, source, detention kept)');
  decide('reject', 'not the same person: remembered, never proposed again');
  decide('unmerge', 'undo an accepted merge: both persons as they were');
}
