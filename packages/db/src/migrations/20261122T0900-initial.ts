// Frozen: never import application code here; a later change gets a new migration.
import { type CreateTableBuilder, type Kysely } from 'kysely';

type Table = CreateTableBuilder<string, never>;

/** Columns every documented record has: identity, version, who/when, confidentiality, soft delete. */
function recordColumns(t: Table): Table {
  return t
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .addColumn('confidentiality', 'text', (c) => c.notNull());
}

async function index(db: Kysely<unknown>, table: string, columns: string[], unique = false): Promise<void> {
  const name = `${table}_${columns.join('_')}_idx`;
  let builder = db.schema.createIndex(name).on(table).columns(columns);
  if (unique) builder = builder.unique();
  await builder.execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('vocabulary_terms')
    .addColumn('vocabulary', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('deprecated', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('vocabulary_terms_pk', ['vocabulary', 'code'])
    .execute();

  await recordColumns(db.schema.createTable('sources'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('outlet', 'text')
    .addColumn('url', 'text')
    .addColumn('published_at', 'text')
    .addColumn('language', 'text')
    .addColumn('reliability', 'text')
    .addColumn('protected_identity', 'integer', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('notes', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'sources', ['kind', 'id']);

  await recordColumns(db.schema.createTable('places'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('geo_precision', 'text')
    .addColumn('notes', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'places', ['city', 'id']);
  await index(db, 'places', ['kind', 'id']);

  await recordColumns(db.schema.createTable('organisations'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('jurisdiction', 'text')
    .addColumn('city', 'text')
    .addColumn('notes', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'organisations', ['kind', 'id']);
  await index(db, 'organisations', ['city', 'id']);

  await recordColumns(db.schema.createTable('events'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('start_precision', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text')
    .addColumn('end_precision', 'text')
    .addColumn('time_original', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('place_ids', 'text', (c) => c.notNull())
    .addColumn('notification_status', 'text')
    .addColumn('organisers', 'text')
    .addColumn('claims', 'text')
    .addColumn('summary', 'text')
    .addColumn('estimates', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'events', ['start_at', 'id']);
  await index(db, 'events', ['city', 'start_at', 'id']);
  await index(db, 'events', ['type', 'start_at', 'id']);

  await recordColumns(db.schema.createTable('persons'))
    .addColumn('pseudonym', 'text')
    .addColumn('counting_unit', 'text', (c) => c.notNull())
    .addColumn('group_size', 'integer')
    .addColumn('sex', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('age', 'integer')
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('notes', 'text')
    .execute();

  await db.schema
    .createTable('person_names')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('script', 'text')
    .addColumn('language', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.references('sources.id'))
    .execute();
  await index(db, 'person_names', ['person_id', 'position']);

  // Folded, script-independent name tokens: search "Балгабаева" or "Balgabaeva" by prefix range.
  await db.schema
    .createTable('person_name_tokens')
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addPrimaryKeyConstraint('person_name_tokens_pk', ['token', 'person_id'])
    .execute();
  await index(db, 'person_name_tokens', ['person_id']);

  await db.schema
    .createTable('person_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.references('events.id'))
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('organisation_name', 'text')
    .addColumn('note', 'text')
    .execute();
  await index(db, 'person_roles', ['person_id', 'position']);
  await index(db, 'person_roles', ['role', 'person_id']);
  await index(db, 'person_roles', ['event_id', 'role']);

  await recordColumns(db.schema.createTable('detentions'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('event_id', 'text', (c) => c.references('events.id'))
    .addColumn('apprehended_at', 'text', (c) => c.notNull())
    .addColumn('apprehended_precision', 'text', (c) => c.notNull())
    .addColumn('apprehended_time_original', 'text')
    .addColumn('apprehended_place_id', 'text', (c) => c.references('places.id'))
    .addColumn('apprehended_by_ids', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('legal_article', 'text')
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('custody_state', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text')
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'detentions', ['apprehended_at', 'id']);
  await index(db, 'detentions', ['event_id', 'apprehended_at', 'id']);
  await index(db, 'detentions', ['person_id', 'apprehended_at']);
  await index(db, 'detentions', ['city', 'apprehended_at', 'id']);
  await index(db, 'detentions', ['custody_state', 'apprehended_at', 'id']);
  await index(db, 'detentions', ['custody_state', 'last_activity_at']);
  await index(db, 'detentions', ['legal_basis', 'apprehended_at', 'id']);

  await db.schema
    .createTable('custody_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detention_id', 'text', (c) => c.notNull().references('detentions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('precision', 'text', (c) => c.notNull())
    .addColumn('time_original', 'text')
    .addColumn('place_id', 'text', (c) => c.references('places.id'))
    .addColumn('note', 'text')
    .addColumn('source_ids', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'custody_steps', ['detention_id', 'position']);

  await recordColumns(db.schema.createTable('acts'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.references('events.id'))
    .addColumn('victim_person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('start_at', 'text')
    .addColumn('start_precision', 'text')
    .addColumn('end_at', 'text')
    .addColumn('end_precision', 'text')
    .addColumn('time_original', 'text')
    .addColumn('place_id', 'text', (c) => c.references('places.id'))
    .addColumn('perpetrators', 'text', (c) => c.notNull())
    .addColumn('methods', 'text', (c) => c.notNull())
    .addColumn('consequences', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('stated_reason', 'text')
    .addColumn('description', 'text')
    .execute();
  await index(db, 'acts', ['event_id', 'id']);
  await index(db, 'acts', ['victim_person_id', 'id']);
  await index(db, 'acts', ['type', 'id']);

  await recordColumns(db.schema.createTable('charges'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('detention_id', 'text', (c) => c.references('detentions.id'))
    .addColumn('event_id', 'text', (c) => c.references('events.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('part', 'text')
    .addColumn('filed_on', 'text')
    .addColumn('court', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('sentence_kind', 'text')
    .addColumn('sentence_days', 'integer')
    .addColumn('fine_amount', 'double precision')
    .addColumn('fine_currency', 'text')
    .addColumn('notes', 'text')
    .execute();
  await index(db, 'charges', ['person_id', 'id']);
  await index(db, 'charges', ['detention_id', 'id']);
  await index(db, 'charges', ['event_id', 'id']);
  await index(db, 'charges', ['code', 'article', 'id']);

  await recordColumns(db.schema.createTable('official_figures'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text')
    .addColumn('event_id', 'text', (c) => c.references('events.id'))
    .addColumn('region', 'text')
    .addColumn('notes', 'text')
    .execute();
  await index(db, 'official_figures', ['event_id', 'id']);

  await recordColumns(db.schema.createTable('complaints'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text')
    .addColumn('filed_by_person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('detention_id', 'text', (c) => c.references('detentions.id'))
    .addColumn('act_id', 'text', (c) => c.references('acts.id'))
    .addColumn('event_id', 'text', (c) => c.references('events.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('outcome', 'text')
    .addColumn('notes', 'text')
    .execute();
  await index(db, 'complaints', ['status', 'id']);
  await index(db, 'complaints', ['detention_id', 'id']);
  await index(db, 'complaints', ['person_id', 'id']);

  // Every fact links to the sources that support it.
  await db.schema
    .createTable('citations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await index(db, 'citations', ['entity', 'record_id', 'position']);
  await index(db, 'citations', ['source_id']);

  // Versioned snapshots: who changed what and when, written in the same transaction as the change.
  await db.schema
    .createTable('record_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'record_history', ['entity', 'record_id', 'version'], true);
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
