/**
 * The raw driver insert: rows straight into the tables with better-sqlite3 (one prepared INSERT
 * per table, many rows per transaction) or pg (multi-row INSERTs, many per transaction) — no
 * Kysely, no validation, no audit. It is the ceiling Vigil's import is compared with, and it
 * loads the bulk of a large dataset. Only time spent in the driver is counted.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type DatabaseConfig } from '@vigil/db';
import { type Row, type TableRows } from './encode.js';

export interface RawWriter {
  /** Inserts the rows (inside the open transaction; one is begun when none is). */
  insert(tables: TableRows): Promise<void>;
  /** Commits the open transaction. */
  commit(): Promise<void>;
  close(): Promise<void>;
  /** Seconds spent inside the driver (inserts and commits). */
  readonly seconds: number;
}

const quote = (name: string): string => `"${name}"`;

class SqliteRawWriter implements RawWriter {
  private readonly db: SQLite.Database;
  private readonly statements = new Map<string, SQLite.Statement>();
  private open = false;
  seconds = 0;

  constructor(file: string) {
    this.db = new SQLite(file);
    // The same durability as Vigil's own connection (connect.ts).
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
  }

  private statement(table: string, columns: string[]): SQLite.Statement {
    const key = `${table}(${columns.join(',')})`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      stmt = this.db.prepare(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
      this.statements.set(key, stmt);
    }
    return stmt;
  }

  async insert(tables: TableRows): Promise<void> {
    const started = performance.now();
    if (!this.open) {
      this.db.exec('begin');
      this.open = true;
    }
    for (const [table, rows] of tables) {
      const first = rows[0];
      if (!first) continue;
      const columns = Object.keys(first);
      const stmt = this.statement(table, columns);
      for (const row of rows) stmt.run(columns.map((c) => row[c] ?? null));
    }
    this.seconds += (performance.now() - started) / 1000;
  }

  async commit(): Promise<void> {
    if (!this.open) return;
    const started = performance.now();
    this.db.exec('commit');
    this.open = false;
    this.seconds += (performance.now() - started) / 1000;
  }

  async close(): Promise<void> {
    await this.commit();
    this.db.close();
  }
}

/** PostgreSQL allows 65,535 bound parameters per statement. */
const PG_MAX_PARAMS = 65_535;

class PostgresRawWriter implements RawWriter {
  private open = false;
  seconds = 0;

  constructor(private readonly client: pg.Client) {}

  async insert(tables: TableRows): Promise<void> {
    const started = performance.now();
    if (!this.open) {
      await this.client.query('begin');
      this.open = true;
    }
    for (const [table, rows] of tables) {
      const first = rows[0];
      if (!first) continue;
      const columns = Object.keys(first);
      const perStatement = Math.max(1, Math.min(1000, Math.floor(PG_MAX_PARAMS / columns.length)));
      for (let i = 0; i < rows.length; i += perStatement) await this.insertMany(table, columns, rows.slice(i, i + perStatement));
    }
    this.seconds += (performance.now() - started) / 1000;
  }

  private async insertMany(table: string, columns: string[], rows: Row[]): Promise<void> {
    const values: unknown[] = [];
    const tuples = rows.map((row) => `(${columns.map((c) => {
      values.push(row[c] ?? null);
      return `$${values.length}`;
    }).join(', ')})`);
    await this.client.query(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}`, values);
  }

  async commit(): Promise<void> {
    if (!this.open) return;
    const started = performance.now();
    await this.client.query('commit');
    this.open = false;
    this.seconds += (performance.now() - started) / 1000;
  }

  async close(): Promise<void> {
    await this.commit();
    await this.client.end();
  }
}

export async function openRawWriter(config: DatabaseConfig): Promise<RawWriter> {
  if (config.engine === 'sqlite') return new SqliteRawWriter(config.file);
  const client = new pg.Client({ connectionString: config.url });
  // An interrupted run drops the database under this client: the query fails, the process must not.
  client.on('error', () => undefined);
  await client.connect();
  return new PostgresRawWriter(client);
}
