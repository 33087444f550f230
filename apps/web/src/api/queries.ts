import { keepPreviousData, MutationCache, QueryCache, QueryClient, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, listAll } from './client.js';
import { type Board, type Collection, type CustodyAssessment, type Page, type RecordOf, type VocabularyTerm } from './types.js';

/** The board and open custody cases poll at this pace (issue 3: "refreshes itself"). */
export const BOARD_REFRESH_MS = 15_000;

/** A 401 anywhere means the session ended: re-check it, and the app shows the sign-in screen. */
export function createQueryClient(): QueryClient {
  const onError = (error: unknown, key?: readonly unknown[]) => {
    if (isApiError(error) && error.status === 401 && key?.[0] !== 'session') void client.invalidateQueries({ queryKey: ['session'] });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error) }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx will not change by asking again; a network blip might.
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: true,
      },
    },
  });
  return client;
}

type Params = Record<string, string | number | boolean | null | undefined>;

export function useBoard() {
  return useQuery({
    queryKey: ['board'],
    queryFn: ({ signal }) => api.get<Board>('custody/board', {}, signal),
    refetchInterval: BOARD_REFRESH_MS,
  });
}

export function useCustody(detentionId: string) {
  return useQuery({
    queryKey: ['custody', detentionId],
    queryFn: ({ signal }) => api.get<CustodyAssessment>(`detentions/${encodeURIComponent(detentionId)}/custody`, {}, signal),
    refetchInterval: BOARD_REFRESH_MS,
  });
}

/** One record by id; disabled while the id is not known yet. */
export function useRecord<C extends Collection>(collection: C, id: string | null | undefined) {
  return useQuery({
    queryKey: ['record', collection, id],
    queryFn: ({ signal }) => api.record(collection, id ?? '', signal),
    enabled: Boolean(id),
    staleTime: 30_000,
  });
}

/**
 * The records with these ids, fetched 100 per request (`?ids=`) rather than one request each, as a
 * map by id; each is also put in the single-record cache so pages that open it need no new fetch.
 */
export function useRecordMap<C extends Collection>(collection: C, ids: readonly string[]) {
  const client = useQueryClient();
  const unique = [...new Set(ids)].sort();
  return useQuery({
    queryKey: ['records', collection, unique],
    queryFn: async ({ signal }) => {
      const found = new Map<string, RecordOf[C]>();
      for (let i = 0; i < unique.length; i += 100) {
        const chunk = unique.slice(i, i + 100);
        const page = await api.list(collection, { ids: chunk.join(','), limit: chunk.length }, signal);
        for (const item of page.items) {
          found.set(item.id, item);
          client.setQueryData(['record', collection, item.id], item);
        }
      }
      return found;
    },
    enabled: unique.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** A filtered list, fetched a page at a time ("Load more"). */
export function useList<C extends Collection>(collection: C, params: Params, pageSize = 50, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['list', collection, params, pageSize],
    queryFn: ({ pageParam, signal }) => api.list(collection, { ...params, limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<RecordOf[C]>) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every record matching a filter (counts, groupings); `enabled` waits for a dependency. */
export function useAll<C extends Collection>(collection: C, params: Params, enabled = true) {
  return useQuery({
    queryKey: ['all', collection, params],
    queryFn: ({ signal }) => listAll(collection, params, signal),
    enabled,
  });
}

export function useVocabularies() {
  return useQuery({
    queryKey: ['vocabularies'],
    queryFn: ({ signal }) => api.get<{ items: VocabularyTerm[] }>('vocabularies', {}, signal).then((r) => r.items),
    staleTime: Infinity,
  });
}
