import type { FieldIssue } from '../../domain/errors.ts';

/**
 * The one way the web talks to the server: same-origin JSON, the session in an HttpOnly cookie,
 * the CSRF token (from login or GET /auth/me) kept in memory and sent on every state change.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field issues of a VALIDATION_FAILED (or a domain rule such as PASSWORD_TOO_WEAK). */
  get issues(): FieldIssue[] {
    const d = this.details as { issues?: unknown } | null | undefined;
    return Array.isArray(d?.issues) ? (d.issues as FieldIssue[]) : [];
  }
}

/** A failure before any answer (server down, network cut); translated as errors:NETWORK. */
export const NETWORK_ERROR = 'NETWORK';

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener = (error: ApiError) => void;
const listeners = new Set<Listener>();
/** The session layer listens here: 401 → back to /login, PASSWORD_CHANGE_REQUIRED → change page. */
export function onSessionError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface RequestOptions {
  /** Do not broadcast a 401 (the login call and the initial session probe handle it themselves). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

async function send(method: string, path: string, body: unknown, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK_ERROR, e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (!(opts.quiet401 && res.status === 401)) for (const l of listeners) l(error);
    throw error;
  }
  return res;
}

async function toApiError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.code === 'string') return new ApiError(res.status, body.code, String(body.message ?? body.code), body.details);
  } catch {
    /* not JSON: a proxy error page */
  }
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', res.statusText);
}

export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, body, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body, opts),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Downloads a file answer (DOCX/XLSX export) through fetch, so a 403 or 401 is reported like any
 * other error instead of replacing the page with a JSON body.
 */
export async function download(path: string): Promise<void> {
  const res = await send('GET', path, undefined, {});
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition') ?? '') ?? path.split('/').pop()!.split('?')[0]!;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name of a `content-disposition` header: RFC 5987 `filename*=UTF-8''…` first, then `filename="…"`. */
export function fileNameOf(disposition: string): string | null {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      /* malformed: fall back to the plain name */
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/**
 * Uploads files as multipart/form-data with progress (fetch cannot report upload progress), with
 * the session cookie and the CSRF token like every other write. Resolves with the JSON answer.
 * `fields` go first (a JSON body beside the files, recorded with them in one request).
 */
export function upload<T>(path: string, files: readonly File[], onProgress?: (percent: number) => void, fields: Record<string, string> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const f of files) form.append('file', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'Upload failed'));
    xhr.onload = () => {
      type ErrorBody = { code?: unknown; message?: unknown; details?: unknown };
      let body: ErrorBody | null;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as ErrorBody) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error =
        body && typeof body.code === 'string'
          ? new ApiError(xhr.status, body.code, String(body.message ?? body.code), body.details)
          : new ApiError(xhr.status, xhr.status === 413 ? 'PAYLOAD_TOO_LARGE' : xhr.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', xhr.statusText);
      for (const l of listeners) l(error);
      reject(error);
    };
    xhr.send(form);
  });
}
