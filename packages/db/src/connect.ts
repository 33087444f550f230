import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type DatabaseConfig } from './config.js';
import { FieldCipher } from './crypto/field-cipher.js';
import { loadKeyring, type KeyringSource } from './crypto/keyring.js';
import { dialectFor, type DialectHelpers } from './dialect.js';
import { cachingStatements } from './sqlite-statements.js';

/** Tables are addressed by name from specs, so the Kysely schema is kept generic. */
export type AnyDB = Record<string, Record<string, unknown>>;
export type Db = Kysely<AnyDB>;

export interface Connection {
  db: Db;
  dialect: DialectHelpers;
  config: DatabaseConfig;
  /** Encrypts protected fields and computes blind indexes, with keys never kept in the database. */
  cipher: FieldCipher;
  keys: KeyringSource;
  close(): Promise<void>;
}

const OPTIMIZE_EVERY_MS = 60 * 60_000;

/** Opens the database named by the config; SQLite gets WAL, synchronous=FULL and foreign keys. */
export async function connect(config: DatabaseConfig, env: NodeJS.ProcessEnv = process.env): Promise<Connection> {
  const plugins = [new CamelCasePlugin()];
  const keys = loadKeyring(config.dataDir, env);
  const cipher = new FieldCipher(keys.keyring);
  if (config.engine === 'sqlite') {
    fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const database = new SQLite(config.file);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    // Without table statistics SQLite looks a person up through the primary key and reads the wide
    // row, where a narrow covering index would do (statistics, merge lookups: several times slower
    // at 100k rows). SQLite's advice for long-lived connections: a bounded `optimize` on open,
    // then now and then (it re-analyses only tables that changed a lot).
    database.pragma('analysis_limit = 1000');
    database.pragma('optimize = 0x10002');
    const optimizer = setInterval(() => {
      try {
        database.pragma('optimize');
      } catch {
        // Busy or closing: the next pass will do.
      }
    }, OPTIMIZE_EVERY_MS).unref();
    const db = new Kysely<AnyDB>({ dialect: new SqliteDialect({ database: cachingStatements(database) }), plugins });
    const close = async () => {
      clearInterval(optimizer);
      await db.destroy();
    };
    return { db, dialect: dialectFor('sqlite'), config, cipher, keys, close };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  // An idle client whose server connection ends (a restart, a dropped database) emits 'error' on
  // the pool; without a listener that would crash the process. The next query reconnects.
  pool.on('error', () => undefined);
  // Fail fast with a readable message instead of on the first query.
  const client = await pool.connect().catch(async (e: unknown) => {
    await pool.end();
    throw new Error(`Cannot reach PostgreSQL at ${config.url.replace(/:[^:@/]*@/, ':***@')}: ${(e as Error).message}`);
  });
  client.release();
  const db = new Kysely<AnyDB>({ dialect: new PostgresDialect({ pool }), plugins });
  const close = async () => {
    await db.destroy();
    // Kysely ends only a pool it has used; end an unused one too, so no client lingers.
    if (!pool.ended) await pool.end();
  };
  return { db, dialect: dialectFor('postgres'), config, cipher, keys, close };
}
