/**
 * `npm run bench`: Vigil's benchmark suite (docs/PERFORMANCE.md). Generates the deterministic
 * dataset, loads it into a throwaway database per engine, measures, prints a table and writes
 * bench/results/<date>-<engine>-<size>.json. Not part of `npm test`: nothing here asserts a time;
 * it fails only when a measurement could not be made or measured nothing (a search that finds no
 * one, an export that wrote fewer rows than exist).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '@vigil/core';
import { connect, createRepositories } from '@vigil/db';
import { sql } from 'kysely';
import { BENCH_NOW, createDataset } from './dataset/generate.js';
import { type BaseKey, copyBase, createBase, readBase, writeBase } from './lib/base-cache.js';
import { children } from './lib/children.js';
import { BENCH_ENV, createBenchDatabase, type Engine, pgReachable } from './lib/databases.js';
import { parseOptions, type BenchOptions } from './lib/options.js';
import { describeMachine, type EngineResult, formatTable, type Machine, writeResult } from './lib/report.js';
import { measureExport } from './parts/export.js';
import { measureHashing } from './parts/hashing.js';
import { measureHttpReads, sampleDetentionIds } from './parts/http-reads.js';
import { importRest, rawLoad, type RawLoad } from './parts/import.js';
import { measureMatchingApart } from './parts/matching.js';
import { measureServiceReads } from './parts/service-reads.js';
import { createWorkload } from './parts/workload.js';

const started = performance.now();
const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}\n`);

/** Undone on the way out, also when the run is interrupted (Ctrl-C, kill): databases, work files. */
const cleanups = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    for (const child of children) child.kill();
    void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(130));
  });
}

function check(ok: boolean, problem: string): void {
  if (!ok) throw new Error(`the benchmark measured nothing useful: ${problem}`);
}

