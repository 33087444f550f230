// Frozen: never import application code here; a later change gets a new migration.
// Review notes of findings (findings.review_note and the history's finding_reviews.note) were
// stored in clear. From this version the store seals them with the field cipher, like other
// protected free text; this migration seals the notes stored before.
//
// The key is never in the database, so a plain migration cannot encrypt. The runner
// (packages/db/src/migrate.ts) hands key-needing migrations a `seal` function built from the
// connection's keyring; without one this migration refuses to run rather than leave notes in clear.
// Already sealed values (`enc1:` prefix) are left alone, so a run cut short (SQLite has no
// transactional DDL) is simply resumed by the next start.
import { type Kysely, sql } from 'kysely';

/** Encrypts one clear value with the current key (FieldCipher.encrypt). */
export type Seal = (plain: string) => string;

const SEALED_PREFIX = 'enc1:';
const PAGE = 500;

const COLUMNS: { table: string; column: string }[] = [
  { table: 'findings', column: 'review_note' },
  { table: 'finding_reviews', column: 'note' },
];

async function sealColumn(db: Kysely<unknown>, table: string, column: string, seal: Seal): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; value: string }>`
      select id, ${sql.ref(column)} as value from ${sql.table(table)}
      where id > ${after} and ${sql.ref(column)} is not null and ${sql.ref(column)} not like ${`${SEALED_PREFIX}%`}
      order by id limit ${PAGE}`.execute(db);
    for (const row of rows) {
      await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${seal(row.value)} where id = ${row.id}`.execute(db);
    }
    const last = rows[rows.length - 1];
    if (rows.length < PAGE || !last) return;
    after = last.id;
  }
}

export async function up(db: Kysely<unknown>, seal?: Seal): Promise<void> {
  if (!seal) throw new Error('20261122T1720-finding-notes-sealed encrypts review notes and needs the encryption key: run it through migrateToLatest(db, seal)');
  for (const { table, column } of COLUMNS) await sealColumn(db, table, column, seal);
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
