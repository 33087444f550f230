import { type Kysely, type Migration, Migrator, type MigrationResultSet } from 'kysely';
import { VigilError } from '@vigil/core';
import { type Db } from './connect.js';
import { MIGRATIONS } from './migrations/index.js';

export interface MigrationStatus {
  name: string;
  appliedAt: string | null;
}

/**
 * Encrypts a clear value with the current key. The key is never in the database, so a migration
 * that seals values stored in clear (20261122T1720) gets this as a second argument to `up`.
 */
export type Seal = (plain: string) => string;

type KeyedUp = (db: Kysely<unknown>, seal?: Seal) => Promise<void>;

/** Every migration with `seal` bound (migrations that need no key ignore it). */
function withSeal(seal: Seal | undefined): Record<string, Migration> {
  return Object.fromEntries(Object.entries(MIGRATIONS).map(([name, m]) => [name, { ...m, up: (db: Kysely<unknown>) => (m.up as KeyedUp)(db, seal) }]));
}

function migrator(db: Db, seal?: Seal): Migrator {
  // Kysely's migrator itself refuses unknown applied migrations and out-of-order additions.
  return new Migrator({ db, provider: { getMigrations: async () => withSeal(seal) }, allowUnorderedMigrations: false });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new VigilError('MIGRATION_FAILED', `Migration ${failed ?? ''} failed: ${reason}`.replace('  ', ' '));
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies pending migrations in one run; returns the names applied. `seal`: the connection's field cipher (required by migrations that encrypt). */
export async function migrateToLatest(db: Db, seal?: Seal): Promise<string[]> {
  return unwrap(await migrator(db, seal).migrateToLatest());
}

/** Every known migration with the time it was applied, or null when pending. */
export async function migrationStatus(db: Db): Promise<MigrationStatus[]> {
  const all = await migrator(db).getMigrations();
  return all.map((m) => ({ name: m.name, appliedAt: m.executedAt ? m.executedAt.toISOString() : null }));
}

/** The name of the newest migration this code knows: the schema version of exports. */
export function latestSchemaVersion(): string {
  const names = Object.keys(MIGRATIONS).sort();
  return names[names.length - 1] ?? '';
}
