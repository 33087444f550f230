import { Migrator, type MigrationResultSet } from 'kysely';
import { VigilError } from '@vigil/core';
import { type Db } from './connect.js';
import { MIGRATIONS } from './migrations/index.js';

export interface MigrationStatus {
  name: string;
  appliedAt: string | null;
}

function migrator(db: Db): Migrator {
  // Kysely's migrator itself refuses unknown applied migrations and out-of-order additions.
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: false });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new VigilError('MIGRATION_FAILED', `Migration ${failed ?? ''} failed: ${reason}`.replace('  ', ' '));
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies pending migrations in one run; returns the names applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return unwrap(await migrator(db).migrateToLatest());
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
