import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CatalogueView, type FindingDetail, type FindingStatus, type FindingView, type ReviewDecision } from '@vigil/core/contract';
import { api } from '../../api/client.js';

/** The findings API (docs/FINDINGS.md) as TanStack Query hooks; every key starts with 'findings'. */

export type { CatalogueView, FindingDetail, FindingStatus, FindingView, ReviewDecision };
export type StandardView = CatalogueView['standards'][number];
export type FactView = FindingView['facts'][number];

/** Which findings a record page shows: an event's, a custody case's (its subject), or a person's. */
export type FindingScope = { eventId: string } | { subjectId: string } | { personId: string };

/** Filters of the list and the counts (`status` is ignored by the counts). */
export interface FindingParams {
  status?: string;
  severity?: string;
  standardId?: string;
  eventId?: string;
  subjectId?: string;
  personId?: string;
}

export interface FindingPage {
  items: FindingView[];
  nextCursor: string | null;
  /** Groups of facts still waiting for recomputation (an unfiltered list computes at most 50 per request). */
  pending: number;
}

export interface FindingCounts {
  byStatus: Record<FindingStatus, number>;
  queue: number;
  total: number;
  pending: number;
}

const KEY = 'findings';

/** The catalogue (citations, how firm each is, thresholds and origins): static per server version. */
export function useStandards() {
  return useQuery({
    queryKey: [KEY, 'standards'],
    queryFn: ({ signal }) => api.get<CatalogueView>('standards', {}, signal),
    staleTime: Infinity,
  });
}

export function useFindingList(params: FindingParams, pageSize = 20, enabled = true) {
  return useInfiniteQuery({
    queryKey: [KEY, 'list', params, pageSize],
    queryFn: ({ pageParam, signal }) => api.get<FindingPage>('findings', { ...params, limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: FindingPage) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useFindingCounts(params: Omit<FindingParams, 'status'>, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'counts', params],
    queryFn: ({ signal }) => api.get<FindingCounts>('findings/counts', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One finding with its previous facts and history; fetched when its details are opened. */
export function useFindingDetail(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<FindingDetail>(`findings/${encodeURIComponent(id)}`, {}, signal),
    enabled,
  });
}

export interface ReviewRequest {
  id: string;
  decision: ReviewDecision;
  note: string;
  /** The version the reviewer saw: a finding recomputed or reviewed since is refused (409). */
  version: number;
}

/**
 * Confirm or reject; every findings query is refreshed afterwards (lists, counts, panels). The
 * refresh is not awaited: callers use `mutateAsync`, whose promise settles even when the refresh
 * removes the form's card (a confirmed finding leaves the queue).
 */
export function useReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note, version }: ReviewRequest) =>
      api.post<FindingDetail>(`findings/${encodeURIComponent(id)}/review`, { decision, version, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: [KEY] });
    },
  });
}
