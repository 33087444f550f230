/**
 * Bulk intake: a partner's list (CSV, XLSX, JSON) + a mapping → records, through the record
 * service (validation, history), in batches.
 *
 * A run reads the file twice, never holding it whole:
 *   1. check: every row is read (encoding, structure, the mapped columns present, at least one
 *      row); a problem with the file itself refuses the run before anything is written;
 *   2. write: rows are mapped and written in batches, one transaction each: each row's records
 *      are validated as the record service validates any record, then the batch's records are
 *      written together (multi-row inserts; each keeps its history and audit entry). A row that fails
 *      (a date it cannot read, an unknown code) is reported with its row and column and left out;
 *      the others commit. A row is never half-written: when one row of a batch fails, the batch
 *      is rolled back and replayed row by row, each row in its own transaction.
 * Every written row leaves a source key (a keyed hash of the dataset + its id columns or its
 * content), so importing the same list again creates nothing new. A dry run does all of it and
 * rolls every batch back. Persons created are matched against everyone already recorded
 * (MergeService) after each batch.
 */
import { isVigilError, notFound, validationError, VigilError } from '../errors.js';
import { newId } from '../ids.js';
import { ENTITIES, type EntityName } from '../records/entities.js';
import { valuesAt } from '../records/paths.js';
import { parseInput } from '../records/validate.js';
import { type Repositories, type StoredRecord } from '../repositories.js';
import { type Services } from '../services/index.js';
import { type StagedCreate } from '../services/record.service.js';
import { type ImportCatalogue, importCatalogue } from './fields.js';
import { columnOf, mapRow, type RowPlan } from './map-row.js';
import { fillTemplate, ImportMapping, mappedColumns, SavedMappingInput, SavedMappingPatch } from './mapping.schema.js';
import { MatchCache } from './match-cache.js';
import { type MergeService } from './merge.service.js';
import {
  type ReadOptions, type RowKeyWrite, type RowProblem, type SavedMapping, type StagedUpload, type StoredImportRun, type TableSource, type TableStream,
} from './ports.js';
import { problemsCsv } from './report.js';

/** Problems kept per run (the count goes on); the report says how many more there were. */
export const MAX_STORED_PROBLEMS = 10_000;
const DEFAULT_BATCH = 200;
/** A dry run remembers the keys it "wrote" to spot repeated rows; past this it stops (and says so). */
const MAX_DRY_KEYS = 2_000_000;
/** How often a working process refreshes its runs' heartbeat. */
export const HEARTBEAT_MS = 10_000;
/**
 * A queued or running run whose heartbeat is older than this belongs to a process that stopped
 * (six missed beats: a busy event loop is not mistaken for a dead process).
 */
export const STALE_RUN_MS = 60_000;

export interface ImportActor {
  /** Recorded in history as the author of every record written. */
  name: string;
  /** For the audit trail. */
  id: string;
  address?: string | null | undefined;
}

/** The author of record writes, as the record service records it in history and the audit trail. */
export const writer = (actor: ImportActor): { id: string; name: string; address?: string } => ({ id: actor.id, name: actor.name, ...(actor.address ? { address: actor.address } : {}) });

export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number | null;
}

export interface RunOptions {
  dryRun?: boolean;
  mappingId?: string | null;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
}

export interface PreviewRow {
  row: number;
  cells: Record<string, string>;
  status: 'new' | 'already imported' | 'changed since imported' | 'invalid';
  records: { entity: EntityName; record: StoredRecord }[];
  problems: RowProblem[];
}

export interface Preview {
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  columns: string[] | null;
  rows: PreviewRow[];
}

export interface UploadSummary {
  upload: StagedUpload;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  columns: string[] | null;
  /** The first rows as read (before any mapping). */
  sample: { row: number; cells: Record<string, string> }[];
  /** Why the file cannot be read with the default options (null when it can). */
  problem: string | null;
}

/** Thrown to roll a dry-run batch back while keeping what it found. */
class Rollback<T> extends Error {
  constructor(readonly outcome: T) {
    super('rollback');
  }
}

