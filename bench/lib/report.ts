/**
 * What a run produces: one JSON file per engine (`<date>-<engine>-<size>.json`) and a table on
 * stdout, each figure beside its target (the targets apply at 1M detentions).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type LoadResult } from '../parts/import.js';
import { type ExportResult } from '../parts/export.js';
import { type HashingResult } from '../parts/hashing.js';
import { type HttpReads } from '../parts/http-reads.js';
import { type MatchingResult } from '../parts/matching.js';
import { type ServiceReads } from '../parts/service-reads.js';
import { type Engine, PG_ADMIN_URL } from './databases.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  sqlite: string;
  postgres: string | null;
  /** 1-minute load average at the start and end: other work on the machine skews every figure. */
  loadAverage: { start: number; end: number | null };
}

export interface EngineResult {
  version: 1;
  date: string;
  size: string;
  detentions: number;
  engine: Engine;
  seed: number;
  machine: Machine;
  seconds: number;
  load?: LoadResult;
  service?: ServiceReads;
  http?: HttpReads;
  /** Engine-independent parts, repeated in each engine's file of the run. */
  matching?: MatchingResult;
  hashing?: HashingResult;
  export?: ExportResult;
  /** Parts that could not be measured, and why. */
  failures?: string[];
}

export async function describeMachine(withPostgres: boolean): Promise<Machine> {
  let postgres: string | null = null;
  if (withPostgres) {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    postgres = String((await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? '');
    await client.end();
  }
  const memory = new SQLite(':memory:');
  const sqlite = String((memory.prepare('select sqlite_version() as v').get() as { v: string }).v);
  memory.close();
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`,
    node: process.version, sqlite, postgres, loadAverage: { start: Math.round((os.loadavg()[0] ?? 0) * 100) / 100, end: null },
  };
}

export function writeResult(dir: string, result: EngineResult): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.date}-${result.engine}-${result.size}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** A target: the figure's name at 1M, how to read it from a result, and the comparison. */
interface Line {
  label: string;
  value: (r: EngineResult) => number | string | null | undefined;
  target?: string;
  met?: (r: EngineResult) => boolean | null;
}

const fmt = (v: number | string | null | undefined): string => (v === null || v === undefined ? '—' : typeof v === 'number' ? v.toLocaleString('en-US') : v);
const lat = (l: { p50: number; p95: number } | undefined): string | null => (l ? `${fmt(l.p50)} / ${fmt(l.p95)}` : null);
const when = <T>(x: T | undefined, f: (x: T) => boolean): boolean | null => (x === undefined ? null : f(x));

const LINES: Line[] = [
  { label: 'raw driver insert (rows/s)', value: (r) => r.load?.raw.rowsPerSecond },
  { label: 'raw, with Vigil encoding (rows/s)', value: (r) => r.load?.raw.rowsPerSecondWithEncoding },
  { label: 'import path (rows/s)', value: (r) => r.load?.import?.rowsPerSecond, target: '≥ 50,000 (SQLite)', met: (r) => (r.engine === 'sqlite' ? when(r.load?.import ?? undefined, (i) => i.rowsPerSecond >= 50_000) : null) },
  { label: 'raw ÷ import', value: (r) => r.load?.ratio, target: '≤ 2 (SQLite)', met: (r) => (r.engine === 'sqlite' ? when(r.load?.ratio ?? undefined, (x) => x <= 2) : null) },
  { label: 'service: statistics by city (p50 / p95 ms)', value: (r) => lat(r.service?.statisticsBreakdown), target: 'p95 ≤ 100', met: (r) => when(r.service, (s) => s.statisticsBreakdown.p95 <= 100) },
  { label: '  … right after a write', value: (r) => lat(r.service?.statisticsBreakdownAfterWrite), target: 'p95 ≤ 100', met: (r) => when(r.service, (s) => s.statisticsBreakdownAfterWrite.p95 <= 100) },
  { label: 'service: statistics overview', value: (r) => lat(r.service?.statisticsOverview), target: 'p95 ≤ 100', met: (r) => when(r.service, (s) => s.statisticsOverview.p95 <= 100) },
  { label: '  … right after a write', value: (r) => lat(r.service?.statisticsOverviewAfterWrite), target: 'p95 ≤ 100', met: (r) => when(r.service, (s) => s.statisticsOverviewAfterWrite.p95 <= 100) },
  { label: 'service: filtered list page', value: (r) => lat(r.service?.listPage), target: 'p95 ≤ 30', met: (r) => when(r.service, (s) => s.listPage.p95 <= 30) },
  { label: 'service: person search', value: (r) => lat(r.service?.personSearch), target: 'p95 ≤ 50', met: (r) => when(r.service, (s) => s.personSearch.p95 <= 50) },
  { label: 'service: custody board', value: (r) => lat(r.service?.custodyBoard) },
  { label: 'HTTP: statistics by city', value: (r) => lat(r.http?.statisticsBreakdown), target: 'p95 ≤ 100', met: (r) => when(r.http, (h) => h.statisticsBreakdown.p95 <= 100) },
  { label: 'HTTP: statistics overview', value: (r) => lat(r.http?.statisticsOverview), target: 'p95 ≤ 100', met: (r) => when(r.http, (h) => h.statisticsOverview.p95 <= 100) },
  { label: 'HTTP: filtered list page', value: (r) => lat(r.http?.listPage), target: 'p95 ≤ 30', met: (r) => when(r.http, (h) => h.listPage.p95 <= 30) },
  { label: 'HTTP: person search', value: (r) => lat(r.http?.personSearch), target: 'p95 ≤ 50', met: (r) => when(r.http, (h) => h.personSearch.p95 <= 50) },
  { label: 'HTTP: custody board', value: (r) => lat(r.http?.custodyBoard) },
  {
    label: 'HTTP: reads/s with p99 < 100 ms', value: (r) => (r.http ? (r.http.throughput.best ? `${fmt(r.http.throughput.best.requestsPerSecond)} (${r.http.throughput.best.connections} conn)` : 'none') : null),
    target: '≥ 3,000', met: (r) => when(r.http, (h) => (h.throughput.best?.requestsPerSecond ?? 0) >= 3000),
  },
  {
    label: 'matching (s; precision / recall)', value: (r) => (r.matching?.failed ? `failed: ${r.matching.failed.slice(0, 60)}` : r.matching ? `${fmt(r.matching.seconds)} s; ${r.matching.precision} / ${r.matching.recall} (${fmt(r.matching.incoming)} vs ${fmt(r.matching.existing)})` : null),
    target: '≤ 60 s; ≥ 0.95 / 0.95', met: (r) => when(r.matching, (m) => !m.failed && m.seconds <= 60 && m.precision >= 0.95 && m.recall >= 0.95),
  },
  {
    label: 'hashing (MB/s; vs sha256sum)', value: (r) => (r.hashing ? `${fmt(r.hashing.vigilMBps)} vs ${fmt(r.hashing.sha256sumMBps)} (${r.hashing.ratio ?? '—'})` : null),
    target: '≥ 0.90', met: (r) => when(r.hashing, (h) => h.ratio !== null && h.ratio >= 0.9),
  },
  {
    label: 'CSV export (s; peak RSS MB)', value: (r) => (r.export ? `${fmt(r.export.seconds)} s; ${fmt(r.export.peakRssMB)} MB (${fmt(r.export.rows)} rows)` : null),
    target: '≤ 30 s; ≤ 300 MB', met: (r) => when(r.export, (e) => e.seconds <= 30 && e.peakRssMB <= 300),
  },
];

/** The table: one column per engine; ✓/✗ against the 1M target (only a 1M run can meet it). */
export function formatTable(results: EngineResult[]): string {
  const header = ['measure', ...results.map((r) => r.engine), 'target at 1M'];
  const rows = LINES.filter((line) => results.some((r) => line.value(r) !== undefined && line.value(r) !== null)).map((line) => [
    line.label,
    ...results.map((r) => {
      const met = line.met?.(r);
      return `${fmt(line.value(r))}${met === true ? ' ✓' : met === false ? ' ✗' : ''}`;
    }),
    line.target ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const render = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n');
}
