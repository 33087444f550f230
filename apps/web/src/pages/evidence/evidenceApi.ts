// The evidence vault's API for the pages under /evidence: queries, the streamed upload, cache updates.
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Chronology as ChronologySchema, EvidenceDetail, EvidenceItem, IncidentSummary } from '@vigil/core/contract';
import { api } from '../../api/client.js';
import { type Page } from '../../api/types.js';
import { uploadForm } from '../../api/upload.js';

export type { EvidenceDetail, EvidenceItem, IncidentSummary };
export type ChronologyView = z.infer<typeof ChronologySchema>;
export interface IngestResponse {
  item: EvidenceDetail;
  /** The bytes were already held: nothing stored again, one more provenance added. */
  duplicate: boolean;
  provenanceId: string;
}

export interface EvidenceListParams {
  status?: string;
  mediaType?: string;
  eventId?: string;
}

const clean = (params: EvidenceListParams) => Object.fromEntries(Object.entries(params).filter(([, v]) => v));

export function useEvidenceList(params: EvidenceListParams, pageSize = 30) {
  return useInfiniteQuery({
    queryKey: ['evidence', 'list', clean(params), pageSize],
    queryFn: ({ pageParam, signal }) => api.get<Page<EvidenceItem>>('evidence', { ...clean(params), limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<EvidenceItem>) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

const itemKey = (id: string) => ['evidence', 'item', id] as const;

/**
 * One item. Every GET is logged in the chain of custody as a view, so the page fetches it once
 * per visit (no refetch on focus) and writes keep the cache current from their own answers.
 */
export function useEvidenceItem(id: string) {
  return useQuery({
    queryKey: itemKey(id),
    queryFn: ({ signal }) => api.get<EvidenceDetail>(`evidence/${encodeURIComponent(id)}`, {}, signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** Replaces the cached item (a status move, an edit, a transfer answer with the whole item). */
export function putItem(queryClient: QueryClient, item: EvidenceDetail): void {
  queryClient.setQueryData(itemKey(item.id), item);
  void queryClient.invalidateQueries({ queryKey: ['evidence', 'list'] });
  void queryClient.invalidateQueries({ queryKey: ['evidence', 'chronology'] });
}

/** Changes part of the cached item (a new comment or claim) without fetching it again (which would log a view). */
export function useItemUpdater(id: string): (change: (item: EvidenceDetail) => EvidenceDetail) => void {
  const queryClient = useQueryClient();
  return (change) => {
    queryClient.setQueryData<EvidenceDetail>(itemKey(id), (old) => (old ? change(old) : old));
    void queryClient.invalidateQueries({ queryKey: ['evidence', 'chronology'] });
  };
}

export function useChronology(eventId: string) {
  return useQuery({
    queryKey: ['evidence', 'chronology', eventId],
    queryFn: ({ signal }) => api.get<ChronologyView>(`events/${encodeURIComponent(eventId)}/chronology`, {}, signal),
  });
}

/** A viewing copy's address (thumbnail or video poster; never the original). */
export const copyUrl = (item: Pick<EvidenceItem, 'id' | 'viewingCopies'>): string | null => {
  const copy = item.viewingCopies.find((c) => c.kind === 'poster') ?? item.viewingCopies.find((c) => c.kind === 'thumbnail');
  return copy ? `/api/v1/evidence/${encodeURIComponent(item.id)}/copies/${copy.kind}` : null;
};

/** The original, as an attachment (each download is logged in the chain of custody). */
export const contentUrl = (id: string): string => `/api/v1/evidence/${encodeURIComponent(id)}/content`;

/**
 * Sends one file with its fields as multipart/form-data, fields first (the server checks them
 * before it reads a byte), with the upload's progress.
 */
export function uploadEvidence(
  fields: Record<string, string | readonly string[] | null | undefined>,
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<IngestResponse> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === null || value === undefined || value === '') continue;
    for (const one of typeof value === 'string' ? [value] : value) form.append(name, one);
  }
  form.append('file', file, file.name);
  return uploadForm<IngestResponse>('evidence', form, { onProgress, expectedBytes: file.size, signal });
}