async function runEngine(engine: Engine, options: BenchOptions, dataset: ReturnType<typeof createDataset>, workDir: string, result: EngineResult): Promise<void> {
  const needsData = ['import', 'service', 'http', 'export'].some((p) => options.parts.has(p as 'import'));
  if (!needsData) return;
  const elog = (line: string) => log(`${engine}: ${line}`);
  const key: BaseKey = { size: options.size, rows: dataset.size - options.importRows, seed: dataset.seed };
  let loaded: RawLoad | null = options.reuse ? await readBase(engine, key) : null;
  if (options.reuse && loaded) elog(`starting from the kept base (${loaded.raw.rows.toLocaleString('en-US')} rows loaded earlier)`);
  if (options.reuse && !loaded) {
    elog('building a base to keep (--reuse)');
    const base = await createBase(engine, key);
    const baseConnection = await connect(base.config, BENCH_ENV);
    const baseRepos = createRepositories(baseConnection);
    try {
      await baseRepos.schema.migrate();
      loaded = await rawLoad(base, baseConnection, dataset, options.importRows, elog);
    } finally {
      await baseRepos.close();
    }
    writeBase(engine, key, loaded);
  }
  const db = await createBenchDatabase(engine, workDir, 'main');
  if (loaded) await copyBase(engine, key, db);
  const connection = await connect(db.config, BENCH_ENV);
  const repos = createRepositories(connection);
  const drop = async () => {
    await repos.close().catch(() => undefined);
    await db.drop();
  };
  if (!options.keep) cleanups.add(drop);
  try {
    await repos.schema.migrate();
    // The services stand at the end of the dataset, so the custody board shows last month's cases.
    const services = createServices(repos, { now: () => BENCH_NOW });
    if (!loaded) {
      elog(`loading ${dataset.size.toLocaleString('en-US')} detentions`);
      loaded = await rawLoad(db, connection, dataset, options.importRows, elog);
    }
    result.load = await importRest(db, services, dataset, loaded, options.importRows, workDir, elog);
    check((await repos.records.count('detention')) === dataset.size, 'not every detention was loaded');
    // Table statistics, as they would be shortly after a bulk load: PostgreSQL's autovacuum analyses
    // changed tables within minutes, Vigil's SQLite connection re-optimizes hourly (connect.ts).
    await (engine === 'postgres' ? sql`analyze` : sql`pragma optimize`).execute(connection.db);
    const workload = createWorkload(dataset);
    const budget = options.budget;
    // A part that fails is reported and the run goes on: hours of loading are not thrown away.
    const attempt = async (part: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (e) {
        const problem = e instanceof Error ? e.message : String(e);
        log(`${engine}: ${part} failed: ${problem}`);
        result.failures = [...(result.failures ?? []), `${part}: ${problem.slice(0, 500)}`];
      }
    };
    if (options.parts.has('service')) {
      await attempt('service reads', async () => {
        log(`${engine}: service-level reads`);
        result.service = await measureServiceReads(services, workload, budget);
        check(result.service.searchHits > 0, 'person searches found no one');
        check(result.service.boardEntries > 0, 'the custody board is empty');
      });
    }
    if (options.parts.has('http')) {
      await attempt('HTTP reads', async () => {
        log(`${engine}: HTTP reads (autocannon)`);
        const ids = await sampleDetentionIds(services, workload);
        check(ids.length > 0, 'no detention ids to read');
        result.http = await measureHttpReads(services, workload, ids, budget);
      });
    }
    if (options.parts.has('export')) {
      await attempt('export', async () => {
        log(`${engine}: CSV export`);
        result.export = await measureExport(db.config, workDir);
        check(result.export.rows === dataset.size, `the export wrote ${result.export.rows} of ${dataset.size} detentions`);
      });
    }
  } finally {
    cleanups.delete(drop);
    await repos.close();
    if (options.keep) log(`${engine}: kept ${db.engine === 'sqlite' ? db.config.dataDir : (db.config as { url: string }).url}`);
    else await db.drop();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.engines.includes('postgres')) {
    const problem = await pgReachable();
    if (problem) throw new Error(`PostgreSQL is not reachable (${problem}); start it (docs/OPERATIONS.md), set VIGIL_BENCH_PG_URL, or pass --engine sqlite`);
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
  if (!options.keep) cleanups.add(async () => fs.rmSync(workDir, { recursive: true, force: true }));
  const machine: Machine = await describeMachine(options.engines.includes('postgres'));
  const date = new Date().toISOString().slice(0, 10);
  const dataset = createDataset(options.rows);
  log(`size ${options.size} (${options.rows.toLocaleString('en-US')} detentions, ${dataset.events.length.toLocaleString('en-US')} events), engines ${options.engines.join(' + ')}, parts ${[...options.parts].join(', ')}; work dir ${workDir}`);
  const shared: Pick<EngineResult, 'matching' | 'hashing'> = {};
  try {
    if (options.parts.has('matching')) {
      log(`matching: ${(options.rows / 10).toLocaleString('en-US')} incoming names against ${options.rows.toLocaleString('en-US')} people`);
      shared.matching = await measureMatchingApart(options.rows, dataset.seed + 3);
      if (shared.matching.failed) log(`matching failed: ${shared.matching.failed}`);
    }
    if (options.parts.has('hashing')) {
      log(`hashing: ${options.hashMegabytes} MB`);
      shared.hashing = await measureHashing(workDir, options.hashMegabytes);
      check(shared.hashing.sameDigest !== false, 'Vigil and sha256sum disagree on the digest');
    }
    const results: EngineResult[] = [];
    for (const engine of options.engines) {
      const engineStarted = performance.now();
      const result: EngineResult = { version: 1, date, size: options.size, detentions: options.rows, engine, seed: dataset.seed, machine, seconds: 0, ...shared };
      await runEngine(engine, options, dataset, workDir, result);
      result.seconds = Math.round((performance.now() - engineStarted) / 1000);
      results.push(result);
    }
    const end = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
    for (const result of results) {
      result.machine = { ...machine, loadAverage: { start: machine.loadAverage.start, end } };
      log(`wrote ${writeResult(options.resultsDir, result)}`);
    }
    console.log(`\nVigil benchmark, ${options.size} detentions, ${date} — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}, SQLite ${machine.sqlite}${machine.postgres ? `, PostgreSQL ${machine.postgres}` : ''}; load average ${machine.loadAverage.start} → ${end}\n`);
    console.log(formatTable(results));
    console.log('\nTimes in ms unless marked; ✓/✗ compare with the target for 1M detentions (docs/PERFORMANCE.md).');
    const failures = results.flatMap((r) => (r.failures ?? []).map((f) => `${r.engine}: ${f}`));
    if (shared.matching?.failed) failures.push(`matching: ${shared.matching.failed}`);
    if (failures.length > 0) throw new Error(`some parts failed:\n  ${failures.join('\n  ')}`);
  } finally {
    if (!options.keep) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
