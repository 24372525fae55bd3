// autocannon runs with one session (cookie) or one code per request, bounded by request count.
import autocannon, { type Result } from 'autocannon';
import { cookieFrom } from './http.js';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  seconds: number;
}

function summarise(r: Result): LoadResult {
  return {
    requests: r.requests.total,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    seconds: r.duration,
  };
}

// autocannon builds each connection's next request before the previous one is answered, so it asks for
// a few more requests than it sends; the count is kept below the pool by this margin and the index wraps
// (a wrapped request would show up as a non-2xx, never silently).
const margin = (connections: number) => connections * 2 + 10;

export function requestCount(pool: number, connections: number, wanted = Infinity): number {
  return Math.max(1, Math.min(wanted, pool - margin(connections)));
}

/** Every request casts one ballot with the next session's cookie. */
export async function voteLoad(url: string, cookies: string[], pollId: string, connections: number, amount: number): Promise<LoadResult> {
  let i = 0;
  const r = await autocannon({
    url,
    connections,
    amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/voter/ballots',
        setupRequest: (req) => {
          const cookie = cookies[i++ % cookies.length] ?? '';
          return { ...req, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ pollId, choices: [i % 3 === 0 ? 'against' : 'for'] }) };
        },
      },
    ],
  });
  return summarise(r);
}

/** The same request shape against the bare Koa endpoint. */
export async function baselineLoad(url: string, connections: number, amount: number): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections,
    amount,
    timeout: 30,
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: 'conclave_voter=x' },
    body: JSON.stringify({ pollId: 'p-bench', choices: ['for'] }),
  });
  return summarise(r);
}

/** Every request logs in with the next code; the session cookies are collected. */
export async function loginLoad(url: string, codes: string[], connections: number, amount: number): Promise<{ result: LoadResult; cookies: string[] }> {
  let i = 0;
  const cookies: string[] = [];
  const r = await autocannon({
    url,
    connections,
    amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/voter/session',
        setupRequest: (req) => ({ ...req, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: codes[i++ % codes.length] }) }),
        onResponse: (status, _body, _ctx, headers) => {
          // Raw header names keep the server's case (Set-Cookie).
          const key = Object.keys(headers).find((k) => k.toLowerCase() === 'set-cookie');
          const c = status === 201 && key ? cookieFrom(headers[key], 'conclave_voter') : undefined;
          if (c) cookies.push(c);
        },
      },
    ],
  });
  return { result: summarise(r), cookies };
}
