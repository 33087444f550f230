/**
 * Throwaway databases for one benchmark run: a SQLite file under the run's work directory, or a
 * PostgreSQL database of its own (`vigil_bench_*`, created and dropped here; never the test or
 * production databases).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type DatabaseConfig } from '@vigil/db';
import pg from 'pg';

export type Engine = 'sqlite' | 'postgres';

/** A fixed key: the benchmark's databases never hold real data, and runs stay comparable. */
export const BENCH_ENV: NodeJS.ProcessEnv = { ...process.env, VIGIL_KEY: 'bench:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' };

export const PG_ADMIN_URL = process.env.VIGIL_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  engine: Engine;
  config: DatabaseConfig;
  /** Bytes on disk (SQLite file + WAL, or pg_database_size). */
  size(): Promise<number>;
  drop(): Promise<void>;
}

export async function admin(sqlText: string, url = PG_ADMIN_URL): Promise<pg.QueryResult<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<Record<string, unknown>>(sqlText);
  } finally {
    await client.end();
  }
}

export async function pgReachable(): Promise<string | null> {
  try {
    await admin('select 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** A new, empty database named after the run and its purpose (`imported`, `raw`). */
export async function createBenchDatabase(engine: Engine, workDir: string, purpose: string): Promise<BenchDatabase> {
  const dataDir = path.join(workDir, `${engine}-${purpose}`);
  fs.mkdirSync(dataDir, { recursive: true });
  if (engine === 'sqlite') {
    const file = path.join(dataDir, 'vigil.db');
    return {
      engine,
      config: { engine, file, dataDir },
      size: async () => ['', '-wal'].reduce((sum, ext) => sum + (fs.statSync(`${file}${ext}`, { throwIfNoEntry: false })?.size ?? 0), 0),
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `vigil_bench_${purpose}_${process.pid}`;
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const db = pgDatabase(name, dataDir);
  return { ...db, drop: async () => { await db.drop(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

/** A PostgreSQL database by name (created elsewhere); drop() drops it. */
export function pgDatabase(name: string, dataDir: string): BenchDatabase {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    config: { engine: 'postgres', url: url.toString(), dataDir },
    size: async () => Number((await admin(`select pg_database_size('${name}') as n`)).rows[0]?.n ?? 0),
    drop: async () => {
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
