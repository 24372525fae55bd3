// DESIGN §5's known risk, measured: LMDB copies pages on write, so earlier versions of the ballot box
// could linger in the file and, read together with the roll, order ballots against cards. This counts
// how many historical tally versions a forensic reader of the raw file finds after a run of ballots.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { Store } from '../../firmware/store/store.js';
import { definePoll, transition } from '../../firmware/voting/poll.js';

it('leaves at most a handful of stale ballot-box versions in the raw file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'conclave-link-'));
  try {
    const store = Store.open(dir);
    const poll = definePoll('p1', { title: 'Linkability', kind: 'motion' });
    assert.ok(poll.ok);
    const audit = { type: 'test', source: 'system' as const, data: {}, time: { declared: null, monotonicMs: 0, source: 'none' as const } };
    const created = await store.createPoll((id) => ({ ...poll.value, id }), () => audit);
    await store.setPollStatus(created.id, (p, all) => transition(p, 'open', all), () => null, audit);
    const ballots = 200;
    for (let i = 0; i < ballots; i++) {
      const r = await store.cast(created.id, i.toString(16).padStart(64, '0'), [i % 3 === 0 ? 'against' : 'for'], 1);
      assert.ok(r.ok);
    }
    await store.close();
    const raw = (await readFile(join(dir, 'conclave.mdb'))).toString('latin1');
    const versions = new Set(raw.match(/"cast":\{"weight":"\d+","heads":\d+\}/g) ?? []);
    t.diagnostic(`historical ballot-box versions recoverable from the file: ${versions.size} after ${ballots} ballots`);
    assert.ok(versions.has(`"cast":{"weight":"${ballots}","heads":${ballots}}`), 'the current tally is found (the scan works)');
    assert.ok(versions.size <= 4, `${versions.size} versions recoverable: freed pages are not being reused`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
