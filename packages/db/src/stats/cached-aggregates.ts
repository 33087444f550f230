import { type CountRow, type Dimension, type Durations, type PublishScope, type Totals } from '@vigil/core';
import { type Db } from '../connect.js';
import { readDataVersion } from '../repositories/data-version.js';
import { type Aggregates } from './aggregates.js';

type AggregateReads = Pick<Aggregates, 'totals' | 'breakdown' | 'durations'>;

/** Results kept per connection; a dashboard asks for a few dozen scopes at most. */
const CAPACITY = 256;

interface Entry {
  version: number;
  value: unknown;
}

const caches = new WeakMap<Db, Map<string, Entry>>();

/**
 * A result computed once and kept until the records change. Exact counts of distinct people need
 * a pass over every detention in scope (seconds at a million), and statistics are read far more
 * often than records change, so a result is kept with the data version it was computed at
 * (`data_version`, moved by every record write in its own transaction, in any process) and served
 * while that version holds. Callers get copies. Inside a transaction nothing is kept: it may see
 * its own uncommitted writes.
 */
export async function keptUntilChange<T>(db: Db, key: unknown[], compute: () => Promise<T>): Promise<T> {
  if (db.isTransaction) return compute();
  let entries = caches.get(db);
  if (!entries) {
    entries = new Map();
    caches.set(db, entries);
  }
  const id = JSON.stringify(key);
  const version = await readDataVersion(db);
  const hit = entries.get(id);
  if (hit && hit.version === version) {
    // Re-inserted, so the Map's order stays the order of use (the oldest is dropped first).
    entries.delete(id);
    entries.set(id, hit);
    return structuredClone(hit.value) as T;
  }
  const value = await compute();
  // A write that committed while this was computed may or may not be in it: keep it only if none did.
  if ((await readDataVersion(db)) === version) {
    entries.delete(id);
    entries.set(id, { version, value: structuredClone(value) });
    if (entries.size > CAPACITY) entries.delete(entries.keys().next().value as string);
  }
  return value;
}

/** The aggregates, each kept until the records change (see keptUntilChange). */
export function cachedAggregates<T extends AggregateReads>(db: Db, aggregates: T): T {
  const reads: AggregateReads = {
    totals: (scope: PublishScope): Promise<Totals> => keptUntilChange(db, ['totals', scope], () => aggregates.totals(scope)),
    breakdown: (scope: PublishScope, dimension: Dimension): Promise<CountRow[]> => keptUntilChange(db, ['breakdown', scope, dimension], () => aggregates.breakdown(scope, dimension)),
    durations: (scope: PublishScope): Promise<Durations> => keptUntilChange(db, ['durations', scope], () => aggregates.durations(scope)),
  };
  // Anything else the aggregates offer is reached through the prototype, uncached: `counts` feeds
  // the overview, which StatsService keeps whole per data version (a second copy here would only cost memory).
  return Object.assign(Object.create(aggregates) as T, reads);
}
