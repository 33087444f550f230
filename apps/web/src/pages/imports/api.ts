import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  type ImportCatalogue, type ImportMappingInput, type Preview, type PreviewRow, type RowProblem, type SavedMapping, type StoredImportRun, type UploadSummary,
} from '@vigil/core/contract';
import { api } from '../../api/client.js';
import { uploadForm } from '../../api/upload.js';

/** The bulk-intake API (docs/IMPORT.md) for the wizard; every query key starts with 'imports'. */

export type { ImportCatalogue, ImportMappingInput, Preview, PreviewRow, RowProblem, SavedMapping, UploadSummary };
export type CatalogueTarget = ImportCatalogue['targets'][number];
export type CatalogueField = CatalogueTarget['fields'][number];

/** A run as the API shows it: the file name only to those who may see identities; the CSV report's address. */
export type ImportRun = Omit<StoredImportRun, 'fileName'> & { fileName: string | null; problemsCsv: string };

const KEY = 'imports';
/** How often a run in progress is asked for (the progress bar). */
export const RUN_POLL_MS = 500;

export const isActive = (run: Pick<ImportRun, 'status'>): boolean => run.status === 'queued' || run.status === 'running';

export function useImportFields() {
  return useQuery({ queryKey: [KEY, 'fields'], queryFn: ({ signal }) => api.get<ImportCatalogue>('imports/fields', {}, signal), staleTime: Infinity });
}

export function useSavedMappings() {
  return useQuery({ queryKey: [KEY, 'mappings'], queryFn: ({ signal }) => api.get<{ items: SavedMapping[] }>('import-mappings', {}, signal).then((r) => r.items) });
}

/** One run, asked for again every RUN_POLL_MS while it is queued or running. */
export function useRun(id: string | null) {
  return useQuery({
    queryKey: [KEY, 'run', id],
    queryFn: ({ signal }) => api.get<ImportRun>(`imports/${encodeURIComponent(id ?? '')}`, {}, signal),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && !isActive(query.state.data) ? false : RUN_POLL_MS),
  });
}

/** Past runs, newest first; refreshed while one of them is still going. */
export function useRuns(pageSize = 10) {
  return useInfiniteQuery({
    queryKey: [KEY, 'runs', pageSize],
    queryFn: ({ pageParam, signal }) => api.get<{ items: ImportRun[]; nextCursor: string | null }>('imports', { limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.items.some(isActive)) ? 2000 : false),
  });
}

export const preview = (uploadId: string, mapping: ImportMappingInput, rows = 20) => api.post<Preview>('imports/preview', { uploadId, mapping, rows });
export const startRun = (uploadId: string, mapping: ImportMappingInput, dryRun: boolean) => api.post<ImportRun>('imports', { uploadId, mapping, dryRun });
export const saveMapping = (name: string, mapping: ImportMappingInput) => api.post<SavedMapping>('import-mappings', { name, mapping });
export const updateMapping = (id: string, version: number, name: string, mapping: ImportMappingInput) =>
  api.patch<SavedMapping>(`import-mappings/${encodeURIComponent(id)}`, { version, name, mapping });

/** Uploads a list as multipart/form-data, with the upload's progress for the progress bar. */
export function uploadList(file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<UploadSummary> {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForm<UploadSummary>('imports/uploads', form, { onProgress, expectedBytes: file.size, signal });
}
