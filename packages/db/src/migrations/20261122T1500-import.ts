// Frozen: never import application code here; a later change gets a new migration.
// Bulk intake and merge review (issue 6): saved column mappings, import runs with their row-level
// report, the source key of every imported row, blinded person match keys, and candidate pairs of
// persons with the reviewers' decisions. Nothing here holds a clear name: keys are HMACs (blind
// indexes) and reasons, snapshots, notes, file names and problems are encrypted by the store.
import { type Kysely } from 'kysely';

async function index(db: Kysely<unknown>, table: string, columns: string[], unique = false): Promise<void> {
  let builder = db.schema.createIndex(`${table}_${columns.join('_')}_idx`).on(table).columns(columns);
  if (unique) builder = builder.unique();
  await builder.execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_mappings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await index(db, 'import_mappings', ['name']);

  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('mapping_id', 'text')
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_size', 'integer')
    .addColumn('format', 'text')
    .addColumn('encoding', 'text')
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('rows_done', 'integer', (c) => c.notNull())
    .addColumn('rows_imported', 'integer', (c) => c.notNull())
    .addColumn('rows_skipped', 'integer', (c) => c.notNull())
    .addColumn('rows_failed', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('candidates', 'integer', (c) => c.notNull())
    .addColumn('problem_count', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await index(db, 'import_runs', ['started_at', 'id']);

  // One row per imported row, ever: key = HMAC of (dataset, target, id columns or content).
  await db.schema
    .createTable('import_row_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('records', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'import_row_keys', ['run_id']);
  await index(db, 'import_row_keys', ['key_id']);

  // Blocking keys of the matcher, blinded: HMAC('b:' + key); `key_id` names the blind key used.
  await db.schema
    .createTable('person_match_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addPrimaryKeyConstraint('person_match_keys_pk', ['key', 'person_id'])
    .execute();
  await index(db, 'person_match_keys', ['person_id']);
  await db.schema
    .createTable('person_match_state')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('persons.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('merge_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pair_key', 'text', (c) => c.notNull())
    .addColumn('person_a', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('person_b', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('note', 'text')
    .addColumn('survivor_id', 'text')
    .addColumn('merged_id', 'text')
    .addColumn('snapshot', 'text')
    .execute();
  await index(db, 'merge_candidates', ['pair_key'], true);
  await index(db, 'merge_candidates', ['status', 'score', 'id']);
  await index(db, 'merge_candidates', ['person_a', 'score', 'id']);
  await index(db, 'merge_candidates', ['person_b', 'score', 'id']);
  await index(db, 'merge_candidates', ['run_id', 'score', 'id']);
  await index(db, 'merge_candidates', ['merged_id']);

  await db.schema
    .createTable('merge_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('merge_candidates.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await index(db, 'merge_decisions', ['candidate_id', 'at']);
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
