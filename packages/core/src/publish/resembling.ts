/**
 * For one export: the persons whose names resemble capitalised words of the published text
 * (see collect.ts), found by name search once per search stem and kept as a forget list per
 * stem, which every page whose text has that stem shares. An export used to search and hydrate
 * them again for every page of 1,000 rows (up to 10,000 persons per stem), and to scan all
 * their names for every text of every row.
 */
import { nameStems } from './collect.js';
import { ForgetList } from './forget-list.js';
import { rememberPersons } from './redact.js';

/** How many persons a name search may bring, as the record store's list gives them: 20 pages of 500. */
export const RESEMBLING_LIMIT = 10_000;

export class ResemblingNames {
  /** Lists by stem, least recently used first. */
  private readonly lists = new Map<string, ForgetList>();
  private kept = 0;

  /**
   * `search` finds the persons for one stem (names other than descriptions, and the contact);
   * `budget` bounds the names and contacts kept, a few MB (a stem pushed out is searched again
   * when next needed, as every page did before).
   */
  constructor(
    private readonly search: (stem: string) => Promise<Record<string, unknown>[]>,
    private readonly tokens: (name: string) => string[],
    private readonly budget = 50_000,
  ) {}

  /** The lists for the stems of these texts, in the order the stems appear. */
  async listsFor(texts: (string | null | undefined)[]): Promise<ForgetList[]> {
    const out: ForgetList[] = [];
    for (const stem of nameStems(texts)) out.push(await this.list(stem));
    return out;
  }

  private async list(stem: string): Promise<ForgetList> {
    const hit = this.lists.get(stem);
    if (hit) {
      this.lists.delete(stem);
      this.lists.set(stem, hit);
      return hit;
    }
    const list = new ForgetList(this.tokens);
    rememberPersons(list, await this.search(stem));
    this.lists.set(stem, list);
    this.kept += list.size;
    for (const [key, old] of this.lists) {
      if (this.kept <= this.budget || key === stem) break;
      this.lists.delete(key);
      this.kept -= old.size;
    }
    return list;
  }
}
