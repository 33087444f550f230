import { type VocabularyStore, type VocabularyTerm } from '@vigil/core';
import { type Db } from '../connect.js';

export class KyselyVocabularyStore implements VocabularyStore {
  constructor(private readonly db: Db) {}

  async all(): Promise<VocabularyTerm[]> {
    const rows = await this.db.selectFrom('vocabulary_terms').selectAll().execute();
    return rows.map((r) => ({
      vocabulary: String(r.vocabulary),
      code: String(r.code),
      labels: JSON.parse(String(r.labels)) as Record<string, string>,
      position: Number(r.position),
      deprecated: Number(r.deprecated) === 1,
    }));
  }
}
