import type SQLite from 'better-sqlite3';
import { type SqliteDatabase, type SqliteStatement } from 'kysely';

/**
 * Kysely asks better-sqlite3 to prepare (parse and plan) every statement on every execution;
 * Vigil runs the same few hundred statements over and over (a record write is a dozen of them),
 * so prepared statements are kept and reused, most recently used first. A statement still being
 * iterated (a streamed query) is busy and cannot run twice at once: a fresh one is prepared then.
 */
export function cachingStatements(database: SQLite.Database, capacity = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Re-inserting moves it to the end: the Map's order is the recency order.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}
