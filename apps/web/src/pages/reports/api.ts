import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type PublishedReport, type ReportFormat } from '@vigil/core/contract';
import { api, ApiError, apiError, parseJson } from '../../api/client.js';
import { type Scope, scopeQuery } from '../stats/api.js';

/** The reports API (docs/PUBLISHING.md) as TanStack Query hooks; every key starts with 'reports'. */

export type ReportMeta = Omit<PublishedReport, 'model'>;

/** The body of POST /reports and the query of a preview: the scope, and a title when one is given. */
export function reportBody(scope: Scope, title: string): Record<string, unknown> {
  return {
    ...(title.trim() ? { title: title.trim() } : {}),
    eventId: scope.eventIds,
    ...(scope.from ? { from: scope.from } : {}),
    ...(scope.to ? { to: scope.to } : {}),
    ...(scope.city.trim() ? { city: scope.city.trim() } : {}),
  };
}

export const previewUrl = (scope: Scope, title: string, format: ReportFormat): string =>
  `/api/v1/reports/preview?${scopeQuery(scope, { format, title: title.trim() })}`;

export const reportUrl = (id: string, format: ReportFormat): string => `/api/v1/reports/${encodeURIComponent(id)}?format=${format}`;

/** A response that is not JSON (the HTML preview); errors still arrive in the API's one shape. */
async function fetchText(url: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'text/html, application/json' }, signal: signal ?? null });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  const text = await response.text();
  if (response.ok) return text;
  throw apiError(response.status, parseJson(text));
}

/** The HTML rendering of a report that is not published, for the preview frame. */
export const fetchPreviewHtml = (scope: Scope, title: string): Promise<string> => fetchText(previewUrl(scope, title, 'html'));

export function usePublishedReports(includeWithdrawn: boolean) {
  return useQuery({
    queryKey: ['reports', 'list', includeWithdrawn],
    queryFn: ({ signal }) => api.get<{ items: ReportMeta[] }>('reports', { includeWithdrawn }, signal).then((r) => r.items),
  });
}

export function usePublish() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<ReportMeta>('reports', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports'] }),
  });
}

export function useWithdraw() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<ReportMeta>(`reports/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reports'] }),
  });
}
