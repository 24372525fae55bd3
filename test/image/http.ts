// A small HTTP client for the forwarded port: sends the appliance's own address as Host (so the captive portal
// does not redirect the API), keeps the session cookie, and never throws on HTTP status.
import { request } from 'node:http';

export interface Reply {
  status: number;
  json: unknown;
  cookie: string;
}

export function call(
  port: number,
  host: string,
  method: string,
  path: string,
  opts: { body?: unknown; cookie?: string; chair?: boolean; timeoutMs?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const headers: Record<string, string | number> = { Host: host };
    if (data !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
    if (opts.cookie) headers.Cookie = opts.cookie;
    if (opts.chair) headers['X-Conclave-Chair'] = '1';
    const req = request({ host: '127.0.0.1', port, method, path, headers, timeout: opts.timeoutMs ?? 60_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
        resolve({ status: res.statusCode ?? 0, json, cookie });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

/** Polls GET /api/health until it answers 200; resolves with the milliseconds since `since`. */
export async function waitForHealth(port: number, host: string, since: number, timeoutMs: number, alive: () => boolean): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive()) {
    try {
      const r = await call(port, host, 'GET', '/api/health', { timeoutMs: 5_000 });
      if (r.status === 200) return Date.now() - since;
    } catch {
      // not up yet: qemu's forwarder resets the connection while nothing listens in the guest
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
  throw new Error(`/api/health did not answer within ${timeoutMs} ms`);
}
