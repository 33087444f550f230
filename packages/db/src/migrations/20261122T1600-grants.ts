// Frozen: explicit grants that open one confidential record to one account.
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_grants')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_grants_pk', ['entity', 'record_id', 'user_id'])
    .execute();
  await db.schema.createIndex('record_grants_user_id_entity_idx').on('record_grants').columns(['user_id', 'entity']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
