// Uploads with a progress bar: fetch reports no upload progress, so these go through XMLHttpRequest,
// with the session's CSRF header, and come back like every other call (JSON, or an ApiError).
import { apiError, ApiError, apiUrl, csrfHeaders, parseJson } from './client.js';

export interface UploadOptions {
  /** Bytes sent so far, and of how many. */
  onProgress: (sent: number, total: number) => void;
  /** The total to report when the browser cannot tell the request's size (the file's size). */
  expectedBytes: number;
  /** Aborting it cancels the upload: the promise rejects with an AbortError. */
  signal?: AbortSignal | undefined;
}

/** POSTs a multipart/form-data body to /api/v1/<path>; resolves with the answer's JSON on 2xx. */
export function uploadForm<T>(path: string, form: FormData, { onProgress, expectedBytes, signal }: UploadOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : expectedBytes);
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(apiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload could not reach the server'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
