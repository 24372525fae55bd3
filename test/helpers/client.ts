// A tiny HTTP client that keeps cookies per "device", like a phone's browser would.
export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test replies are inspected loosely
  headers: Headers;
}

export class Device {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  getCookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) h.cookie = this.cookieHeader();
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload ?? null, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = (pair ?? '').split('=');
      if (!k) continue;
      if (/expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v ?? '');
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body, headers);
  chairPost = (path: string, body?: unknown) => this.request('POST', path, body ?? {}, { 'x-conclave-chair': '1' });
}

export async function loginChair(base: string, passphrase: string): Promise<Device> {
  const d = new Device(base);
  const r = await d.request('POST', '/api/chair/session', { passphrase, clock: new Date().toISOString() }, { 'x-conclave-chair': '1' });
  if (r.status !== 201) throw new Error(`chair login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return d;
}

export async function loginVoter(base: string, code: string): Promise<Device> {
  const d = new Device(base);
  const r = await d.post('/api/voter/session', { code });
  if (r.status !== 201) throw new Error(`voter login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return d;
}
