// Frozen: never import application code here; a later change gets a new migration.
// An import run's heartbeat: refreshed every few seconds by the process working on it, so a run
// left "running" by a process that stopped (restart, crash) can be told apart from a live one and
// marked "interrupted" (docs/IMPORT.md). Runs from before this migration have none: any of them
// still "running" is from a process that is gone.
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_runs').addColumn('heartbeat_at', 'text').execute();
  await db.schema.createIndex('import_runs_status_idx').on('import_runs').columns(['status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
