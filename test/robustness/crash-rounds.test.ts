// Ten rounds of kill -9 at a random moment during a burst of ballots. After each restart: every
// acknowledged ballot is counted, nothing is counted that was not sent, the roll (who voted) and the
// tally agree exactly, and the audit chain verifies. Ballots in flight at the kill may or may not
// have committed; either way they are counted exactly once.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeBundle } from '../helpers/bundle.js';
import { loginChair } from '../helpers/client.js';
import { startConclaved, writeBundle, type Child } from '../helpers/child.js';
import { cookiePair, raw } from './raw.js';
import { SecretLedger } from './secrets.js';

const ROUNDS = 10;
const VOTERS = 40;

describe('crash consistency', () => {
  it(`${ROUNDS} rounds of kill -9 during a burst keep acknowledged ⊆ counted ≤ sent, roll = tally, chain verifies`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conclave-crash-rounds-'));
    const tb = await makeBundle({ count: VOTERS });
    const bundlePath = await writeBundle(dir, tb.bundle);
    const args = ['--data', join(dir, 'event'), '--device-dir', join(dir, 'device'), '--bundle', bundlePath, '--simulate-hardware'];
    const ledger = new SecretLedger();
    ledger.add(tb.passphrase, ...tb.cards.map((c) => c.code));
    const logs: string[][] = [];
    let child: Child = await startConclaved(args);
    logs.push(child.output);
    let totalAcked = 0;
    let totalInFlightCommitted = 0;
    try {
      const cookies: string[] = [];
      for (const c of tb.cards) {
        const r = await raw(child.url, 'POST', '/api/voter/session', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: c.code }) });
        assert.equal(r.status, 201);
        cookies.push(cookiePair(r.setCookie, 'conclave_voter'));
      }
      ledger.add(...cookies);

      // Chair sessions live in memory only: one login per process.
      let chair = await loginChair(child.url, tb.passphrase);
      ledger.add(`conclave_chair=${chair.getCookie('conclave_chair')}`);
      for (let round = 1; round <= ROUNDS; round++) {
        const open = ((await chair.get('/api/chair/overview')).body.polls as { id: string; status: string }[]).find((p) => p.status === 'open');
        if (open) assert.equal((await chair.chairPost(`/api/chair/polls/${open.id}/close`)).status, 200);
        const id = (await chair.chairPost('/api/chair/polls', { title: `Round ${round}`, kind: 'motion', liveResults: true })).body.id as string;
        assert.equal((await chair.chairPost(`/api/chair/polls/${id}/open`)).status, 200);

        const agent = new Agent({ keepAlive: true });
        const acked = new Set<number>();
        let sent = 0;
        const killAfterMs = 10 + Math.floor(Math.random() * 150);
        const victim = child;
        const killed = new Promise<void>((resolve) => setTimeout(() => void victim.kill('SIGKILL').then(resolve), killAfterMs));
        await Promise.all(
          cookies.map(async (cookie, i) => {
            await new Promise((r) => setTimeout(r, i * 3));
            if (victim.proc.exitCode !== null || victim.proc.signalCode !== null) return;
            sent++;
            try {
              const r = await raw(victim.url, 'POST', '/api/voter/ballots', { agent, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ pollId: id, choices: [i % 3 ? 'for' : 'against'] }) });
              if (r.status === 201) acked.add(i);
              else assert.fail(`ballot refused before the kill: ${r.status} ${r.body}`);
            } catch (e) {
              if ((e as Error).message.startsWith('ballot refused')) throw e;
              /* the connection died with the process */
            }
          }),
        );
        await killed;
        agent.destroy();

        child = await startConclaved(args.filter((a) => a !== '--bundle' && a !== bundlePath));
        logs.push(child.output);
        chair = await loginChair(child.url, tb.passphrase);
        ledger.add(`conclave_chair=${chair.getCookie('conclave_chair')}`);
        const overview = (await chair.get('/api/chair/overview')).body;
        assert.equal(overview.device.storage.ok, true, `round ${round}: ${overview.device.storage.detail}`);
        const results = (await chair.get(`/api/chair/polls/${id}/results`)).body;
        const heads = results.cast.heads as number;
        const tallyHeads = (results.tally as { heads: number }[]).reduce((s, t) => s + t.heads, 0);
        assert.equal(tallyHeads, heads, `round ${round}: options add up to the cast count`);
        // The roll, seen through each phone: exactly the counted number of phones have voted.
        const voted = new Set<number>();
        const base = child.url;
        await Promise.all(
          cookies.map(async (cookie, i) => {
            const st = await raw(base, 'GET', '/api/voter/state', { headers: { cookie } });
            assert.equal(st.status, 200, `round ${round}: session ${i} survives the restart`);
            const body = JSON.parse(st.body) as { poll: { id: string } | null; hasVoted: boolean };
            assert.equal(body.poll?.id, id);
            if (body.hasVoted) voted.add(i);
          }),
        );
        for (const i of acked) assert.ok(voted.has(i), `round ${round}: acknowledged ballot ${i} is not on the roll`);
        assert.equal(voted.size, heads, `round ${round}: roll ${voted.size} ≠ tally ${heads}`);
        assert.ok(heads <= sent, `round ${round}: counted ${heads} > sent ${sent}`);
        assert.ok(heads >= acked.size, `round ${round}: counted ${heads} < acknowledged ${acked.size}`);
        totalAcked += acked.size;
        totalInFlightCommitted += heads - acked.size;
      }
      assert.ok(totalAcked > 0, 'some ballots were acknowledged before a kill');
      // A diagnostic for the reader of the test log, not an assertion: how often a kill caught a commit.
      console.log(`crash rounds: ${totalAcked} acknowledged, ${totalInFlightCommitted} committed but unacknowledged`);
    } finally {
      await child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
    ledger.assertClean(logs.map((o) => o.join('')).join('\n'), ['for', 'against']);
  });
});
