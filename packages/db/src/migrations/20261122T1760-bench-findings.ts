// Frozen: never import application code here; a later change gets a new migration.
// Found by the benchmark suite (docs/PERFORMANCE.md):
// - sources.url: an import looks up the sources its rows cite by URL, once per batch; without an
//   index every batch read the whole sources table.
// - data_version: one counter moved by every record write, so statistics computed over a million
//   detentions can be kept until the records change (packages/db/src/stats/cached-aggregates.ts).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('sources_url_idx').on('sources').column('url').execute();
  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into data_version (id, n) values (1, 0)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
