import { type Collection, type ErrorBody, type FieldProblem, type Page, type RecordOf } from './types.js';

/** An error from the API in its one shape, or a network failure (code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

type Params = Record<string, string | number | boolean | null | undefined>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;

/** The CSRF token of the current session (from sign-in or GET /auth/session), sent with every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF header for a write made outside `request` (an upload through XMLHttpRequest, for its progress events). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** `/api/v1/events?city=Almaty`, leaving out empty parameters. */
export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const query = search.toString();
  return `/api/v1/${path}${query ? `?${query}` : ''}`;
}

async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(UNSAFE.has(method) && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  const data = parseJson(await response.text());
  if (!response.ok) throw apiError(response.status, data);
  return data as T;
}

/** An answer's body as JSON, or null when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The ApiError for a failed answer: the API's one error shape when the body has it, else the bare status. */
export function apiError(status: number, body: unknown): ApiError {
  const error = (body as Partial<ErrorBody> | null)?.error;
  return new ApiError(status, error?.code ?? 'INTERNAL', error?.message ?? `HTTP ${status}`, error?.fields ?? []);
}

export const api = {
  get: <T>(path: string, params?: Params, signal?: AbortSignal) => request<T>('GET', apiUrl(path, params), undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', apiUrl(path), body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', apiUrl(path), body),
  delete: <T>(path: string) => request<T>('DELETE', apiUrl(path)),
  list: <C extends Collection>(collection: C, params: Params = {}, signal?: AbortSignal) => request<Page<RecordOf[C]>>('GET', apiUrl(collection, params), undefined, signal),
  record: <C extends Collection>(collection: C, id: string, signal?: AbortSignal) => request<RecordOf[C]>('GET', apiUrl(`${collection}/${encodeURIComponent(id)}`), undefined, signal),
};

/** Every item of a filtered list, following cursors (for counts and groupings; capped for safety). */
export async function listAll<C extends Collection>(collection: C, params: Params = {}, signal?: AbortSignal, cap = 20_000): Promise<RecordOf[C][]> {
  const items: RecordOf[C][] = [];
  let cursor: string | null = null;
  do {
    const page: Page<RecordOf[C]> = await api.list(collection, { ...params, limit: 500, cursor }, signal);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < cap);
  return items;
}
