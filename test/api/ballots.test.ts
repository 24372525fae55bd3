import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle, type TestBundle } from '../helpers/bundle.js';
import { Device, loginChair, loginVoter } from '../helpers/client.js';
import { startServer, type TestServer } from '../helpers/server.js';

describe('ballots', () => {
  let tb: TestBundle;
  let s: TestServer;
  let chair: Device;
  before(async () => {
    tb = await makeBundle({ weights: Array.from({ length: 60 }, (_, i) => (i === 0 ? 1_000_000_000_000 : i + 1)) });
    s = await startServer(tb);
    chair = await loginChair(s.url, tb.passphrase);
  });
  after(() => s.close());

  async function newPoll(body: Record<string, unknown>): Promise<string> {
    const r = await chair.chairPost('/api/chair/polls', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  }

  it('50 parallel ballots from one session: exactly one is counted', async () => {
    const id = await newPoll({ title: 'Race', kind: 'motion' });
    assert.equal((await chair.chairPost(`/api/chair/polls/${id}/open`)).status, 200);
    const phone = await loginVoter(s.url, tb.cards[5]!.code);
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => phone.post('/api/voter/ballots', { pollId: id, choices: [i % 2 ? 'for' : 'against'] })));
    assert.equal(replies.filter((r) => r.status === 201).length, 1);
    assert.ok(replies.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.code === 'already_voted'));
    assert.equal((await phone.get('/api/voter/state')).body.hasVoted, true);
    assert.equal((await chair.chairPost(`/api/chair/polls/${id}/close`)).status, 200);
    const results = (await chair.get(`/api/chair/polls/${id}/results`)).body;
    assert.deepEqual(results.cast, { weight: '6', heads: 1 });
  });

  it('ballots racing a close are each counted (201) or refused (409), and the tally equals the 201s', async () => {
    const id = await newPoll({ title: 'Close race', kind: 'choice', options: ['A', 'B'] });
    assert.equal((await chair.chairPost(`/api/chair/polls/${id}/open`)).status, 200);
    s.advance(31_000);
    const phones = await Promise.all(tb.cards.slice(10, 60).map((c) => loginVoter(s.url, c.code)));
    const ballots = phones.map((p, i) => p.post('/api/voter/ballots', { pollId: id, choices: [i % 3 ? 'o1' : 'o2'] }));
    await new Promise((r) => setTimeout(r, 3));
    const close = chair.chairPost(`/api/chair/polls/${id}/close`);
    const replies = await Promise.all(ballots);
    assert.equal((await close).status, 200);
    const accepted = replies.filter((r) => r.status === 201).length;
    assert.ok(replies.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'poll_not_open')));
    const results = (await chair.get(`/api/chair/polls/${id}/results`)).body;
    assert.equal(results.cast.heads, accepted);
    const late = await phones[0]!.post('/api/voter/ballots', { pollId: id, choices: ['o1'] });
    assert.equal(late.status, 409);
    assert.ok(['poll_not_open', 'already_voted'].includes(late.body.code));
  });

  it('weights are exact, results hidden while open, verdict and arithmetic shown after close', async () => {
    const id = await newPoll({ title: 'Weighted', kind: 'motion', rule: { kind: 'simple' }, blank: true });
    assert.equal((await chair.chairPost(`/api/chair/polls/${id}/open`)).status, 200);
    s.advance(31_000);
    const big = await loginVoter(s.url, tb.cards[0]!.code);
    const small = await loginVoter(s.url, tb.cards[1]!.code);
    const blank = await loginVoter(s.url, tb.cards[2]!.code);
    assert.equal((await big.post('/api/voter/ballots', { pollId: id, choices: ['against'] })).status, 201);
    assert.equal((await small.post('/api/voter/ballots', { pollId: id, choices: ['for'] })).status, 201);
    assert.equal((await blank.post('/api/voter/ballots', { pollId: id, choices: ['blank'] })).status, 201);
    const hidden = await chair.get(`/api/chair/polls/${id}/results`);
    assert.equal(hidden.status, 409);
    assert.equal(hidden.body.code, 'results_hidden');
    assert.equal((await chair.chairPost(`/api/chair/polls/${id}/close`)).status, 200);
    const r = (await chair.get(`/api/chair/polls/${id}/results`)).body;
    const by = Object.fromEntries(r.tally.map((t: { optionId: string; weight: string; heads: number }) => [t.optionId, t]));
    assert.equal(by.against.weight, '1000000000000');
    assert.equal(by.for.weight, '2');
    assert.equal(by.blank.heads, 1);
    assert.deepEqual(r.cast, { weight: '1000000000005', heads: 3 });
    assert.equal(r.verdict.outcome, 'rejected');
    assert.match(r.verdict.explanation, /for 2 < against 1000000000000/);
    assert.ok(r.warnings.some((w: { code: string }) => w.code === 'dominant_weight'));
    // The screen shows results only after publishing.
    assert.equal((await new Device(s.url).get('/api/screen/state')).body.results, null);
    assert.equal((await chair.chairPost(`/api/chair/polls/${id}/publish`)).status, 200);
    const screen = (await new Device(s.url).get('/api/screen/state')).body;
    assert.equal(screen.results.verdict.outcome, 'rejected');
  });

  it('the roll never stores a choice; the ballot box never stores a card, session, time or sequence', async () => {
    const roll = s.store.dump('roll');
    assert.ok(roll.length > 0);
    for (const { key, value } of roll) {
      assert.equal(value, true);
      assert.ok(Array.isArray(key) && key.length === 2);
      assert.ok(!/for|against|abstain|blank|o1|o2/.test(JSON.stringify(value)));
    }
    const cardHashes = new Set(s.store.dump('cards').map((c) => String(c.key)));
    const tokens = s.store.dump('sessions').map((x) => String(x.key));
    for (const { key, value } of s.store.dump('ballot-box')) {
      const text = JSON.stringify({ key, value });
      for (const h of cardHashes) assert.ok(!text.includes(h), 'ballot box holds a card hash');
      for (const t of tokens) assert.ok(!text.includes(t), 'ballot box holds a session');
      assert.ok(!/\d{4}-\d{2}-\d{2}T/.test(text), 'ballot box holds a time');
      assert.deepEqual(Object.keys(value as object).sort(), ['cast', 'options']);
    }
    // No record anywhere holds a plain code.
    for (const db of ['meta', 'cards', 'sessions', 'roll', 'ballot-box', 'polls', 'audit'] as const) {
      const text = JSON.stringify(s.store.dump(db));
      for (const c of tb.cards) assert.ok(!text.includes(c.code) && !text.includes(c.code.replace(/-/g, '')), `${db} holds a plain code`);
    }
  });

  it('refuses ballots for unknown polls, unknown options and polls not open', async () => {
    const id = await newPoll({ title: 'Draft', kind: 'motion' });
    s.advance(31_000);
    const phone = await loginVoter(s.url, tb.cards[7]!.code);
    assert.equal((await phone.post('/api/voter/ballots', { pollId: id, choices: ['for'] })).body.code, 'poll_not_open');
    assert.equal((await phone.post('/api/voter/ballots', { pollId: 'nope', choices: ['for'] })).status, 422);
    assert.equal((await chair.chairPost(`/api/chair/polls/${id}/open`)).status, 200);
    const bad = await phone.post('/api/voter/ballots', { pollId: id, choices: ['maybe'] });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.code, 'invalid_choice');
    const second = await chair.chairPost('/api/chair/polls', { title: 'Second', kind: 'motion' });
    const refused = await chair.chairPost(`/api/chair/polls/${second.body.id}/open`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'invalid_transition');
    assert.equal((await chair.chairPost(`/api/chair/polls/${id}/close`)).status, 200);
  });

  it('the audit chain records every chair action and verifies', () => {
    const entries = s.store.auditEntries();
    const types = entries.map((e) => e.type);
    for (const t of ['event.import', 'chair.login', 'poll.create', 'poll.open', 'poll.close', 'poll.publish']) assert.ok(types.includes(t), t);
    assert.equal(s.store.verifyAudit().ok, true);
    const text = JSON.stringify(entries);
    for (const c of tb.cards) assert.ok(!text.includes(c.code));
    assert.ok(!/"(for|against|abstain)"/.test(text), 'no choices in the audit log');
  });
});
