import { sql, type RawBuilder } from 'kysely';

/**
 * The one seam for differences between SQLite and PostgreSQL. Callers ask for a capability,
 * never for an engine name.
 */
export interface DialectHelpers {
  engine: 'sqlite' | 'postgres';
  /** Rows per multi-row INSERT that stay under the engine's bound-parameter limit. */
  maxParams: number;
  /** COUNT(*) as a JS number (PostgreSQL returns bigint as a string). */
  countAll(): RawBuilder<number>;
  /** Turns a driver value from an aggregate into a number. */
  toNumber(value: unknown): number;
}

export function dialectFor(engine: 'sqlite' | 'postgres'): DialectHelpers {
  return {
    engine,
    maxParams: engine === 'sqlite' ? 30_000 : 60_000,
    countAll: () => (engine === 'postgres' ? sql<number>`count(*)::int` : sql<number>`count(*)`),
    toNumber: (value) => (typeof value === 'number' ? value : Number(value)),
  };
}
