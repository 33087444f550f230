/**
 * Loading the dataset, and the import measurement.
 *
 * The bulk of the rows goes in with the raw driver (the comparison baseline); the last
 * `importRows` rows then go through Vigil's own import path — the CSV reader, the mapping,
 * the record service (validation, history, audit), row keys and merge matching — into the
 * database that already holds the rest, so the import is measured at the dataset's size.
 */
import path from 'node:path';
import { type Services } from '@vigil/core';
import { type Connection } from '@vigil/db';
import { type Dataset } from '../dataset/generate.js';
import { DETENTION_MAPPING, writeDetentionList } from '../dataset/lists.js';
import { type BenchDatabase } from '../lib/databases.js';
import { bulkLoad } from '../load/bulk-load.js';
import { BENCH_ACTOR } from '../load/records.js';

export interface LoadResult {
  raw: {
    /** Detention rows (a person and a detention each) written with the raw driver. */
    rows: number;
    tableRows: number;
    driverSeconds: number;
    encodeSeconds: number;
    /** Rows per second in the driver: the baseline. */
    rowsPerSecond: number;
    /** Rows per second counting Vigil's encoding (encryption, blind tokens, match keys) too. */
    rowsPerSecondWithEncoding: number;
  };
  import: {
    rows: number;
    seconds: number;
    rowsPerSecond: number;
    status: string;
    failed: number;
    candidates: number;
  } | null;
  /** Raw driver rows/s ÷ import rows/s. */
  ratio: number | null;
  events: number;
  sources: number;
  databaseBytes: number;
}

const rate = (rows: number, seconds: number): number => Math.round(rows / Math.max(seconds, 1e-9));

/** What the raw driver load produced: its figures and the event ids the imported rows refer to. */
export interface RawLoad {
  raw: LoadResult['raw'];
  events: number;
  sources: number;
  eventIds: Map<string, string>;
}

/** Everything but the last `importRows` detention rows, with the raw driver. */
export async function rawLoad(db: BenchDatabase, connection: Connection, dataset: Dataset, importRows: number, log: (line: string) => void): Promise<RawLoad> {
  const rawRows = dataset.size - importRows;
  log(`raw driver insert of ${rawRows.toLocaleString('en-US')} detention rows (+ ${dataset.events.length.toLocaleString('en-US')} events)…`);
  let lastLog = performance.now();
  const bulk = await bulkLoad(db.config, dataset, rawRows, connection.cipher, (done) => {
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`  ${done.toLocaleString('en-US')} rows`);
    }
  });
  const raw = {
    rows: bulk.rows, tableRows: bulk.tableRows, driverSeconds: round(bulk.driverSeconds), encodeSeconds: round(bulk.encodeSeconds),
    rowsPerSecond: rate(bulk.rows, bulk.driverSeconds), rowsPerSecondWithEncoding: rate(bulk.rows, bulk.driverSeconds + bulk.encodeSeconds),
  };
  return { raw, events: bulk.events, sources: bulk.sources, eventIds: bulk.eventIds };
}

/** The last `importRows` rows through Vigil's import path, into the database holding the rest. */
export async function importRest(
  db: BenchDatabase, services: Services, dataset: Dataset, loaded: RawLoad, importRows: number, workDir: string, log: (line: string) => void,
): Promise<LoadResult> {
  const { raw } = loaded;
  let imported: LoadResult['import'] = null;
  if (importRows > 0) {
    const file = path.join(workDir, `detentions-${db.engine}.csv`);
    writeDetentionList(file, dataset, loaded.eventIds, dataset.size - importRows);
    log(`import of ${importRows.toLocaleString('en-US')} rows through Vigil's import path…`);
    const started = performance.now();
    const run = await services.imports.run(services.imports.localFile(file), services.imports.parseMapping(DETENTION_MAPPING), { id: BENCH_ACTOR, name: BENCH_ACTOR });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 'done' || run.rows.imported !== importRows) {
      throw new Error(`the import did not write every row: ${run.status}, ${JSON.stringify(run.rows)}; ${run.message ?? ''} ${JSON.stringify(run.problems.slice(0, 3))}`);
    }
    imported = { rows: run.rows.imported, seconds: round(seconds), rowsPerSecond: rate(run.rows.imported, seconds), status: run.status, failed: run.rows.failed, candidates: run.candidates };
  }
  return {
    raw, import: imported, ratio: imported ? round(raw.rowsPerSecond / imported.rowsPerSecond) : null, events: loaded.events, sources: loaded.sources, databaseBytes: await db.size(),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
