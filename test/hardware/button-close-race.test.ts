// The physical button closes a poll while ballots are arriving: every ballot is either counted (201) or
// refused as too late (409 poll_not_open), never lost or counted after the close; the tally equals the 201s.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { monotonicMs } from '../../firmware/hardware/gesture-clock.js';
import { makeBundle } from '../helpers/bundle.js';
import { loginChair, loginVoter } from '../helpers/client.js';
import { startApplianceApp } from './appliance-app.js';

test('a button close racing 20 of 40 ballots: each is 201 or 409, and the tally equals the 201s', async (t) => {
  const weights = Array.from({ length: 40 }, (_, i) => 1 + (i % 4));
  const tb = await makeBundle({ weights });
  const app = await startApplianceApp(tb);
  try {
    const chair = await loginChair(app.base, tb.passphrase);
    const created = await chair.chairPost('/api/chair/polls', { title: 'Race', kind: 'motion' });
    const pollId = created.body.id as string;
    assert.equal((await chair.chairPost(`/api/chair/polls/${pollId}/open`)).status, 200);
    const voters = await Promise.all(tb.cards.map((c) => loginVoter(app.base, c.code)));

    const cast = (i: number) => voters[i]!.post('/api/voter/ballots', { pollId, choices: [i % 3 === 0 ? 'against' : 'for'] });
    // Ten ballots certainly before the close, twenty racing it, ten certainly after it.
    const early = await Promise.all([...Array(10).keys()].map(cast));
    const racing = [...Array(20).keys()].map((k) => sleep(k * 10).then(() => cast(10 + k)));
    // Press and release the button (a 60 ms press, contact bounce included) while the racing ballots arrive.
    await sleep(30);
    const t0 = monotonicMs();
    app.button.edge('down', t0);
    app.button.edge('up', t0 + 2); // bounce, ignored
    await sleep(60);
    app.button.edge('up', monotonicMs());
    await app.controls.idle();
    const late = await Promise.all([...Array(10).keys()].map((k) => cast(30 + k)));
    const replies = [...early, ...(await Promise.all(racing)), ...late];

    const statuses = replies.map((r) => r.status);
    for (const r of replies) {
      if (r.status === 409) assert.equal(r.body.code, 'poll_not_open');
      else assert.equal(r.status, 201);
    }
    const counted = replies.map((r, i) => ({ r, w: weights[i]! })).filter(({ r }) => r.status === 201);
    assert.ok(early.every((r) => r.status === 201) && late.every((r) => r.status === 409));
    t.diagnostic(`racing ballots: ${replies.slice(10, 30).filter((r) => r.status === 201).length} counted, ${replies.slice(10, 30).filter((r) => r.status === 409).length} refused`);
    const poll = app.meeting.polls()[0]!;
    assert.equal(poll.status, 'closed');
    const tally = app.meeting.tallyOf(poll);
    assert.equal(tally.cast.heads, statuses.filter((s) => s === 201).length);
    assert.equal(tally.cast.weight, String(counted.reduce((s, { w }) => s + w, 0)));
    const res = (await chair.get(`/api/chair/polls/${pollId}/results`)).body;
    assert.equal(res.cast.heads, counted.length);

    // The close is in the audit chain with the button as its source, and the chain verifies.
    const entries = app.store().auditEntries();
    assert.ok(entries.some((e) => e.type === 'poll.close' && e.source === 'button'));
    assert.ok(app.store().verifyAudit().ok);
  } finally {
    await app.close();
  }
});