/** A row whose records the record service refused (or the database did). */
class RowFailure extends Error {
  constructor(
    readonly plan: RowPlan,
    override readonly cause: unknown,
  ) {
    super('row failed');
  }
}

interface BatchOutcome {
  imported: number;
  skipped: number;
  created: Partial<Record<EntityName, number>>;
  personIds: string[];
  notes: RowProblem[];
  keys: string[];
  records: Map<number, { entity: EntityName; record: StoredRecord }[]>;
  statuses: Map<number, PreviewRow['status']>;
}

const emptyOutcome = (): BatchOutcome => ({ imported: 0, skipped: 0, created: {}, personIds: [], notes: [], keys: [], records: new Map(), statuses: new Map() });

function readOptions(m: ImportMapping): ReadOptions {
  return { format: m.file.format, encoding: m.file.encoding, delimiter: m.file.delimiter, sheet: m.file.sheet, maxCellLength: m.file.maxCellLength };
}

const isRowError = (e: unknown): e is VigilError => isVigilError(e) && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT');

/** A file-level problem, as the run and the API report it. */
function refusal(problems: { column: string | null; problem: string }[], message: string): VigilError {
  const error = validationError(problems.map((p) => ({ path: p.column === null ? 'file' : `file.columns.${p.column}`, problem: p.problem })));
  return new VigilError('VALIDATION_FAILED', message, error.fields);
}

function hostAndPath(url: string): { host: string; path: string } {
  try {
    const u = new URL(url);
    return { host: u.hostname.replace(/^www\./, ''), path: `${u.pathname}${u.search}`.replace(/^\/$/, '') };
  } catch {
    return { host: '', path: '' };
  }
}

/** What an interrupted run says: what was kept, and that importing the file again is safe. */
export function interruptedMessage(run: StoredImportRun): string {
  const where = run.rows.total > 0 ? ` after ${run.rows.done} of ${run.rows.total} rows` : ' before it had read the file';
  if (run.dryRun) return `Interrupted: the process running this dry run stopped (a restart or a crash)${where}. A dry run writes nothing; run it again.`;
  return `Interrupted: the process running this import stopped (a restart or a crash)${where}. Rows imported until then are kept (at least ${run.rows.imported} by the last count). `
    + 'Import the same file with the same mapping again to finish: rows already imported are recognised by their source keys and skipped, so nothing is duplicated.';
}

export class ImportService {
  constructor(
    private readonly repos: Repositories,
    private readonly inTransaction: <T>(fn: (services: Services) => Promise<T>) => Promise<T>,
    private readonly merges: MergeService,
    private readonly now: () => string,
  ) {}

  /** The fields each kind of list can fill (for the mapping wizard). */
  fields(): ImportCatalogue {
    return { targets: importCatalogue() };
  }

  /** Validates a mapping; problems name their key (`mapping.fields.event.title`). */
  parseMapping(raw: unknown): ImportMapping {
    return parseInput(ImportMapping, raw, 'mapping');
  }

  /** A mapping given inline, or a saved one by id or name. */
  async resolveMapping(input: { mapping?: unknown; mappingId?: string | null }): Promise<{ mapping: ImportMapping; mappingId: string | null }> {
    if (input.mapping !== undefined && input.mapping !== null) return { mapping: this.parseMapping(input.mapping), mappingId: null };
    if (!input.mappingId) throw validationError([{ path: 'mapping', problem: 'is required (or mappingId, a saved mapping)' }]);
    const saved = await this.repos.imports.getMapping(input.mappingId);
    if (!saved) throw notFound('saved mapping', input.mappingId);
    return { mapping: this.parseMapping(saved.mapping), mappingId: saved.id };
  }

  // ---- saved mappings

  listMappings(): Promise<SavedMapping[]> {
    return this.repos.imports.listMappings();
  }

  async getMapping(idOrName: string): Promise<SavedMapping> {
    const m = await this.repos.imports.getMapping(idOrName);
    if (!m) throw notFound('saved mapping', idOrName);
    return m;
  }

