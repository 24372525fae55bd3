import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle, type TestBundle } from '../helpers/bundle.js';
import { Device, loginChair, loginVoter } from '../helpers/client.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { SseReader } from '../helpers/sse.js';

describe('event streams', () => {
  let tb: TestBundle;
  let s: TestServer;
  before(async () => {
    tb = await makeBundle({ weights: [7, 3] });
    s = await startServer(tb);
  });
  after(() => s.close());

  it('voter, chair and screen streams follow a poll from open to published, with presence from the streams', async () => {
    const chair = await loginChair(s.url, tb.passphrase);
    const voter = await loginVoter(s.url, tb.cards[0]!.code);
    const vs = await SseReader.open(`${s.url}/api/voter/events`, voter.cookieHeader());
    const cs = await SseReader.open(`${s.url}/api/chair/events`, chair.cookieHeader());
    const ss = await SseReader.open(`${s.url}/api/screen/events`);
    assert.deepEqual([vs.status, cs.status, ss.status], [200, 200, 200]);
    const first = JSON.parse((await vs.next((e) => e.event === 'state')).data);
    assert.deepEqual(first, { event: { name: 'Test meeting' }, poll: null, hasVoted: false });
    const ov = JSON.parse((await cs.next((e) => e.event === 'overview')).data);
    assert.equal(ov.cards.present, 1);
    assert.equal(ov.cards.presentWeight, '7');
    assert.ok(await cs.next((e) => e.event === 'led'));

    const id = (await chair.chairPost('/api/chair/polls', { title: 'Stream me', kind: 'motion' })).body.id;
    await chair.chairPost(`/api/chair/polls/${id}/open`);
    const opened = JSON.parse((await vs.next((e) => e.event === 'state' && JSON.parse(e.data).poll?.status === 'open')).data);
    assert.equal(opened.poll.title, 'Stream me');
    assert.equal(opened.hasVoted, false);
    assert.equal('rule' in opened.poll, false, 'voters see no rule internals');

    assert.equal((await voter.post('/api/voter/ballots', { pollId: id, choices: ['for'] })).status, 201);
    const voted = JSON.parse((await vs.next((e) => JSON.parse(e.data).hasVoted === true)).data);
    assert.equal(voted.poll.id, id);
    const turnout = JSON.parse((await ss.next((e) => JSON.parse(e.data).turnout?.heads === 1)).data);
    assert.deepEqual(turnout.turnout, { heads: 1, weight: '7', ofHeads: 1, ofWeight: '7' });
    assert.equal(turnout.results, null);

    await chair.chairPost(`/api/chair/polls/${id}/close`);
    await chair.chairPost(`/api/chair/polls/${id}/publish`);
    const published = JSON.parse((await ss.next((e) => JSON.parse(e.data).results !== null)).data);
    assert.equal(published.results.verdict.outcome, 'adopted');
    assert.equal(published.poll.status, 'published');
    const closedForVoter = JSON.parse((await vs.next((e) => JSON.parse(e.data).poll?.status === 'published')).data);
    assert.equal(closedForVoter.hasVoted, true);

    vs.close();
    const after = JSON.parse((await cs.next((e) => e.event === 'overview')).data);
    assert.equal(after.cards.present, 1, 'a closed stream stays present for the 30 s window');
    s.advance(31_000);
    await chair.chairPost('/api/chair/polls', { title: 'Nudge', kind: 'motion' });
    const gone = JSON.parse((await cs.next((e) => e.event === 'overview' && JSON.parse(e.data).cards.present === 0)).data);
    assert.equal(gone.cards.presentWeight, '0');
    cs.close();
    ss.close();
  });

  it('a ballot updates its own voter\'s stream only', async () => {
    const chair = await loginChair(s.url, tb.passphrase);
    s.advance(31_000);
    const a = await loginVoter(s.url, tb.cards[0]!.code);
    const b = await loginVoter(s.url, tb.cards[1]!.code);
    const id = (await chair.chairPost('/api/chair/polls', { title: 'Only mine', kind: 'motion' })).body.id;
    await chair.chairPost(`/api/chair/polls/${id}/open`);
    const as = await SseReader.open(`${s.url}/api/voter/events`, a.cookieHeader());
    const bs = await SseReader.open(`${s.url}/api/voter/events`, b.cookieHeader());
    await as.next((e) => JSON.parse(e.data).poll?.id === id);
    await bs.next((e) => JSON.parse(e.data).poll?.id === id);
    // Let the open's own (coalesced) broadcast arrive, then drain both streams.
    await new Promise((r) => setTimeout(r, 300));
    for (const r of [as, bs]) for (;;) if (!(await r.next(() => true, 50).then(() => true, () => false))) break;
    assert.equal((await a.post('/api/voter/ballots', { pollId: id, choices: ['against'] })).status, 201);
    assert.equal(JSON.parse((await as.next()).data).hasVoted, true);
    await assert.rejects(bs.next(() => true, 400), /timed out/, 'the other phone got an update it did not need');
    as.close();
    bs.close();
  });

  it('a stream needs a session', async () => {
    const r = await new Device(s.url).get('/api/voter/events');
    assert.equal(r.status, 401);
    assert.equal((await new Device(s.url).get('/api/chair/events')).status, 401);
  });
});
