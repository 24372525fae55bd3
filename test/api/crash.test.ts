// kill -9 during a stream of ballots: every ballot acknowledged with 201 is in the tally after a
// restart, none is counted twice, and the audit chain still verifies.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeBundle } from '../helpers/bundle.js';
import { Device, loginChair, loginVoter } from '../helpers/client.js';
import { startConclaved, writeBundle } from '../helpers/child.js';

describe('crash durability', () => {
  it('keeps every acknowledged ballot across kill -9', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conclave-crash-'));
    const tb = await makeBundle({ count: 120 });
    const bundlePath = await writeBundle(dir, tb.bundle);
    const args = ['--data', join(dir, 'event'), '--device-dir', join(dir, 'device'), '--bundle', bundlePath, '--simulate-hardware'];
    let child = await startConclaved(args);
    try {
      const chair = await loginChair(child.url, tb.passphrase);
      const id = (await chair.chairPost('/api/chair/polls', { title: 'Crash', kind: 'motion', liveResults: true })).body.id;
      assert.equal((await chair.chairPost(`/api/chair/polls/${id}/open`)).status, 200);
      const phones = await Promise.all(tb.cards.map((c) => loginVoter(child.url, c.code)));
      const acked: number[] = [];
      let sent = 0;
      // The kill lands at a random moment after the first acknowledgement, while ballots are still in flight.
      let firstAck!: () => void;
      const acknowledged = new Promise<void>((resolve) => (firstAck = resolve));
      const killer = acknowledged.then(() => new Promise<void>((resolve) => setTimeout(() => void child.kill('SIGKILL').then(resolve), Math.floor(Math.random() * 60))));
      await Promise.all(
        phones.map(async (p, i) => {
          await new Promise((r) => setTimeout(r, i * 3));
          sent++;
          try {
            const r = await p.post('/api/voter/ballots', { pollId: id, choices: [i % 2 ? 'for' : 'against'] });
            if (r.status === 201) {
              acked.push(i);
              firstAck();
            }
          } catch {
            /* connection died with the process */
          }
        }),
      );
      await killer;
      assert.ok(acked.length < phones.length, 'the kill came while ballots were in flight');

      child = await startConclaved(args.filter((a) => a !== '--bundle' && a !== bundlePath));
      const base = child.url;
      const chair2 = await loginChair(base, tb.passphrase);
      const overview = (await chair2.get('/api/chair/overview')).body;
      assert.equal(overview.device.storage.ok, true, overview.device.storage.detail);
      const results = (await chair2.get(`/api/chair/polls/${id}/results`)).body;
      assert.ok(results.cast.heads >= acked.length, `tally ${results.cast.heads} < acknowledged ${acked.length}`);
      assert.ok(results.cast.heads <= sent);
      const sumHeads = results.tally.reduce((s: number, t: { heads: number }) => s + t.heads, 0);
      assert.equal(sumHeads, results.cast.heads, 'each counted ballot counted once');
      // Each acknowledged phone's cookie survives the restart and shows the vote as recorded.
      for (const i of acked) {
        const phone = new Device(base);
        phone.setCookie('conclave_voter', phones[i]!.getCookie('conclave_voter')!);
        const state = await phone.get('/api/voter/state');
        assert.equal(state.status, 200);
        assert.equal(state.body.hasVoted, true);
        assert.equal((await phone.post('/api/voter/ballots', { pollId: id, choices: ['for'] })).body.code, 'already_voted');
      }
    } finally {
      await child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
