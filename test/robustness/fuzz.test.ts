// Generated hostile requests against every route (fast-check): wrong types, missing and extra fields,
// huge and deep JSON, bad UTF-8, odd methods and content types, forged and garbage cookies. Every
// answer is below 500, every request that is invalid by construction is refused with a 4xx, nothing
// in the store changes, the server keeps answering, and its log stays free of secrets.
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { makeBundle, type TestBundle } from '../helpers/bundle.js';
import { Device, loginChair, loginVoter } from '../helpers/client.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { raw } from './raw.js';
import { SecretLedger } from './secrets.js';

// 1000 per route (12 000 requests) keeps this file near 40 s on two busy cores; CONCLAVE_FUZZ_RUNS=5000 for a long run.
const RUNS = Number(process.env.CONCLAVE_FUZZ_RUNS ?? 1000);

type Role = 'anon' | 'voter' | 'chair';
interface Route {
  method: string;
  path: () => string;
  /** The path as shown in the test name, when it has a parameter. */
  label?: string;
  role: Role;
  /** A valid body; the generators only produce invalid variants of it. */
  valid?: Record<string, unknown>;
  /** An empty body is valid here (transitions), so it is never generated. */
  emptyIsValid?: boolean;
  /** A GET that may answer 200 with the right credentials. */
  readOnly?: boolean;
}

function snapshot(s: TestServer): string {
  return JSON.stringify(['meta', 'cards', 'polls', 'roll', 'ballot-box', 'sessions', 'audit'].map((db) => s.store.dump(db as 'polls')));
}

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });
const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }));
const isEmptyObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/** Invalid JSON-able bodies derived from the valid one. */
function mutatedBody(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const missing = fc.constantFrom(...keys).map((k) => {
    const copy = { ...valid };
    delete copy[k];
    return copy;
  });
  const wrongType = fc.tuple(fc.constantFrom(...keys), notAString, fc.array(notAString, { maxLength: 3 })).map(([k, v, arr]) => ({ ...valid, [k]: Array.isArray(valid[k]) ? [...arr.filter((x) => typeof x !== 'string'), 42] : v }));
  const extra = fc.tuple(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !keys.includes(k) && k !== '__proto__'), fc.jsonValue()).map(([k, v]) => ({ ...valid, [k]: v }));
  const proto = fc.constant(JSON.parse(`{"__proto__":{"admin":true},${JSON.stringify(valid).slice(1)}`) as unknown);
  return fc.oneof(missing, wrongType, extra, proto);
}

