/**
 * The read requests both the service-level and the HTTP measurements make: deterministic
 * (seeded), varied (cities, periods, names in either script), and each a real user's request.
 */
import { seededRng } from '../../packages/core/src/matching/index.js';
import { type Dataset } from '../dataset/generate.js';
import { CITIES } from '../dataset/places.js';

export interface Workload {
  /** Filters of a detention list page (a city, a legal basis, three months). */
  listFilters: Record<string, string | number>[];
  /** What a monitor types to find a person: the start of a surname or given name. */
  searches: string[];
}

const YEARS = [2019, 2020, 2021, 2022, 2023];

/** Words of a name long enough to search by, cut as people type them (5–8 letters). */
function searchWords(name: string, rng: () => number): string[] {
  return name.split(/\s+/).filter((w) => w.length >= 5 && !w.endsWith('.')).map((w) => w.slice(0, 5 + Math.floor(rng() * 4)));
}

export function createWorkload(dataset: Dataset, count = 200): Workload {
  const rng = seededRng(dataset.seed + 7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const listFilters = Array.from({ length: count }, () => {
    const year = pick(YEARS);
    const month = 1 + Math.floor(rng() * 10);
    const filter: Record<string, string | number> = {
      city: pick(CITIES).name, legalBasis: rng() < 0.8 ? 'administrative' : 'criminal', limit: 50,
      from: `${year}-${String(month).padStart(2, '0')}-01T00:00:00+06:00`, to: `${year}-${String(month + 2).padStart(2, '0')}-28T23:59:59+06:00`,
    };
    return filter;
  });
  // Names from rows spread over the dataset, so searches find people at every size.
  const searches: string[] = [];
  const every = Math.max(1, Math.floor(dataset.size / (count * 3)));
  let i = 0;
  for (const row of dataset.detentions()) {
    if (i++ % every !== 0) continue;
    const words = searchWords(row.name, rng);
    if (words.length > 0) searches.push(pick(words));
    if (searches.length >= count) break;
  }
  return { listFilters, searches };
}

/** A query string for a filter object. */
export function queryString(filter: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)])).toString();
}
