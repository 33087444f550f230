// Frozen: never import application code here; a later change gets a new migration.
// The evidence vault: items (one per distinct SHA-256), provenance per receipt, an append-only
// chain-of-custody log, links to events and acts, comments, and geo/chronolocation claims.
// Types are those both engines return alike: text, integer, double precision (sizes above 2^31
// bytes are exact in a double up to 2^53), booleans as 0/1.
import { type Kysely } from 'kysely';

async function index(db: Kysely<unknown>, table: string, columns: string[], unique = false): Promise<void> {
  let builder = db.schema.createIndex(`${table}_${columns.join('_')}_idx`).on(table).columns(columns);
  if (unique) builder = builder.unique();
  await builder.execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'double precision', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('sensitivity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('metadata_raw', 'text', (c) => c.notNull())
    .addColumn('capture_time', 'text')
    .addColumn('tools', 'text', (c) => c.notNull())
    .addColumn('viewing_copies', 'text', (c) => c.notNull())
    .addColumn('phash', 'text')
    .execute();
  await index(db, 'evidence_items', ['sha256'], true);
  await index(db, 'evidence_items', ['status', 'id']);
  await index(db, 'evidence_items', ['phash']);

  await db.schema
    .createTable('evidence_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('evidence_items.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await index(db, 'evidence_links', ['item_id', 'entity', 'position']);
  await index(db, 'evidence_links', ['entity', 'record_id', 'item_id']);

  await db.schema
    .createTable('evidence_provenance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('evidence_items.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('declared_type', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('original_url', 'text')
    .addColumn('platform', 'text')
    .addColumn('posting_account', 'text')
    .addColumn('posted_at', 'text')
    .addColumn('captured_at', 'text')
    .addColumn('captured_by', 'text')
    .addColumn('capture_tool', 'text')
    .addColumn('notes', 'text')
    .addColumn('source_id', 'text', (c) => c.references('sources.id'))
    .execute();
  await index(db, 'evidence_provenance', ['item_id', 'id']);

  // Append-only: rows are inserted, never updated or deleted.
  await db.schema
    .createTable('evidence_custody')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('evidence_items.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await index(db, 'evidence_custody', ['item_id', 'id']);

  await db.schema
    .createTable('evidence_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('evidence_items.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'evidence_comments', ['item_id', 'id']);

  await db.schema
    .createTable('evidence_geolocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('evidence_items.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('precision', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('landmarks', 'text', (c) => c.notNull())
    .addColumn('place_id', 'text', (c) => c.references('places.id'))
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .execute();
  await index(db, 'evidence_geolocations', ['item_id', 'id']);

  await db.schema
    .createTable('evidence_chronolocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('evidence_items.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .execute();
  await index(db, 'evidence_chronolocations', ['item_id', 'id']);

  // Incidents: named groups of items within an event ("the residence, 15:00–17:31, 23 videos"),
  // with the dead and injured counted in them and the sources of those counts.
  await db.schema
    .createTable('evidence_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text')
    .addColumn('to_at', 'text')
    .addColumn('item_ids', 'text', (c) => c.notNull())
    .addColumn('killed', 'integer')
    .addColumn('injured', 'integer')
    .addColumn('source_ids', 'text', (c) => c.notNull())
    .addColumn('count_note', 'text')
    .addColumn('description', 'text')
    .execute();
  await index(db, 'evidence_incidents', ['event_id', 'id']);
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