  async saveMapping(raw: unknown, actor: string): Promise<SavedMapping> {
    const input = parseInput(SavedMappingInput, raw);
    const mapping = this.parseMapping(input.mapping);
    if (await this.repos.imports.getMapping(input.name)) throw new VigilError('CONFLICT', `A saved mapping is already called "${input.name}"; update it or choose another name`);
    const at = this.now();
    const saved: SavedMapping = { id: newId(), name: input.name, target: mapping.target, mapping: input.mapping, version: 1, createdAt: at, createdBy: actor, updatedAt: at, updatedBy: actor };
    await this.repos.imports.insertMapping(saved);
    return saved;
  }

  async updateMapping(id: string, raw: unknown, actor: string): Promise<SavedMapping> {
    const patch = parseInput(SavedMappingPatch, raw);
    const current = await this.getMapping(id);
    if (current.version !== patch.version) throw new VigilError('VERSION_CONFLICT', `This mapping changed since you read it (you sent version ${patch.version}, it is now ${current.version})`, [{ path: 'version', problem: `stale: current version is ${current.version}` }]);
    const mapping = patch.mapping === undefined ? current.mapping : patch.mapping;
    const parsed = this.parseMapping(mapping);
    if (patch.name && patch.name !== current.name) {
      const other = await this.repos.imports.getMapping(patch.name);
      if (other && other.id !== current.id) throw new VigilError('CONFLICT', `A saved mapping is already called "${patch.name}"`);
    }
    const next: SavedMapping = { ...current, name: patch.name ?? current.name, target: parsed.target, mapping, version: current.version + 1, updatedAt: this.now(), updatedBy: actor };
    await this.repos.imports.updateMapping(next, current.version);
    return next;
  }

  async deleteMapping(id: string): Promise<void> {
    const current = await this.getMapping(id);
    await this.repos.imports.deleteMapping(current.id);
  }

  // ---- uploads (the wizard's first step)

  /** Stages an upload and reads its header and first rows with the default options. */
  async upload(content: AsyncIterable<Uint8Array>, name: string, maxBytes: number): Promise<UploadSummary> {
    const upload = await this.repos.importFiles.save(content, name, maxBytes);
    const source = await this.repos.importFiles.source(upload.id);
    const summary: UploadSummary = { upload, format: null, encoding: null, delimiter: null, columns: null, sample: [], problem: null };
    try {
      const stream = await source.open({ encoding: 'auto', maxCellLength: 32_767 });
      Object.assign(summary, { format: stream.format, encoding: stream.encoding, delimiter: stream.delimiter, columns: stream.columns });
      const keys = new Set<string>(stream.columns ?? []);
      for await (const row of stream.rows) {
        summary.sample.push({ row: row.row, cells: row.cells });
        for (const k of Object.keys(row.cells)) keys.add(k);
        if (summary.sample.length >= 5) break;
      }
      summary.columns ??= [...keys];
    } catch (e) {
      if (!isVigilError(e)) throw e;
      summary.problem = e.fields.map((f) => f.problem).join('; ') || e.message;
    }
    return summary;
  }

  uploadSource(id: string): Promise<TableSource> {
    return this.repos.importFiles.source(id);
  }

  /** A file on this machine, for the CLI. */
  localFile(path: string): TableSource {
    return this.repos.importFiles.localFile(path);
  }

  removeUpload(id: string): Promise<void> {
    return this.repos.importFiles.remove(id);
  }

  // ---- preview, run

  /** The first rows as they will be stored (written in a transaction that is rolled back). */
  async preview(source: TableSource, mapping: ImportMapping, actor: ImportActor, limit = 20): Promise<Preview> {
    const stream = await this.openChecked(source, mapping);
    const rows: PreviewRow[] = [];
    for await (const row of stream.rows) {
      if (rows.length >= limit) break;
      const mapped = mapRow(mapping, row);
      if (!mapped.plan) {
        rows.push({ row: row.row, cells: row.cells, status: 'invalid', records: [], problems: mapped.problems });
        continue;
      }
      const plan = mapped.plan;
      const outcome = await this.tryBatch([plan], mapping, 'preview', actor, true, null);
      rows.push({
        row: row.row, cells: row.cells, status: outcome.failed.length ? 'invalid' : outcome.outcome.statuses.get(plan.row) ?? 'new',
        records: outcome.outcome.records.get(plan.row) ?? [], problems: [...outcome.failed, ...outcome.outcome.notes],
      });
    }
    return { format: stream.format, encoding: stream.encoding, delimiter: stream.delimiter, sheet: stream.sheet, columns: stream.columns, rows };
  }

