import { type Db } from '../connect.js';

/**
 * Runs `fn` in one read-only snapshot, so a long walk (audit verify, backup) sees the database
 * as of one instant while others keep writing. PostgreSQL: REPEATABLE READ. SQLite (WAL): a
 * read transaction keeps the snapshot of its first read until it ends (Kysely ignores the
 * isolation settings there, which is what we want). Joins the caller's transaction if any.
 */
export async function inReadSnapshot<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
}
