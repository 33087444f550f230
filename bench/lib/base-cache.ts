/**
 * `--reuse`: the raw-loaded part of a dataset kept between runs. Loading a million detentions with
 * the raw driver takes most of an hour on two cores; what is measured afterwards (the import path,
 * reads, the export) starts from a copy of that base, so a second run — after a fix, or after a
 * part failed — skips the load. The raw insert's figures are those of the run that built the base.
 *
 * SQLite: the base is a file in bench/.cache, copied per run. PostgreSQL: a database
 * `vigil_bench_base_<size>_<rows>_<seed>`, and each run's database is created from it as a
 * template. A base built under an older schema is upgraded, on each run's copy, by the migrations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { latestSchemaVersion } from '@vigil/db';
import { type RawLoad } from '../parts/import.js';
import { admin, type BenchDatabase, type Engine, pgDatabase } from './databases.js';

const CACHE_DIR = path.resolve('bench/.cache');

export interface BaseKey {
  size: string;
  rows: number;
  seed: number;
}

interface Marker {
  schema: string;
  load: Omit<RawLoad, 'eventIds'> & { eventIds: [string, string][] };
}

const keyName = (key: BaseKey): string => `${key.size}_${key.rows}_${key.seed}`;
const markerFile = (engine: Engine, key: BaseKey): string => path.join(CACHE_DIR, `${engine}-${keyName(key)}.json`);
const sqliteFile = (key: BaseKey): string => path.join(CACHE_DIR, `sqlite-${keyName(key)}.db`);
const pgName = (key: BaseKey): string => `vigil_bench_base_${keyName(key)}`;

/** The base's database, built or not: a fixed name, never dropped by a run. */
export function baseDatabase(engine: Engine, key: BaseKey): BenchDatabase {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  if (engine === 'sqlite') {
    const file = sqliteFile(key);
    const drop = async () => {
      for (const ext of ['', '-wal', '-shm']) fs.rmSync(`${file}${ext}`, { force: true });
    };
    return { engine, config: { engine, file, dataDir: CACHE_DIR }, size: async () => fs.statSync(file).size, drop };
  }
  return pgDatabase(pgName(key), CACHE_DIR);
}

/** An empty database for a new base (any older one is dropped). */
export async function createBase(engine: Engine, key: BaseKey): Promise<BenchDatabase> {
  await forgetBase(engine, key);
  if (engine === 'postgres') await admin(`create database ${pgName(key)}`);
  return baseDatabase(engine, key);
}

/** The raw load recorded with a usable base, or null when there is none (or it is outdated). */
export async function readBase(engine: Engine, key: BaseKey): Promise<RawLoad | null> {
  const file = markerFile(engine, key);
  if (!fs.existsSync(file)) return null;
  const marker = JSON.parse(fs.readFileSync(file, 'utf8')) as Marker;
  const present = engine === 'sqlite'
    ? fs.existsSync(sqliteFile(key))
    : (await admin(`select 1 from pg_database where datname = '${pgName(key)}'`)).rowCount === 1;
  // An older base is upgraded on each run's copy by Vigil's own migrations (run.ts migrates every
  // run's database), as a real database would be; one from a newer schema than this code is unusable.
  if (!present || marker.schema > latestSchemaVersion()) {
    await forgetBase(engine, key);
    return null;
  }
  return { ...marker.load, eventIds: new Map(marker.load.eventIds) };
}

/** Records a base whose database is complete and closed. */
export function writeBase(engine: Engine, key: BaseKey, load: RawLoad): void {
  const marker: Marker = { schema: latestSchemaVersion(), load: { ...load, eventIds: [...load.eventIds] } };
  fs.writeFileSync(markerFile(engine, key), JSON.stringify(marker));
}

export async function forgetBase(engine: Engine, key: BaseKey): Promise<void> {
  fs.rmSync(markerFile(engine, key), { force: true });
  await baseDatabase(engine, key).drop();
}

/** The run's database as a copy of the base. */
export async function copyBase(engine: Engine, key: BaseKey, run: BenchDatabase): Promise<void> {
  if (engine === 'sqlite') {
    const target = (run.config as { file: string }).file;
    // A base is closed (checkpointed) before it is recorded; a WAL left by a crash is copied too.
    for (const ext of ['', '-wal']) {
      if (fs.existsSync(`${sqliteFile(key)}${ext}`)) fs.copyFileSync(`${sqliteFile(key)}${ext}`, `${target}${ext}`);
    }
    return;
  }
  const name = new URL((run.config as { url: string }).url).pathname.slice(1);
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name} template ${pgName(key)}`);
}