  /** Records a run as queued; `execute` does the work (the server runs it in the background). */
  async begin(source: TableSource, mapping: ImportMapping, actor: ImportActor, options: RunOptions = {}): Promise<StoredImportRun> {
    const run: StoredImportRun = {
      id: newId(), status: 'queued', dryRun: Boolean(options.dryRun), target: mapping.target, mappingId: options.mappingId ?? null, mapping,
      fileName: source.name, fileSize: source.size, format: null, encoding: null,
      rows: { total: 0, done: 0, imported: 0, skipped: 0, failed: 0 }, created: {}, candidates: 0, problemCount: 0, problems: [], message: null,
      actor: actor.name, startedAt: this.now(), finishedAt: null, heartbeatAt: this.now(),
    };
    await this.repos.imports.insertRun(run);
    return run;
  }

  /** Checks, then writes (or dry-runs) a begun run; never throws for bad input, the run says it. */
  async execute(runId: string, source: TableSource, mapping: ImportMapping, actor: ImportActor, options: RunOptions = {}): Promise<StoredImportRun> {
    const run = await this.getRun(runId);
    run.status = 'running';
    await this.saveProgress(run);
    const progress = options.onProgress ?? (() => undefined);
    // The heartbeat tells other processes (and a restarted server) that this run is alive.
    const beat = setInterval(() => {
      void this.repos.imports.touchRuns([run.id], this.now()).catch(() => undefined);
    }, HEARTBEAT_MS);
    beat.unref?.();
    try {
      const checked = await this.check(source, mapping, (done) => progress({ phase: 'checking', done, total: null }));
      Object.assign(run, { format: checked.format, encoding: checked.encoding });
      run.rows.total = checked.total;
      await this.saveProgress(run);
      await this.write(run, source, mapping, actor, options, (done) => progress({ phase: 'writing', done, total: checked.total }));
      run.status = 'done';
    } catch (e) {
      if (isVigilError(e) && e.code === 'VALIDATION_FAILED') {
        run.status = run.rows.imported > 0 ? 'failed' : 'refused';
        run.message = e.message;
        for (const f of e.fields) this.addProblem(run, { row: null, column: f.path.startsWith('file.columns.') ? f.path.slice('file.columns.'.length) : null, problem: f.problem });
      } else {
        run.status = 'failed';
        run.message = `The import stopped: ${e instanceof Error ? e.message : String(e)}. Rows already written stay; importing the file again adds only the rest.`;
      }
    } finally {
      clearInterval(beat);
    }
    run.finishedAt = this.now();
    if (run.status === 'done' && !run.dryRun && run.rows.imported > 0) {
      await this.repos.audit.append({
        actor: actor.id, actorName: actor.name, address: actor.address ?? null, action: 'import', entity: 'import_run', recordId: run.id,
        details: { target: run.target, rows: run.rows, created: run.created, candidates: run.candidates }, at: run.finishedAt,
      });
    }
    run.heartbeatAt = run.finishedAt;
    await this.repos.imports.updateRun(run);
    return run;
  }

  /** begin + execute, for callers that wait (the CLI). */
  async run(source: TableSource, mapping: ImportMapping, actor: ImportActor, options: RunOptions = {}): Promise<StoredImportRun> {
    const run = await this.begin(source, mapping, actor, options);
    return this.execute(run.id, source, mapping, actor, options);
  }

