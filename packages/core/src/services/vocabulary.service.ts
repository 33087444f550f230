import { type FieldProblem } from '../errors.js';
import { type Repositories, type VocabularyTerm } from '../repositories.js';

/** Vocabularies are data; this checks codes against them and lists them for forms. */
type Terms = Map<string, Map<string, VocabularyTerm>>;

export class VocabularyService {
  /**
   * The cache is shared with transaction-bound copies (`on`): inside a SQLite transaction every
   * query must go through the transaction, or it would wait on the connection it holds.
   */
  constructor(
    private readonly repos: Repositories,
    private readonly shared: { terms: Terms | null } = { terms: null },
  ) {}

  /** The same service reading through other repositories (a transaction), sharing the cache. */
  on(repos: Repositories): VocabularyService {
    return new VocabularyService(repos, this.shared);
  }

  private async terms(): Promise<Terms> {
    if (this.shared.terms) return this.shared.terms;
    const byVocabulary = new Map<string, Map<string, VocabularyTerm>>();
    for (const term of await this.repos.vocabularies.all()) {
      const codes = byVocabulary.get(term.vocabulary) ?? new Map<string, VocabularyTerm>();
      codes.set(term.code, term);
      byVocabulary.set(term.vocabulary, codes);
    }
    this.shared.terms = byVocabulary;
    return byVocabulary;
  }

  /** Problems for every code that is not a live term of its vocabulary. */
  async check(uses: { path: string; vocabulary: string; code: string }[]): Promise<FieldProblem[]> {
    const terms = await this.terms();
    return uses.flatMap(({ path, vocabulary, code }) => {
      const term = terms.get(vocabulary)?.get(code);
      if (term && !term.deprecated) return [];
      const known = [...(terms.get(vocabulary)?.keys() ?? [])].slice(0, 30).join(', ');
      return [{ path, problem: `unknown term "${code}" in vocabulary ${vocabulary} (known: ${known})` }];
    });
  }

  async list(vocabulary?: string): Promise<VocabularyTerm[]> {
    const all = [...(await this.terms()).values()].flatMap((codes) => [...codes.values()]);
    return all
      .filter((t) => !vocabulary || t.vocabulary === vocabulary)
      .sort((a, b) => (a.vocabulary === b.vocabulary ? a.position - b.position : a.vocabulary < b.vocabulary ? -1 : 1));
  }

  /** Forget cached terms (after an import replaced them). */
  reset(): void {
    this.shared.terms = null;
  }
}
