// The hostile voter on the same Wi-Fi: every malformed request gets the documented 4xx problem,
// changes nothing, and the process keeps serving.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { makeBundle, type TestBundle } from '../helpers/bundle.js';
import { Device, loginChair, loginVoter } from '../helpers/client.js';
import { startServer, type TestServer } from '../helpers/server.js';

function snapshot(s: TestServer): string {
  return JSON.stringify(['polls', 'roll', 'ballot-box', 'sessions', 'audit'].map((db) => s.store.dump(db as 'polls')));
}

function rawRequest(base: string, method: string, path: string, headers: Record<string, string>, body: Buffer | string): Promise<{ status: number; body: string; type: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('bad input matrix', () => {
  let tb: TestBundle;
  let s: TestServer;
  let chair: Device;
  let voter: Device;
  let pollId: string;
  before(async () => {
    tb = await makeBundle({ count: 3 });
    s = await startServer(tb);
    chair = await loginChair(s.url, tb.passphrase);
    pollId = (await chair.chairPost('/api/chair/polls', { title: 'Open one', kind: 'motion' })).body.id;
    await chair.chairPost(`/api/chair/polls/${pollId}/open`);
    voter = await loginVoter(s.url, tb.cards[0]!.code);
  });
  after(() => s.close());

  const cases: { name: string; who: 'voter' | 'chair' | 'anon'; method: string; path: string; body?: string | Buffer; headers?: Record<string, string>; status: number; code: string }[] = [
    { name: 'malformed JSON', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: '{"pollId":', status: 400, code: 'invalid_json' },
    { name: 'bad UTF-8', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), status: 400, code: 'invalid_json' },
    { name: 'wrong types', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: '{"pollId":1,"choices":"for"}', status: 400, code: 'invalid_request' },
    { name: 'missing field', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: '{"choices":["for"]}', status: 400, code: 'invalid_request' },
    { name: 'unknown field', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: '{"pollId":"x","choices":["for"],"weight":1000}', status: 400, code: 'invalid_request' },
    { name: 'array body', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: '[1,2,3]', status: 400, code: 'invalid_request' },
    { name: 'deep JSON', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: '['.repeat(5000) + ']'.repeat(5000), status: 400, code: 'invalid_request' },
    { name: 'huge body', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: JSON.stringify({ pollId: 'x', choices: ['a'.repeat(20_000)] }), status: 413, code: 'body_too_large' },
    { name: 'not JSON content type', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: 'pollId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type' },
    { name: 'unknown option', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: 'USE_POLL:["maybe"]', status: 422, code: 'invalid_choice' },
    { name: 'unknown poll', who: 'voter', method: 'POST', path: '/api/voter/ballots', body: '{"pollId":"p-nope","choices":["for"]}', status: 422, code: 'invalid_choice' },
    { name: 'code of wrong type', who: 'anon', method: 'POST', path: '/api/voter/session', body: '{"code":12345}', status: 400, code: 'invalid_request' },
    { name: 'code login with extra field', who: 'anon', method: 'POST', path: '/api/voter/session', body: '{"code":"x","admin":true}', status: 400, code: 'invalid_request' },
    { name: 'no cookie', who: 'anon', method: 'GET', path: '/api/voter/state', status: 401, code: 'no_session' },
    { name: 'forged voter cookie', who: 'anon', method: 'GET', path: '/api/voter/state', headers: { cookie: 'conclave_voter=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, status: 401, code: 'no_session' },
    { name: 'garbage cookie header', who: 'anon', method: 'GET', path: '/api/voter/state', headers: { cookie: '=;;;===%%%' }, status: 401, code: 'no_session' },
    { name: 'ballot without session', who: 'anon', method: 'POST', path: '/api/voter/ballots', body: '{"pollId":"x","choices":["for"]}', status: 401, code: 'no_session' },
    { name: 'chair route without auth', who: 'anon', method: 'GET', path: '/api/chair/overview', status: 401, code: 'no_session' },
    { name: 'voter cookie on chair route', who: 'voter', method: 'GET', path: '/api/chair/overview', status: 401, code: 'no_session' },
    { name: 'chair change without CSRF header', who: 'chair', method: 'POST', path: '/api/chair/polls', body: '{"title":"x","kind":"motion"}', headers: { 'x-conclave-chair': '' }, status: 403, code: 'csrf_header_missing' },
    { name: 'chair close without CSRF header', who: 'chair', method: 'POST', path: '/api/chair/polls/USE_POLL/close', body: '{}', headers: { 'x-conclave-chair': '' }, status: 403, code: 'csrf_header_missing' },
    { name: 'chair poll with unknown kind', who: 'chair', method: 'POST', path: '/api/chair/polls', body: '{"title":"x","kind":"ranked"}', status: 400, code: 'invalid_request' },
    { name: 'chair poll with empty title', who: 'chair', method: 'POST', path: '/api/chair/polls', body: '{"title":"   ","kind":"motion"}', status: 400, code: 'invalid_request' },
    { name: 'chair poll with bad fraction', who: 'chair', method: 'POST', path: '/api/chair/polls', body: '{"title":"x","kind":"motion","rule":{"kind":"qualified","fraction":"two thirds"}}', status: 400, code: 'invalid_request' },
    { name: 'unknown poll transition', who: 'chair', method: 'POST', path: '/api/chair/polls/p-nope/open', body: '{}', status: 404, code: 'no_poll' },
    { name: 'body on transition', who: 'chair', method: 'POST', path: '/api/chair/polls/USE_POLL/close', body: '{"force":true}', status: 400, code: 'invalid_request' },
    { name: 'wipe with wrong name', who: 'chair', method: 'POST', path: '/api/chair/wipe', body: '{"confirm":"nope"}', status: 400, code: 'confirm_mismatch' },
    { name: 'unknown API route', who: 'anon', method: 'GET', path: '/api/nope', status: 404, code: 'not_found' },
    { name: 'odd method', who: 'voter', method: 'PATCH', path: '/api/voter/ballots', body: '{}', status: 404, code: 'not_found' },
    { name: 'wrong chair passphrase', who: 'anon', method: 'POST', path: '/api/chair/session', body: '{"passphrase":"guess"}', headers: { 'x-conclave-chair': '1' }, status: 401, code: 'bad_passphrase' },
    { name: 'bad clock', who: 'anon', method: 'POST', path: '/api/chair/session', body: '{"passphrase":"x","clock":"yesterday"}', headers: { 'x-conclave-chair': '1' }, status: 400, code: 'invalid_request' },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code}, state unchanged`, async () => {
      const before = snapshot(s);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (c.who === 'voter') headers.cookie = voter.cookieHeader();
      if (c.who === 'chair') {
        headers.cookie = chair.cookieHeader();
        headers['x-conclave-chair'] = '1';
      }
      Object.assign(headers, c.headers ?? {});
      for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
      let body = c.body ?? '';
      if (typeof body === 'string' && body.startsWith('USE_POLL:')) body = JSON.stringify({ pollId, choices: JSON.parse(body.slice(9)) });
      const path = c.path.replace('USE_POLL', pollId);
      const r = await rawRequest(s.url, c.method, path, headers, body);
      assert.equal(r.status, c.status, r.body);
      assert.equal(r.type, 'application/problem+json');
      const problem = JSON.parse(r.body);
      assert.equal(problem.code, c.code);
      assert.equal(problem.status, c.status);
      assert.ok(problem.title);
      // Audit lines for a refused request would change the snapshot; chair login failure logs nothing either.
      assert.equal(snapshot(s), before);
      assert.equal((await new Device(s.url).get('/api/health')).status, 200);
    });
  }

  it('HTML in titles is stored and returned as text', async () => {
    const title = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const r = await chair.chairPost('/api/chair/polls', { title, kind: 'choice', options: ['<b>A</b>', '"B"&amp;'] });
    assert.equal(r.status, 201);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    const listed = (await chair.get('/api/chair/overview')).body.polls.find((p: { id: string }) => p.id === r.body.id);
    assert.equal(listed.title, title);
    assert.deepEqual(listed.options.map((o: { label: string }) => o.label), ['<b>A</b>', '"B"&amp;']);
  });

  it('sends the security headers', async () => {
    const r = await fetch(`${s.url}/api/health`);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });

  it('no event loaded: voters get 503 no_event', async () => {
    const empty = await startServer(null);
    try {
      const r = await new Device(empty.url).post('/api/voter/session', { code: tb.cards[0]!.code });
      assert.equal(r.status, 503);
      assert.equal(r.body.code, 'no_event');
    } finally {
      await empty.close();
    }
  });
});