  async getRun(id: string): Promise<StoredImportRun> {
    let run = await this.repos.imports.getRun(id);
    if (run && this.isStale(run) && (await this.recoverInterrupted()) > 0) run = await this.repos.imports.getRun(id);
    if (!run) throw notFound('import run', id);
    return run;
  }

  async listRuns(limit = 50, cursor?: string) {
    const page = await this.repos.imports.listRuns(limit, cursor);
    if (page.items.some((r) => this.isStale(r)) && (await this.recoverInterrupted()) > 0) return this.repos.imports.listRuns(limit, cursor);
    return page;
  }

  /**
   * Marks runs left queued or running by a process that stopped (restart, crash: no heartbeat for
   * STALE_RUN_MS) as interrupted, saying what was kept and how to finish; returns how many. The
   * server calls it at start-up; reading a run or the list of runs calls it too, so a run whose
   * process died moments before a restart is marked once its heartbeat has gone stale.
   */
  async recoverInterrupted(): Promise<number> {
    const before = this.staleBefore();
    let marked = 0;
    for (const run of await this.repos.imports.staleRuns(before)) {
      if (await this.repos.imports.interruptRun(run.id, before, interruptedMessage(run), this.now())) marked++;
    }
    return marked;
  }

  private staleBefore(): string {
    return new Date(Date.parse(this.now()) - STALE_RUN_MS).toISOString();
  }

  private isStale(run: StoredImportRun): boolean {
    return (run.status === 'queued' || run.status === 'running') && (run.heartbeatAt === null || run.heartbeatAt < this.staleBefore());
  }

  /** Counters and status, with a fresh heartbeat. */
  private async saveProgress(run: StoredImportRun): Promise<void> {
    run.heartbeatAt = this.now();
    await this.repos.imports.saveProgress(run);
  }

  /** The row-level report of a run as CSV (row, column, problem), formula-escaped. */
  async problemsCsv(id: string): Promise<string> {
    const run = await this.getRun(id);
    return problemsCsv(run.problems, run.problemCount);
  }

  // ---- internals

  /** Opens the file and checks the mapped columns against its header (when it has one). */
  private async openChecked(source: TableSource, mapping: ImportMapping): Promise<TableStream> {
    const stream = await source.open(readOptions(mapping));
    if (stream.columns) {
      const have = new Set(stream.columns);
      const missing = mappedColumns(mapping).filter((c) => !have.has(c));
      if (missing.length) throw this.missingColumns(missing, stream.columns);
    }
    return stream;
  }

  private missingColumns(missing: string[], have: string[]): VigilError {
    return refusal(
      missing.map((c) => ({ column: c, problem: `the mapping reads column "${c}", which the file does not have` })),
      `The file lacks ${missing.length === 1 ? 'a column' : 'columns'} the mapping reads: ${missing.map((c) => `"${c}"`).join(', ')}. Its columns are: ${have.slice(0, 50).map((c) => `"${c}"`).join(', ')}. Nothing was imported.`,
    );
  }

  /** Pass 1: reads every row (encoding, structure), checks columns; returns the row count. */
  private async check(source: TableSource, mapping: ImportMapping, progress: (done: number) => void) {
    const stream = await this.openChecked(source, mapping);
    let total = 0;
    const seen = stream.columns ? null : new Set<string>();
    for await (const row of stream.rows) {
      total++;
      if (seen && seen.size < 10_000) for (const k of Object.keys(row.cells)) seen.add(k);
      if (total % 1000 === 0) progress(total);
    }
    progress(total);
    if (total === 0) throw refusal([{ column: null, problem: stream.columns ? 'the file has a header but no rows' : 'the file holds no rows' }], 'The file has no rows to import. Nothing was imported.');
    if (seen) {
      const missing = mappedColumns(mapping).filter((c) => !seen.has(c));
      if (missing.length) throw this.missingColumns(missing, [...seen]);
    }
    return { total, format: stream.format, encoding: stream.encoding };
  }

  private addProblem(run: StoredImportRun, p: RowProblem): void {
    run.problemCount++;
    if (run.problems.length < MAX_STORED_PROBLEMS) run.problems.push(p);
  }

