// Raw HTTP requests for hostile-input tests: any method, any header, any bytes, from any loopback address.
import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  type: string;
  body: string;
  setCookie: string[];
  ms: number;
}

export interface RawOptions {
  headers?: Record<string, string>;
  body?: Buffer | string;
  localAddress?: string;
  agent?: Agent | false;
  timeoutMs?: number;
}

export function raw(base: string, method: string, path: string, opts: RawOptions = {}): Promise<RawResponse> {
  const url = new URL(base);
  const started = performance.now();
  const body = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body);
  const headers: Record<string, string | number> = { ...(opts.headers ?? {}) };
  if (body) headers['content-length'] = body.length;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method, headers, agent: opts.agent ?? false, ...(opts.localAddress ? { localAddress: opts.localAddress } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            setCookie: res.headers['set-cookie'] ?? [],
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(opts.timeoutMs ?? 10_000, () => req.destroy(new Error(`${method} ${path}: no answer in ${opts.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** `name=value` of a Set-Cookie list, for a Cookie header. */
export function cookiePair(setCookie: string[], name: string): string {
  for (const c of setCookie) {
    const pair = c.split(';')[0] ?? '';
    if (pair.startsWith(`${name}=`)) return pair;
  }
  throw new Error(`no ${name} cookie in the response`);
}
