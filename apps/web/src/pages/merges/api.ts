import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type MergeDetail, type MergeStatus, type MergeView, type PersonBrief } from '@vigil/core/contract';
import { api } from '../../api/client.js';

/** The merge review API (docs/IMPORT.md, "Merge review"); every query key starts with 'merges'. */

export type { MergeDetail, MergeStatus, MergeView, PersonBrief };
export type UnmergeResult = MergeDetail & { warnings: string[] };

const KEY = 'merges';

/** Pairs with a status, best score first, a page at a time. */
export function useMerges(status: MergeStatus, pageSize = 20) {
  return useInfiniteQuery({
    queryKey: [KEY, 'list', status, pageSize],
    queryFn: ({ pageParam, signal }) => api.get<{ items: MergeView[]; nextCursor: string | null }>('merges', { status, limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** A decision on a pair; afterwards every list (and the persons' pages) is read again. */
export function useDecision() {
  const queryClient = useQueryClient();
  const settle = async () => {
    await queryClient.invalidateQueries({ queryKey: [KEY] });
    await queryClient.invalidateQueries({ queryKey: ['record', 'persons'] });
  };
  return {
    accept: useMutation({
      mutationFn: ({ id, survivorId, note, version }: { id: string; survivorId: string; note: string; version: number }) =>
        api.post<MergeDetail>(`merges/${encodeURIComponent(id)}/accept`, { survivorId, version, ...(note.trim() ? { note: note.trim() } : {}) }),
      onSuccess: settle,
    }),
    reject: useMutation({
      mutationFn: ({ id, note, version }: { id: string; note: string; version: number }) =>
        api.post<MergeDetail>(`merges/${encodeURIComponent(id)}/reject`, { version, ...(note.trim() ? { note: note.trim() } : {}) }),
      onSuccess: settle,
    }),
    unmerge: useMutation({
      mutationFn: ({ id, note, force }: { id: string; note: string; force: boolean }) =>
        api.post<UnmergeResult>(`merges/${encodeURIComponent(id)}/unmerge`, { ...(force ? { force } : {}), ...(note.trim() ? { note: note.trim() } : {}) }),
      onSuccess: settle,
    }),
  };
}

export function useScan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ persons: number; candidates: number }>('merges/scan', { all: true }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [KEY] }),
  });
}
