import { type Db } from '../connect.js';
import { type DialectHelpers } from '../dialect.js';

/** Runs `fn` inside a transaction, joining the caller's when there already is one. */
export async function withTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}

/** Multi-row INSERTs sized to stay under the engine's bound-parameter limit. */
export async function insertBatched(db: Db, table: string, rows: Record<string, unknown>[], dialect: DialectHelpers): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] ?? {}).length || 1;
  const size = Math.max(1, Math.floor(dialect.maxParams / columns));
  for (let i = 0; i < rows.length; i += size) await db.insertInto(table).values(rows.slice(i, i + size)).execute();
}
