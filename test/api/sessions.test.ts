import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle, type TestBundle } from '../helpers/bundle.js';
import { Device, loginChair } from '../helpers/client.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { postFrom } from '../helpers/raw-http.js';

describe('voter sessions', () => {
  let tb: TestBundle;
  let s: TestServer;
  before(async () => {
    tb = await makeBundle({ weights: [1, 2, 3, 4] });
    s = await startServer(tb);
  });
  after(() => s.close());

  it('20 parallel logins with one code give exactly one session; the others get code_in_use', async () => {
    const code = tb.cards[0]!.code;
    const devices = Array.from({ length: 20 }, () => new Device(s.url));
    const replies = await Promise.all(devices.map((d) => d.post('/api/voter/session', { code })));
    const statuses = replies.map((r) => r.status).sort();
    assert.equal(statuses.filter((x) => x === 201).length, 1);
    assert.equal(statuses.filter((x) => x === 409).length, 19);
    for (const r of replies.filter((x) => x.status === 409)) {
      assert.equal(r.body.code, 'code_in_use');
      assert.equal(r.headers.get('content-type'), 'application/problem+json');
    }
    const winner = devices[replies.findIndex((r) => r.status === 201)]!;
    const state = await winner.get('/api/voter/state');
    assert.equal(state.status, 200);
    assert.deepEqual(state.body.card, { label: 'C-0001', weight: 1 });
    const chair = await loginChair(s.url, tb.passphrase);
    const overview = (await chair.get('/api/chair/overview')).body;
    assert.equal(overview.cards.present, 1);
    assert.ok(overview.alerts.some((a: { kind: string; message: string }) => a.kind === 'code_in_use' && a.message.includes('C-0001')));
    // The alert names the card, never the code.
    assert.ok(!JSON.stringify(overview).includes(code));
  });

  it('a login after 30 s of silence takes over and revokes the old session', async () => {
    const code = tb.cards[1]!.code;
    const first = new Device(s.url);
    assert.equal((await first.post('/api/voter/session', { code })).status, 201);
    const second = new Device(s.url);
    assert.equal((await second.post('/api/voter/session', { code })).status, 409);
    s.advance(31_000);
    assert.equal((await second.post('/api/voter/session', { code })).status, 201);
    const old = await first.get('/api/voter/state');
    assert.equal(old.status, 401);
    assert.equal(old.body.code, 'no_session');
    assert.equal((await second.get('/api/voter/state')).status, 200);
  });

  it('an open event stream keeps the session live beyond 30 s', async () => {
    const code = tb.cards[2]!.code;
    const phone = new Device(s.url);
    assert.equal((await phone.post('/api/voter/session', { code })).status, 201);
    const ctl = new AbortController();
    const stream = await fetch(`${s.url}/api/voter/events`, { headers: { cookie: phone.cookieHeader() }, signal: ctl.signal });
    assert.equal(stream.status, 200);
    assert.equal(stream.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    s.advance(60_000);
    assert.equal((await new Device(s.url).post('/api/voter/session', { code })).status, 409);
    ctl.abort();
    await new Promise((r) => setTimeout(r, 100));
    s.advance(31_000);
    assert.equal((await new Device(s.url).post('/api/voter/session', { code })).status, 201);
  });

  it('the chair can release a card, which ends its session at once', async () => {
    const code = tb.cards[3]!.code;
    const phone = new Device(s.url);
    assert.equal((await phone.post('/api/voter/session', { code })).status, 201);
    const chair = await loginChair(s.url, tb.passphrase);
    assert.equal((await chair.chairPost('/api/chair/cards/NOPE/release')).status, 404);
    assert.equal((await chair.chairPost('/api/chair/cards/C-0004/release')).status, 204);
    assert.equal((await phone.get('/api/voter/state')).status, 401);
    const again = new Device(s.url);
    assert.equal((await again.post('/api/voter/session', { code })).status, 201);
  });

  it('logout ends the session and clears the cookie', async () => {
    const code = tb.cards[0]!.code;
    s.advance(31_000);
    const phone = new Device(s.url);
    assert.equal((await phone.post('/api/voter/session', { code })).status, 201);
    assert.equal((await phone.request('DELETE', '/api/voter/session')).status, 204);
    assert.equal((await phone.get('/api/voter/state')).status, 401);
    assert.equal((await new Device(s.url).post('/api/voter/session', { code })).status, 201);
  });

  it('sets HttpOnly SameSite=Strict cookies and distinguishes typo from unknown code', async () => {
    const d = new Device(s.url);
    s.advance(31_000);
    const ok = await fetch(`${s.url}/api/voter/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: tb.cards[1]!.code.toLowerCase() }) });
    assert.equal(ok.status, 201);
    const cookie = ok.headers.getSetCookie()[0] ?? '';
    assert.match(cookie, /^conclave_voter=/);
    assert.match(cookie, /httponly/i);
    assert.match(cookie, /samesite=strict/i);
    const body = (await ok.json()) as { card: { label: string; weight: number } };
    assert.deepEqual(body, { card: { label: 'C-0002', weight: 2 } });
    const c = tb.cards[0]!.code;
    const typo = c.slice(0, 2) + (c[2] === 'A' ? 'B' : 'A') + c.slice(3);
    assert.equal((await d.post('/api/voter/session', { code: typo })).body.code, 'code_typo');
    const unknown = await d.post('/api/voter/session', { code: '0000-0000-0000-0' });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.code, 'unknown_code');
  });
});

describe('rate limits', () => {
  it('stops a guesser with 429 and Retry-After while another client still logs in', async () => {
    const tb = await makeBundle({ count: 2 });
    const s = await startServer(tb, { limits: { code: { perClientBurst: 5, perClientRefill: 0.01, globalBurst: 1000, globalRefill: 1 } } });
    try {
      const guesser = new Device(s.url);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await guesser.post('/api/voter/session', { code: '0000-0000-0000-0' })).status);
      assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
      assert.ok(statuses.slice(5).every((x) => x === 429));
      const limited = await guesser.post('/api/voter/session', { code: tb.cards[0]!.code });
      assert.equal(limited.status, 429, 'a right code from a blocked client is still blocked');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      // Another phone (another address on the loopback network) is unaffected.
      const other = await postFrom('127.0.0.2', s.url, '/api/voter/session', { code: tb.cards[1]!.code });
      assert.equal(other, 201);
    } finally {
      await s.close();
    }
  });
});