  /** Pass 2: maps and writes in batches. */
  private async write(run: StoredImportRun, source: TableSource, mapping: ImportMapping, actor: ImportActor, options: RunOptions, progress: (done: number) => void): Promise<void> {
    const stream = await this.openChecked(source, mapping);
    const size = options.batchSize ?? DEFAULT_BATCH;
    const dryKeys = run.dryRun ? new Set<string>() : null;
    // Persons recorded or edited since the last matching get their keys now, once for the run.
    if (!run.dryRun && mapping.target !== 'event') await this.merges.refreshKeys();
    const matchCache = new MatchCache();
    let batch: RowPlan[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const { outcome, failed } = await this.tryBatch(batch, mapping, run.id, actor, run.dryRun, dryKeys);
      for (const p of failed) this.addProblem(run, p);
      for (const p of outcome.notes) this.addProblem(run, p);
      run.rows.failed += new Set(failed.map((p) => p.row)).size;
      run.rows.imported += outcome.imported;
      run.rows.skipped += outcome.skipped;
      for (const [entity, n] of Object.entries(outcome.created)) run.created[entity as EntityName] = (run.created[entity as EntityName] ?? 0) + n;
      if (dryKeys && dryKeys.size < MAX_DRY_KEYS) for (const k of outcome.keys) dryKeys.add(k);
      batch = [];
      if (!run.dryRun && outcome.personIds.length > 0) {
        try {
          run.candidates += await this.merges.findForPersons(outcome.personIds, run.id, { refreshAll: false, cache: matchCache });
        } catch (e) {
          run.message = `Matching the new persons failed (${e instanceof Error ? e.message : String(e)}); run a scan from the merge review.`;
        }
      }
      await this.saveProgress(run);
      progress(run.rows.done);
    };
    for await (const row of stream.rows) {
      run.rows.done++;
      const mapped = mapRow(mapping, row);
      if (!mapped.plan) {
        run.rows.failed++;
        for (const p of mapped.problems) this.addProblem(run, p);
      } else {
        batch.push(mapped.plan);
      }
      if (batch.length >= size) await flush();
      else if (run.rows.done % 1000 === 0) progress(run.rows.done);
    }
    await flush();
    progress(run.rows.done);
  }

  /**
   * Writes a batch in one transaction; when a row fails, rolls back and writes the rows one by
   * one so the bad ones are reported and the others land. Dry runs (and previews) roll back.
   */
  private async tryBatch(
    plans: RowPlan[], mapping: ImportMapping, runId: string, actor: ImportActor, dryRun: boolean, dryKeys: Set<string> | null,
  ): Promise<{ outcome: BatchOutcome; failed: RowProblem[] }> {
    const attempt = async (rows: RowPlan[]): Promise<BatchOutcome> => {
      try {
        return await this.inTransaction(async (s) => {
          const outcome = await this.writeRows(s, rows, mapping, runId, actor, dryKeys, dryRun);
          if (dryRun) throw new Rollback(outcome);
          return outcome;
        });
      } catch (e) {
        if (e instanceof Rollback) return e.outcome as BatchOutcome;
        throw e;
      }
    };
    try {
      return { outcome: await attempt(plans), failed: [] };
    } catch (e) {
      if (!(e instanceof RowFailure)) throw e;
    }
    const total = emptyOutcome();
    const failed: RowProblem[] = [];
    for (const plan of plans) {
      try {
        const o = await attempt([plan]);
        total.imported += o.imported;
        total.skipped += o.skipped;
        for (const [entity, n] of Object.entries(o.created)) total.created[entity as EntityName] = (total.created[entity as EntityName] ?? 0) + n;
        total.personIds.push(...o.personIds);
        total.notes.push(...o.notes);
        total.keys.push(...o.keys);
        for (const [k, v] of o.records) total.records.set(k, v);
        for (const [k, v] of o.statuses) total.statuses.set(k, v);
        if (dryKeys) for (const k of o.keys) dryKeys.add(k);
      } catch (e) {
        if (!(e instanceof RowFailure)) throw e;
        failed.push(...this.problemsOf(e));
      }
    }
    return { outcome: total, failed };
  }

