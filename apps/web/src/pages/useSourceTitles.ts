import { useQueries } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { useSourceLabel } from '../lib/source.js';

/** List labels of a few sources by id, for selects (each fetched once and cached). */
export function useSourceTitles(ids: readonly string[]): Record<string, string> {
  const results = useQueries({
    queries: ids.map((id) => ({ queryKey: ['record', 'sources', id], queryFn: ({ signal }: { signal: AbortSignal }) => api.record('sources', id, signal), staleTime: 30_000 })),
  });
  const label = useSourceLabel();
  const titles: Record<string, string> = {};
  results.forEach((r, i) => {
    const id = ids[i];
    if (id && r.data) titles[id] = label(r.data);
  });
  return titles;
}
