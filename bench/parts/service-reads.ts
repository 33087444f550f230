/**
 * Reads at the service layer (no HTTP): what the routes call, with a monitor's read scope.
 * One call at a time, so the figures are latencies, not throughput.
 *
 * Statistics are measured twice: as a dashboard reads them again and again while nothing changes
 * (aggregates are kept per data version, packages/db/src/stats/cached-aggregates.ts), and right
 * after a record write, when every aggregate is computed afresh.
 */
import { readScope, type Services } from '@vigil/core';
import { type Latency, sample, type SampleOptions } from '../lib/measure.js';
import { type Workload } from './workload.js';

export interface ServiceReads {
  /** One breakdown (detentions and people by city, everything), records unchanged since the last read. */
  statisticsBreakdown: Latency;
  /** The same right after a record write. */
  statisticsBreakdownAfterWrite: Latency;
  /** The overview (totals, durations, every breakdown, events, reconciliation), records unchanged. */
  statisticsOverview: Latency;
  statisticsOverviewAfterWrite: Latency;
  listPage: Latency;
  personSearch: Latency;
  custodyBoard: Latency;
  /** Average hits of a person search (a search that never finds anyone would measure nothing). */
  searchHits: number;
  boardEntries: number;
}

/** A monitor: reads restricted records and real names, like most users of the workspace. */
export const MONITOR = readScope({ id: 'bench-monitor', name: 'bench-monitor', role: 'monitor' });

/** A record write before each call (untimed): a throwaway source's title changes. */
async function writer(services: Services): Promise<() => Promise<void>> {
  let source = await services.records.create('source', { kind: 'document', title: 'bench: a write between reads' }, 'bench');
  return async () => {
    source = await services.records.update('source', source.id, { version: source.version, title: `bench: write ${source.version + 1}` }, 'bench');
  };
}

export async function measureServiceReads(services: Services, workload: Workload, budget: { heavy: SampleOptions; light: SampleOptions }): Promise<ServiceReads> {
  let hits = 0;
  let searches = 0;
  const pick = <T>(items: T[], i: number): T => items[i % items.length] as T;
  const write = await writer(services);
  const cold = { ...budget.heavy, warmup: 0, min: Math.min(3, budget.heavy.min) };
  const breakdown = () => services.stats.breakdown('city', {});
  const overview = () => services.stats.overview({});
  const statisticsBreakdownAfterWrite = await sample(breakdown, cold, write);
  const statisticsBreakdown = await sample(breakdown, budget.heavy);
  const statisticsOverviewAfterWrite = await sample(overview, cold, write);
  const statisticsOverview = await sample(overview, budget.heavy);
  const listPage = await sample((i) => services.records.list('detention', pick(workload.listFilters, i), MONITOR), budget.light);
  const personSearch = await sample(async (i) => {
    const page = await services.records.list('person', { q: pick(workload.searches, i), limit: 50 }, MONITOR);
    hits += page.items.length;
    searches++;
  }, budget.light);
  const board = await services.custody.board();
  const custodyBoard = await sample(() => services.custody.board(), budget.heavy);
  return {
    statisticsBreakdown, statisticsBreakdownAfterWrite, statisticsOverview, statisticsOverviewAfterWrite, listPage, personSearch, custodyBoard,
    searchHits: Math.round((hits / Math.max(1, searches)) * 10) / 10, boardEntries: board.entries.length,
  };
}