  private problemsOf(failure: RowFailure): RowProblem[] {
    const { plan, cause } = failure;
    if (!isVigilError(cause)) return [{ row: plan.row, column: null, problem: String(cause) }];
    const entity = (cause as VigilError & { entity?: string }).entity ?? '';
    if (cause.fields.length === 0) return [{ row: plan.row, column: null, problem: cause.message }];
    return cause.fields.map((f) => {
      const path = entity ? `${entity}.${f.path}` : f.path;
      return { row: plan.row, column: columnOf(plan, path), problem: `${path || '(row)'}: ${f.problem}` };
    });
  }

  /** The rows of a batch, inside its transaction: skip known keys, write the rest, store their keys. */
  private async writeRows(
    s: Services, plans: RowPlan[], mapping: ImportMapping, runId: string, actor: ImportActor, dryKeys: Set<string> | null, capture: boolean,
  ): Promise<BatchOutcome> {
    const out = emptyOutcome();
    const hits = await s.repos.imports.findRowKeys(plans.map((p) => ({ material: p.keyMaterial, contentMaterial: p.contentMaterial })));
    const fresh = plans.filter((p) => !hits.has(p.keyMaterial));
    const sources = fresh.length && mapping.sources ? await s.repos.imports.sourcesByUrl([...new Set(fresh.flatMap((p) => p.urls))]) : new Map<string, string>();
    const inBatch = new Set<string>();
    const keys: RowKeyWrite[] = [];
    const at = this.now();
    // The batch's records are validated row by row, then written together (multi-row inserts).
    const staged: StagedCreate[] = [];
    const known = await this.knownReferences(s, fresh, sources);
    for (const plan of plans) {
      const hit = hits.get(plan.keyMaterial);
      if (hit || inBatch.has(plan.keyMaterial) || dryKeys?.has(plan.keyMaterial)) {
        out.skipped++;
        out.statuses.set(plan.row, hit && !hit.sameContent ? 'changed since imported' : 'already imported');
        if (hit && hit.runId === runId) {
          out.notes.push({ row: plan.row, column: null, problem: 'skipped: the same row appears earlier in this file' });
        } else if (hit && !hit.sameContent) {
          out.notes.push({ row: plan.row, column: null, problem: `not updated: this row was imported before (run ${hit.runId}) and has changed since; edit the record${hit.records.length > 1 ? 's' : ''} (${hit.records.map((r) => `${r.entity} ${r.id}`).join(', ')}) by hand` });
        } else if (!hit) {
          out.notes.push({ row: plan.row, column: null, problem: 'skipped: the same row appears earlier in this file' });
        }
        continue;
      }
      let written: { entity: EntityName; record: StoredRecord }[];
      try {
        written = await this.stageRow(s, plan, mapping, sources, actor, out, staged, known);
      } catch (e) {
        throw new RowFailure(plan, e);
      }
      inBatch.add(plan.keyMaterial);
      out.imported++;
      out.keys.push(plan.keyMaterial);
      out.statuses.set(plan.row, 'new');
      if (capture) out.records.set(plan.row, written);
      keys.push({ material: plan.keyMaterial, contentMaterial: plan.contentMaterial, runId, records: written.map((w) => ({ entity: w.entity, id: w.record.id })), at });
    }
    try {
      await s.records.createStaged(staged, writer(actor));
    } catch (e) {
      // The database refused a record: the batch is replayed row by row, which finds the row.
      const first = plans.find((p) => keys.some((k) => k.material === p.keyMaterial));
      if (first) throw new RowFailure(first, e);
      throw e;
    }
    try {
      await s.repos.imports.insertRowKeys(keys);
    } catch (e) {
      // Two runs of the same file at once: the later one's batch loses; its rows are retried one by one.
      const first = plans.find((p) => keys.some((k) => k.material === p.keyMaterial));
      if (first) throw new RowFailure(first, e);
      throw e;
    }
    return out;
  }

