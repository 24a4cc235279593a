/**
 * The API client: openapi-fetch typed from the gateway's own OpenAPI document (schema.d.ts is generated from the route
 * declarations), plus the session (short-lived access token in memory, refresh token in an HttpOnly cookie) and the
 * gateway's problem responses turned into ApiError with Vietnamese messages.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** One field's error as the gateway reports it (`path` like `body.authors.0.sharePercent`). */
export interface FieldError {
  path: string;
  message: string;
}

/** A problem response (RFC 9457) from the gateway. */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail: string;
  errors?: FieldError[];
  /** Per-row problems of an upload that was refused as a whole (a people import). */
  rows?: { sheet?: string; row: number; errors: string[]; username: string | null }[];
}

/** A failed call: the problem the gateway answered, or a network failure described in Vietnamese. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  /** Field errors keyed by the form field's path (the `body.` prefix removed). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = e.path.replace(/^(body|query|params)\.?/, '') || '_';
      out[key] ??= e.message;
    }
    return out;
  }
}

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<(signedIn: boolean) => void>();

/** Called when the session ends (expired refresh, logout elsewhere). */
export function onSessionChange(listener: (signedIn: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Stores the access token of a new session (or clears it). */
export function setAccessToken(token: string | null): void {
  accessToken = token;
  for (const l of listeners) l(token !== null);
}

/** Trades the refresh cookie for a new access token; false when there is no live session. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
    credentials: 'same-origin',
  })
    .then(async (res) => {
      if (!res.ok) {
        // Only a session that existed can end: a visitor's failed restore must not clear the query cache under the
        // public page's in-flight queries.
        if (accessToken !== null) setAccessToken(null);
        return false;
      }
      const body = (await res.json()) as { accessToken: string };
      accessToken = body.accessToken;
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
    return request;
  },
};

/** The typed client; prefer `call()` which adds refresh-on-401 and error handling. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(auth);

const NETWORK_PROBLEM: Problem = {
  status: 0,
  code: 'NETWORK',
  detail: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại; dữ liệu bạn nhập vẫn được giữ.',
};

/**
 * Runs a typed call; on 401 refreshes the session once and retries; returns the data or throws ApiError. A POST keeps
 * the same Idempotency-Key across the retry, so the gateway applies it at most once.
 */
export async function call<T>(
  run: () => Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await run();
    if (result.response.status === 401 && (await refreshSession())) result = await run();
  } catch {
    throw new ApiError(NETWORK_PROBLEM);
  }
  if (result.response.ok) return result.data as T;
  const body = (result.error ?? {}) as Partial<Problem>;
  throw new ApiError({
    status: result.response.status,
    code: body.code ?? `HTTP_${result.response.status}`,
    detail: body.detail ?? 'Máy chủ không xử lý được yêu cầu, vui lòng thử lại.',
    ...(body.errors ? { errors: body.errors } : {}),
  });
}

/** A fresh Idempotency-Key: one per intended action, reused if the same action is retried. */
export function newKey(): string {
  return crypto.randomUUID();
}

/**
 * Uploads a file with progress (fetch cannot report upload progress; XMLHttpRequest can).
 * Resolves with the JSON answer or rejects with ApiError.
 */
export function upload(
  url: string,
  form: FormData,
  key: string,
  onProgress: (fraction: number) => void,
): Promise<unknown> {
  const once = () =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      if (accessToken) xhr.setRequestHeader('Authorization', `Bearer ${accessToken}`);
      xhr.setRequestHeader('Idempotency-Key', key);
      xhr.responseType = 'json';
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as unknown });
      xhr.onerror = () => reject(new ApiError(NETWORK_PROBLEM));
      xhr.send(form);
    });
  return once()
    .then(async (r) => (r.status === 401 && (await refreshSession()) ? once() : r))
    .then((r) => {
      if (r.status >= 200 && r.status < 300) return r.body;
      const body = (r.body ?? {}) as Partial<Problem>;
      throw new ApiError({
        status: r.status,
        code: body.code ?? `HTTP_${r.status}`,
        detail: body.detail ?? 'Tải tệp không thành công.',
        ...(body.errors ? { errors: body.errors } : {}),
        ...(body.rows ? { rows: body.rows } : {}),
      });
    });
}

/** Downloads a protected file (the token rides in a header, so a plain link cannot carry it). */
export async function download(url: string, filename: string): Promise<void> {
  const get = () =>
    fetch(url, {
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
      credentials: 'same-origin',
    });
  let res: Response;
  try {
    res = await get();
    if (res.status === 401 && (await refreshSession())) res = await get();
  } catch {
    throw new ApiError(NETWORK_PROBLEM);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as Partial<Problem>;
    throw new ApiError({
      status: res.status,
      code: body.code ?? `HTTP_${res.status}`,
      detail: body.detail ?? 'Không tải được tệp.',
    });
  }
  const blob = await res.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