interface Req {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

function requests(route: Route, creds: { voter: string; chair: string }): fc.Arbitrary<Req> {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null');
  const bodies: fc.Arbitrary<Buffer>[] = [
    fc.jsonValue({ maxDepth: 4 }).filter((v) => !isEmptyObject(v)).map(json),
    fc.tuple(fc.integer({ min: 16 * 1024, max: 64 * 1024 }), fc.string({ minLength: 1, maxLength: 4 })).map(([n, c]) => Buffer.from(JSON.stringify({ pad: c.repeat(Math.ceil(n / c.length)) }))),
    fc.integer({ min: 100, max: 6000 }).map((d) => Buffer.from('['.repeat(d) + ']'.repeat(d))),
    fc.integer({ min: 100, max: 2000 }).map((d) => Buffer.from('{"a":'.repeat(d) + '1' + '}'.repeat(d))),
    fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.concat([Buffer.from('{"'), Buffer.from(b), Buffer.from([0xff, 0xfe]), Buffer.from('":1}')])),
    fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)).filter((b) => b.toString('utf8').trim() !== '{}'),
    fc.jsonValue().map((v) => JSON.stringify({ x: v })).map((s) => Buffer.from(s.slice(0, Math.max(1, s.length - 1)))),
  ];
  if (route.valid) bodies.push(mutatedBody(route.valid).map(json), mutatedBody(route.valid).map(json), mutatedBody(route.valid).map(json));
  const body: fc.Arbitrary<Buffer | undefined> = route.emptyIsValid || route.valid ? fc.oneof(...bodies) : fc.option(fc.oneof(...bodies), { nil: undefined });
  // Weighted towards requests that get past the cheap checks, so most reach the body parser and schema.
  const contentType = fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: fc.option(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json', '*/*'), { nil: undefined }) });
  const own = route.role === 'voter' ? creds.voter : route.role === 'chair' ? creds.chair : '';
  const forged = fc.base64String({ minLength: 40, maxLength: 48 }).map((t) => t.replace(/[+/=]/g, 'A'));
  const cookie = fc.oneof(
    { weight: 6, arbitrary: fc.constant(own) },
    forged.map((t) => `conclave_voter=${t}`),
    forged.map((t) => `conclave_chair=${t}`),
    printable,
    fc.constant(`conclave_voter=${'A'.repeat(5000)}`),
    fc.constant(`${own}; ${own.replace(/=.*/, '=')}x`),
  );
  const chairHeader = fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  const method = fc.oneof({ weight: 8, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE') });
  const query = fc.option(printable.map((q) => `?${encodeURIComponent(q)}`), { nil: '' });
  return fc.record({ method, query, ct: contentType, cookie, chairHeader, extra: fc.dictionary(fc.stringMatching(/^x-[a-z]{1,10}$/), printable, { maxKeys: 3 }), body }).map((r) => {
    const headers: Record<string, string> = { ...r.extra };
    if (r.ct) headers['content-type'] = r.ct;
    if (r.cookie) headers.cookie = r.cookie;
    if (r.chairHeader) headers['x-conclave-chair'] = '1';
    return { method: r.method, path: route.path() + r.query, headers, body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body };
  });
}

describe('fuzzing every route', () => {
  let tb: TestBundle;
  let s: TestServer;
  let pollId: string;
  let creds: { voter: string; chair: string };
  const ledger = new SecretLedger();
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });

  before(async () => {
    tb = await makeBundle({ count: 4 });
    s = await startServer(tb);
    const chair = await loginChair(s.url, tb.passphrase);
    pollId = (await chair.chairPost('/api/chair/polls', { title: 'Fuzzed', kind: 'choice', options: ['Pangolin-Option', 'Axolotl-Option'] })).body.id;
    assert.equal((await chair.chairPost(`/api/chair/polls/${pollId}/open`)).status, 200);
    const voter = await loginVoter(s.url, tb.cards[0]!.code);
    creds = { voter: `conclave_voter=${voter.getCookie('conclave_voter')}`, chair: `conclave_chair=${chair.getCookie('conclave_chair')}` };
    ledger.add(tb.passphrase, creds.voter, creds.chair, ...tb.cards.map((c) => c.code));
  });
  after(async () => {
    agent.destroy();
    await s.close();
    ledger.assertClean(s.logs.join(''), ['Pangolin-Option', 'Axolotl-Option', 'o1', 'o2']);
  });

  const routes: Route[] = [
    { method: 'POST', path: () => '/api/voter/session', role: 'anon', valid: { code: 'ABCD-EFGH-JKMN-P' } },
    { method: 'POST', path: () => '/api/voter/ballots', role: 'voter', valid: { pollId: 'POLL', choices: ['o1'] } },
    { method: 'GET', path: () => '/api/voter/state', role: 'voter', readOnly: true },
    { method: 'DELETE', path: () => '/api/voter/session', role: 'anon' },
    { method: 'GET', path: () => '/api/voter/events', role: 'anon' },
    { method: 'POST', path: () => '/api/chair/session', role: 'anon', valid: { passphrase: 'not-the-passphrase', clock: new Date().toISOString() } },
    { method: 'POST', path: () => '/api/chair/polls', role: 'chair', valid: { title: 'T', kind: 'motion' } },
    { method: 'POST', path: () => `/api/chair/polls/${pollId}/close`, label: '/api/chair/polls/:id/close', role: 'chair', emptyIsValid: true },
    { method: 'POST', path: () => '/api/chair/cards/C-0001/release', role: 'chair', emptyIsValid: true },
    { method: 'POST', path: () => '/api/chair/wipe', role: 'chair', valid: { confirm: 'Not the event name' } },
    { method: 'GET', path: () => `/api/chair/polls/${pollId}/results`, label: '/api/chair/polls/:id/results', role: 'chair', readOnly: true },
    { method: 'GET', path: () => '/api/screen/state', role: 'anon', readOnly: true },
  ];

  for (const route of routes) {
    const shown = route.label ?? route.path();
    it(`${route.method} ${shown}: ${RUNS} generated requests → no 5xx, invalid ones 4xx, no state change`, async () => {
      const valid = route.valid ? JSON.parse(JSON.stringify(route.valid).replace('POLL', pollId)) : undefined;
      const r = { ...route, ...(valid ? { valid } : {}) };
      const before = snapshot(s);
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(requests(r, creds), async (req) => {
          const res = await raw(s.url, req.method, req.path, { headers: req.headers, ...(req.body ? { body: req.body } : {}), agent });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          assert.ok(res.status < 500, `${res.status} ${res.body}`);
          const mayRead = r.readOnly && (req.method === 'GET' || req.method === 'HEAD');
          if (!mayRead) assert.ok(res.status >= 400, `accepted: ${res.status} ${res.body}`);
          if (res.status >= 400 && res.status !== 431 && req.method !== 'HEAD' && req.path.startsWith('/api/')) assert.equal(res.type, 'application/problem+json', `${res.status} ${res.body}`);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      assert.equal(snapshot(s), before, 'the store changed');
      assert.equal((await new Device(s.url).get('/api/health')).status, 200);
      assert.ok(statuses.size > 1 || route.method === 'GET', `only ${[...statuses.keys()]} seen`);
      if (process.env.CONCLAVE_FUZZ_DEBUG) console.log(route.method, shown, JSON.stringify([...statuses].sort((a, b) => a[0] - b[0])));
    });
  }
});