  /**
   * The records the batch's rows point at (events, sources…) that exist, looked up once per
   * batch, as `entity:id` (RecordService.stageCreate then skips them); the sources found by URL
   * exist too. Ids not found are left out: each row's own check reports them, as before.
   */
  private async knownReferences(s: Services, plans: RowPlan[], sources: Map<string, string>): Promise<Set<string>> {
    const known = new Set<string>([...sources.values()].map((id) => `source:${id}`));
    const wanted = new Map<EntityName, Set<string>>();
    for (const plan of plans) {
      for (const [entity, input] of [['event', plan.event], ['person', plan.person], ['detention', plan.detention]] as const) {
        if (!input) continue;
        for (const [pattern, target] of Object.entries(ENTITIES[entity].refs)) {
          for (const { value } of valuesAt(input, pattern)) if (typeof value === 'string' && value !== '') wanted.set(target, (wanted.get(target) ?? new Set()).add(value));
        }
      }
    }
    for (const [target, ids] of wanted) {
      const list = [...ids];
      for (let i = 0; i < list.length; i += 1000) {
        for (const id of await s.repos.records.existingIds(target, list.slice(i, i + 1000))) known.add(`${target}:${id}`);
      }
    }
    return known;
  }

  /**
   * The records of one row, validated and staged for the batch's write: its sources, then the
   * event or the person (and detention). Sources staged by earlier rows are shared (`sources`).
   */
  private async stageRow(
    s: Services, plan: RowPlan, mapping: ImportMapping, sources: Map<string, string>, actor: ImportActor, out: BatchOutcome,
    staged: StagedCreate[], known: Set<string>,
  ): Promise<{ entity: EntityName; record: StoredRecord }[]> {
    const written: { entity: EntityName; record: StoredRecord }[] = [];
    const rowStaged: StagedCreate[] = [];
    const create = async (entity: EntityName, input: Record<string, unknown>): Promise<StoredRecord> => {
      try {
        const item = await s.records.stageCreate(entity, input, writer(actor), known);
        known.add(`${entity}:${item.record.id}`);
        rowStaged.push(item);
        written.push({ entity, record: item.record });
        return item.record;
      } catch (e) {
        if (isRowError(e)) Object.assign(e, { entity: entity === 'source' ? 'sources' : entity });
        throw e;
      }
    };
    const rowSources: string[] = [];
    for (const url of plan.urls) {
      let id = sources.get(url);
      if (!id) {
        const spec = mapping.sources;
        const { host, path } = hostAndPath(url);
        const fill = (template: string) => fillTemplate(template, (name) => (name === 'url' ? url : name === 'host' ? host : name === 'path' ? path : plan.cells[name] ?? ''));
        const title = fill(spec?.title ?? '{url}').slice(0, 500) || url.slice(0, 500);
        const outlet = fill(spec?.outlet ?? '{host}').slice(0, 300) || null;
        id = (await create('source', {
          kind: spec?.kind ?? 'media_report', title, outlet, url, language: spec?.language ?? mapping.language ?? null,
          reliability: spec?.reliability ?? null, confidentiality: spec?.confidentiality ?? mapping.confidentiality,
        })).id;
        sources.set(url, id);
      }
      if (!rowSources.includes(id)) rowSources.push(id);
    }
    const cite = (input: Record<string, unknown>) => ({ ...input, sourceIds: [...new Set([...((input.sourceIds as string[] | undefined) ?? []), ...rowSources])] });
    if (plan.event) {
      const estimates = ((plan.event.estimates as Record<string, unknown>[] | undefined) ?? []).map((e) => ({ ...e, sourceIds: rowSources }));
      await create('event', { ...cite(plan.event), ...(estimates.length ? { estimates } : {}) });
    }
    if (plan.person) {
      const person = await create('person', cite(plan.person));
      out.personIds.push(person.id);
      if (plan.detention) await create('detention', { ...cite(plan.detention), personId: person.id });
    }
    staged.push(...rowStaged);
    for (const { entity } of rowStaged) out.created[entity] = (out.created[entity] ?? 0) + 1;
    return written;
  }
}

