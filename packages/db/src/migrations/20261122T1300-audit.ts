// Frozen: never import application code here; a later change gets a new migration.
// The audit trail: an append-only, hash-chained log, and its head (the last entry's number and
// hash), whose row is updated first by every append so that appends queue on its lock instead
// of forking the chain. Types are those both engines return alike (text, integer).
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Append-only: rows are inserted, never updated or deleted.
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('address', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('record_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('protected_details', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('seal', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity_record_id_seq_idx').on('audit_log').columns(['entity', 'record_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_actor_seq_idx').on('audit_log').columns(['actor', 'seq']).execute();
  await db.schema.createIndex('audit_log_action_seq_idx').on('audit_log').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at']).execute();

  // One row (id 1), created by the first append.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
