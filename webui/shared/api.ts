// One fetch wrapper for all three apps. Expected failures come back as values carrying the problem `code`
// of API.md (and Retry-After for rate limits); a network failure is the value `{ok:false, code:'network'}`.

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string; retryAfter: number | null };

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  /** Chair requests that change state carry X-Conclave-Chair: 1 (a CSRF guard the server checks). */
  chair?: boolean;
}

export async function api<T>(path: string, options: ApiOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.chair && options.method && options.method !== 'GET') headers['x-conclave-chair'] = '1';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, code: 'network', retryAfter: null };
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (response.ok) return { ok: true, status: response.status, data: parsed as T };
  const code =
    parsed && typeof parsed === 'object' && typeof (parsed as { code?: unknown }).code === 'string'
      ? (parsed as { code: string }).code
      : `http_${response.status}`;
  const retry = Number(response.headers.get('retry-after'));
  return { ok: false, status: response.status, code, retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null };
}
