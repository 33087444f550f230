/**
 * What matching reads and derives from a person, kept across the batches of one import run.
 *
 * Each batch's persons are matched against everyone sharing a blocking key with them: at 100k
 * persons that is tens of thousands of neighbours a batch, mostly the same ones batch after
 * batch. A person's names, birth year and roles (and what is derived from them: the names as
 * the matcher reads them, their phonetic keys) change only with its version, so they are loaded
 * and decrypted once per run; every batch still checks each neighbour's current version (and
 * that it is live), and reloads the ones that changed. What detentions say (cities, events) is
 * read fresh each batch: a detention can be added without the person changing.
 */
import { nameParts } from '../matching/index.js';
import { type ImportStore, type MatchProfile } from './ports.js';

/** A person as matching uses it: its profile, the names the matcher reads, their phonetic keys. */
export interface MatchEntry {
  profile: MatchProfile;
  names: string[];
  phonetic: string[];
}

/**
 * Past this many persons the least recently used are dropped: memory stays bounded at any size
 * (~1.5 KB a person, so ~150 MB at most), and at 100k persons a run still loads most once.
 */
const MAX_ENTRIES = 100_000;

/** The person's names as the matcher reads them: full names; parts (given, surname) joined into one. */
export function matchNames(person: { names: readonly { value: string; kind?: string | null }[] }): string[] {
  const names = person.names;
  const parts = names.filter((n) => n.kind === 'given' || n.kind === 'surname').map((n) => n.value);
  return [...names.filter((n) => n.kind !== 'given' && n.kind !== 'surname' && n.kind !== 'patronymic').map((n) => n.value), ...(parts.length ? [parts.join(' ')] : [])];
}

export function matchEntry(profile: MatchProfile): MatchEntry {
  const names = matchNames(profile);
  return { profile, names, phonetic: [...new Set(names.flatMap((n) => nameParts(n).phonetic))] };
}

export class MatchCache {
  private readonly entries = new Map<string, MatchEntry>();

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  /** These persons' entries as stored now: live ones only, ordered by id; unchanged ones from the cache. */
  async load(store: ImportStore, personIds: string[]): Promise<MatchEntry[]> {
    const out = new Map<string, MatchEntry>();
    const stale: string[] = [];
    for (const [id, version] of await store.liveVersions(personIds)) {
      const entry = this.entries.get(id);
      if (entry?.profile.version === version) {
        this.put(entry);
        out.set(id, entry);
      } else {
        stale.push(id);
      }
    }
    // A person changed or deleted between the two reads is taken as the second read found it.
    for (const profile of await store.matchProfiles(stale)) {
      const entry = matchEntry(profile);
      this.put(entry);
      out.set(profile.id, entry);
    }
    return [...out.values()].sort((a, b) => (a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0));
  }

  put(entry: MatchEntry): void {
    this.entries.delete(entry.profile.id);
    this.entries.set(entry.profile.id, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
