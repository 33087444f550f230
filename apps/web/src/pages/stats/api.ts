import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type PublishScope, type StatsMap, type StatsOverview } from '@vigil/core/contract';
import { api } from '../../api/client.js';

/** The statistics API (docs/PUBLISHING.md) as TanStack Query hooks; every key starts with 'stats'. */

export type { StatsMap, StatsOverview };

/** A scope as the forms hold it: chosen events, a period of local dates, a city ('' = not set). */
export interface Scope {
  eventIds: string[];
  from: string;
  to: string;
  city: string;
}

export const EMPTY_SCOPE: Scope = { eventIds: [], from: '', to: '', city: '' };

/** `eventId=a&eventId=b&from=…`: the query string every statistics, report and export route takes. */
export function scopeQuery(scope: Scope, extra: Record<string, string> = {}): string {
  const out = new URLSearchParams();
  for (const id of scope.eventIds) out.append('eventId', id);
  if (scope.from) out.set('from', scope.from);
  if (scope.to) out.set('to', scope.to);
  if (scope.city.trim()) out.set('city', scope.city.trim());
  for (const [k, v] of Object.entries(extra)) if (v) out.set(k, v);
  return out.toString();
}

/** The scope in a page URL (`/statistics?from=…&eventId=…`), so a view can be reloaded, shared and turned into a report. */
export function scopeFromSearch(search: string): Scope {
  const params = new URLSearchParams(search);
  return { eventIds: params.getAll('eventId'), from: params.get('from') ?? '', to: params.get('to') ?? '', city: params.get('city') ?? '' };
}

/** The scope as the server echoes it, back into form values. */
export function scopeFromServer(scope: PublishScope): Scope {
  return { eventIds: scope.eventIds, from: scope.from ?? '', to: scope.to ?? '', city: scope.city ?? '' };
}

const withQuery = (path: string, scope: Scope) => {
  const query = scopeQuery(scope);
  return query ? `${path}?${query}` : path;
};

export function useOverview(scope: Scope) {
  return useQuery({
    queryKey: ['stats', 'overview', scope],
    queryFn: ({ signal }) => api.get<StatsOverview>(withQuery('stats/overview', scope), {}, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStatsMap(scope: Scope) {
  return useQuery({
    queryKey: ['stats', 'map', scope],
    queryFn: ({ signal }) => api.get<StatsMap>(withQuery('stats/map', scope), {}, signal),
    placeholderData: keepPreviousData,
  });
}
