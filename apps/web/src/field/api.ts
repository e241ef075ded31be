import type { ApiErrorBody } from './core.ts';

/**
 * The phone's HTTP client. It tells three failures apart, because the outbox treats them
 * differently: no network (wait and retry everything), the server's answer (`HttpError`,
 * with the contract's code and Chinese message) and a lost session (401: log in again).
 */
export const API = '/api/v1';

let token: string | null = null;

export function setToken(t: string | null): void {
  token = t;
}

export function authHeader(): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The request never got an HTTP answer: offline, DNS, reset, timeout. */
export class NetworkError extends Error {
  constructor(message = '网络不可用') {
    super(message);
    this.name = 'NetworkError';
  }
}

/** Worth retrying by itself later: no network, or the server is busy or broken (408, 429, 5xx). */
export function isTransient(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof HttpError && (err.status === 408 || err.status === 429 || err.status >= 500);
}

export function isAuthError(err: unknown): boolean {
  return err instanceof HttpError && err.status === 401;
}

/** The server's error body as an HttpError; a body that is not ours gets a generic message. */
export function errorFrom(status: number, text: string): HttpError {
  try {
    const e = (JSON.parse(text) as Partial<ApiErrorBody>).error;
    if (e?.code && e.message) return new HttpError(status, e.code, e.message, e.details);
  } catch {
    // not JSON: a proxy's page, for example
  }
  const message = status >= 500 ? `服务器暂时无法处理（${status}）` : `请求未被接受（${status}）`;
  return new HttpError(status, status >= 500 ? 'internal_error' : 'http_error', message);
}

export function errorMessage(err: unknown): string {
  if (err instanceof HttpError || err instanceof NetworkError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

// A weak village signal can leave a request open for minutes; better to fail and retry.
const TIMEOUT_MS = 30_000;

export async function request<T>(
  method: string,
  path: string,
  opts: { json?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; data: T }> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? TIMEOUT_MS);
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${API}${path}`, {
      method,
      headers: {
        ...authHeader(),
        ...(opts.json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
      signal: ctrl.signal,
      cache: 'no-store',
    });
    text = await res.text();
  } catch {
    throw new NetworkError(ctrl.signal.aborted ? '网络超时' : '网络不可用');
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok) throw errorFrom(res.status, text);
  return { status: res.status, data: (text ? JSON.parse(text) : undefined) as T };
}

export async function get<T>(path: string): Promise<T> {
  return (await request<T>('GET', path)).data;
}
