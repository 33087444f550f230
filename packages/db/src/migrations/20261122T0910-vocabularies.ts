// Frozen: seeds the v1 vocabularies from the data file beside it. New terms: a new migration.
import { type Kysely } from 'kysely';
import seed from './data/2026-11-22-vocabularies.json' with { type: 'json' };

interface SeedTerm {
  code: string;
  en: string;
  ru: string;
  kk: string;
}

export async function up(db: Kysely<Record<string, Record<string, unknown>>>): Promise<void> {
  const vocabularies = seed.vocabularies as Record<string, SeedTerm[]>;
  const rows = Object.entries(vocabularies).flatMap(([vocabulary, terms]) =>
    terms.map((t, position) => ({
      vocabulary,
      code: t.code,
      labels: JSON.stringify({ en: t.en, ru: t.ru, kk: t.kk }),
      position,
      deprecated: 0,
    })),
  );
  for (let i = 0; i < rows.length; i += 200) {
    await db.insertInto('vocabulary_terms').values(rows.slice(i, i + 200)).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
