// Frozen: never import application code here; a later change gets a new migration.
// Findings of the standards engine (issue 5): suggestions stored for analysts to confirm or reject,
// their review history, and the recompute bookkeeping per group of facts (an event, or one person's
// records outside any event). Also the vocabulary terms the engine reads (`fleeing`) and the
// methods monitors need to record violence by a crowd against officers.
import { type Kysely, sql } from 'kysely';

const TERMS: { vocabulary: string; code: string; en: string; ru: string; kk: string }[] = [
  { vocabulary: 'containment_condition', code: 'fleeing', en: 'People were fleeing', ru: 'Люди убегали', kk: 'Адамдар қашып бара жатты' },
  { vocabulary: 'force_method', code: 'blunt_object', en: 'Blunt object (stick, bar)', ru: 'Тупой предмет (палка, прут)', kk: 'Доғал зат (таяқ, темір)' },
  { vocabulary: 'force_method', code: 'thrown_object', en: 'Thrown objects (stones, bottles)', ru: 'Брошенные предметы (камни, бутылки)', kk: 'Лақтырылған заттар (тас, бөтелке)' },
  { vocabulary: 'force_method', code: 'edged_weapon', en: 'Edged weapon (knife)', ru: 'Холодное оружие (нож)', kk: 'Суық қару (пышақ)' },
  { vocabulary: 'force_method', code: 'arson', en: 'Arson', ru: 'Поджог', kk: 'Өртеу' },
];

async function index(db: Kysely<unknown>, table: string, columns: string[], unique = false): Promise<void> {
  let builder = db.schema.createIndex(`${table}_${columns.join('_')}_idx`).on(table).columns(columns);
  if (unique) builder = builder.unique();
  await builder.execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per breach the engine suggested, ever: rows are never deleted, only marked obsolete.
  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('standard_ids', 'text', (c) => c.notNull())
    .addColumn('subject_entity', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('confidentiality', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('facts_hash', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('produced', 'integer', (c) => c.notNull())
    .addColumn('review_reason', 'text')
    .addColumn('decision', 'text')
    .addColumn('reviewer', 'text')
    .addColumn('reviewer_id', 'text')
    .addColumn('review_note', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_facts', 'text')
    .addColumn('reviewed_facts_hash', 'text')
    .addColumn('catalogue_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'findings', ['key'], true);
  await index(db, 'findings', ['status', 'severity_rank', 'id']);
  await index(db, 'findings', ['event_id', 'status', 'severity_rank', 'id']);
  await index(db, 'findings', ['subject_id', 'severity_rank', 'id']);
  await index(db, 'findings', ['person_id', 'severity_rank', 'id']);
  await index(db, 'findings', ['group_key']);
  await index(db, 'findings', ['severity_rank', 'id']);

  // Every status change of a finding, by a reviewer or by recomputation, with the facts at that moment.
  await db.schema
    .createTable('finding_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('facts_hash', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .execute();
  await index(db, 'finding_reviews', ['finding_id', 'at', 'id']);

  // Recompute bookkeeping: a record write marks its group dirty (cheap); reads and `recompute` do the work.
  await db.schema
    .createTable('finding_groups')
    .addColumn('group_key', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('dirty', 'integer', (c) => c.notNull())
    .addColumn('marked_at', 'text')
    .addColumn('computed_at', 'text')
    .execute();
  await index(db, 'finding_groups', ['dirty', 'group_key']);

  // Facts recorded before this migration: every event, and every person with records outside an event, start dirty.
  await sql`insert into finding_groups (group_key, event_id, person_id, dirty) select 'event:' || id, id, null, 1 from events where deleted_at is null`.execute(db);
  await sql`
    insert into finding_groups (group_key, event_id, person_id, dirty)
    select distinct 'person:' || person_id, null, person_id, 1 from (
      select person_id from detentions where event_id is null and deleted_at is null
      union select victim_person_id as person_id from acts where event_id is null and victim_person_id is not null and deleted_at is null
      union select person_id from charges where event_id is null and deleted_at is null
    ) linked`.execute(db);

  for (const t of TERMS) {
    const row = await sql<{ n: number | string | null }>`select max(position) as n from vocabulary_terms where vocabulary = ${t.vocabulary}`.execute(db);
    const position = Number(row.rows[0]?.n ?? -1) + 1;
    const labels = JSON.stringify({ en: t.en, ru: t.ru, kk: t.kk });
    await sql`insert into vocabulary_terms (vocabulary, code, labels, position, deprecated) values (${t.vocabulary}, ${t.code}, ${labels}, ${position}, 0)`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
