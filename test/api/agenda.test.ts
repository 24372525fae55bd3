import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBundle, type TestBundle } from '../helpers/bundle.js';
import { Device, loginChair, loginVoter } from '../helpers/client.js';
import { startServer, type TestServer } from '../helpers/server.js';

describe('agenda', () => {
  let tb: TestBundle;
  let s: TestServer;
  let chair: Device;
  before(async () => {
    tb = await makeBundle({ count: 2, polls: [{ title: 'Prepared one', kind: 'motion' }, { title: 'Prepared two', kind: 'choice', options: ['A', 'B'] }] });
    s = await startServer(tb);
    chair = await loginChair(s.url, tb.passphrase);
  });
  after(() => s.close());

  it('keeps prepared and created polls in the order they were made, even when created concurrently', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => chair.chairPost('/api/chair/polls', { title: `Created ${i}`, kind: 'motion' })));
    const polls = (await chair.get('/api/chair/overview')).body.polls as { id: string; title: string }[];
    assert.equal(polls.length, 10);
    assert.deepEqual(polls.slice(0, 2).map((p) => p.title), ['Prepared one', 'Prepared two']);
    assert.equal(new Set(polls.map((p) => p.id)).size, 10, 'no two polls share an id');
    assert.deepEqual(polls.map((p) => p.id), [...polls.map((p) => p.id)].sort());
  });

  it('publishing an earlier poll puts it on the screen, but never displaces an open poll', async () => {
    const [first, second] = (await chair.get('/api/chair/overview')).body.polls as { id: string }[];
    const voter = await loginVoter(s.url, tb.cards[0]!.code);
    for (const id of [first!.id, second!.id]) {
      assert.equal((await chair.chairPost(`/api/chair/polls/${id}/open`)).status, 200);
      assert.equal((await chair.chairPost(`/api/chair/polls/${id}/close`)).status, 200);
    }
    assert.equal((await chair.chairPost(`/api/chair/polls/${first!.id}/publish`)).status, 200);
    const screen = (await new Device(s.url).get('/api/screen/state')).body;
    assert.equal(screen.poll.id, first!.id);
    assert.equal(screen.results.poll.id, first!.id);

    const third = (await chair.get('/api/chair/overview')).body.polls[2].id as string;
    assert.equal((await chair.chairPost(`/api/chair/polls/${third}/open`)).status, 200);
    assert.equal((await chair.chairPost(`/api/chair/polls/${second!.id}/publish`)).status, 200);
    assert.equal((await new Device(s.url).get('/api/screen/state')).body.poll.id, third);
    assert.equal((await voter.get('/api/voter/state')).body.poll.id, third, 'the voter keeps the open ballot');
  });
});
