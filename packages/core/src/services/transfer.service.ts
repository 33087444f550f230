import { type Repositories } from '../repositories.js';
import { type VocabularyService } from './vocabulary.service.js';

/** Lossless whole-database export and import, for moving between instances and engines. */
export class TransferService {
  constructor(
    private readonly repos: Repositories,
    private readonly vocabularies: VocabularyService,
  ) {}

  exportJson(write: (chunk: string) => Promise<void> | void): Promise<void> {
    return this.repos.dump.exportAll(write);
  }

  /** Loads an export into an empty database; refuses one that already holds records. */
  async importJson(dump: unknown): Promise<Record<string, number>> {
    const counts = await this.repos.dump.importAll(dump);
    this.vocabularies.reset();
    return counts;
  }

  tableCounts(): Promise<Record<string, number>> {
    return this.repos.dump.tableCounts();
  }
}
