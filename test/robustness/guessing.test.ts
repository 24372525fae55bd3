// Code guessing from several phones at once: thousands of wrong codes are refused and then rate
// limited (429 with Retry-After), none gets in, and a real voter on another address still logs in
// and votes with a latency close to the unloaded one (compared as a ratio in the same run).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCode } from '../../firmware/config/codes.js';
import { makeBundle } from '../helpers/bundle.js';
import { loginChair } from '../helpers/client.js';
import { loginAndVote, median, runConclaved } from './conclaved.js';
import { raw } from './raw.js';
import { SecretLedger } from './secrets.js';

const ATTACKERS = 8;
const ATTEMPTS_EACH = 300;
const VOTERS = 16;
/** Generous on purpose: eight attackers keep eight requests ahead of the voter in the queue, and the attackers, the server and this test share two cores (2-5× measured). */
const MAX_RATIO = 10;

describe('code guessing', () => {
  it(`${ATTACKERS * ATTEMPTS_EACH} wrong codes from ${ATTACKERS} addresses are rate-limited; a real voter elsewhere is not slowed down`, async () => {
    const tb = await makeBundle({ count: VOTERS });
    const ledger = new SecretLedger();
    ledger.add(tb.passphrase, ...tb.cards.map((c) => c.code));
    const server = await runConclaved(tb);
    try {
      const chair = await loginChair(server.url, tb.passphrase);
      ledger.add(`conclave_chair=${chair.getCookie('conclave_chair')}`);
      const pollId = (await chair.chairPost('/api/chair/polls', { title: 'Guessing', kind: 'motion' })).body.id as string;
      assert.equal((await chair.chairPost(`/api/chair/polls/${pollId}/open`)).status, 200);

      // Warm the server up with wrong codes from an address that takes no further part, then measure unloaded.
      for (let i = 0; i < 10; i++) await raw(server.url, 'POST', '/api/voter/session', { localAddress: '127.0.0.250', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: generateCode() }) });
      const half = VOTERS / 2;
      const unloaded: number[] = [];
      for (let i = 0; i < half; i++) {
        const v = await loginAndVote(server.url, tb.cards[i]!.code, pollId, '127.0.0.200');
        unloaded.push(v.ms);
        ledger.add(v.cookie);
      }

      const guesses: string[] = [];
      const statuses = new Map<number, number>();
      let retryAfterSeen = false;
      let attacking = true;
      const attackStarted = performance.now();
      const attack = Promise.all(
        Array.from({ length: ATTACKERS }, async (_, a) => {
          const localAddress = `127.0.0.${10 + a}`;
          for (let n = 0; n < ATTEMPTS_EACH; n++) {
            const code = generateCode();
            guesses.push(code);
            const r = await raw(server.url, 'POST', '/api/voter/session', { localAddress, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            if (r.status === 429 && /"code":"rate_limited"/.test(r.body)) retryAfterSeen = true;
          }
        }),
      ).finally(() => {
        attacking = false;
      });

      const loaded: number[] = [];
      await new Promise((r) => setTimeout(r, 200));
      for (let i = half; i < VOTERS; i++) {
        const v = await loginAndVote(server.url, tb.cards[i]!.code, pollId, '127.0.0.201');
        loaded.push(v.ms);
        ledger.add(v.cookie);
        await new Promise((r) => setTimeout(r, 50));
      }
      const measuredDuringAttack = attacking;
      await attack;
      const attackSeconds = (performance.now() - attackStarted) / 1000;
      ledger.add(...guesses);

      const ratio = median(loaded) / median(unloaded);
      console.log(`guessing: statuses ${JSON.stringify([...statuses])}; voter login+vote median ${median(unloaded).toFixed(1)} ms unloaded, ${median(loaded).toFixed(1)} ms under attack (${ratio.toFixed(2)}×)`);
      assert.ok(measuredDuringAttack, 'the voters were measured while the attack was still running');
      assert.equal(statuses.get(201) ?? 0, 0, 'no guess got in');
      assert.ok(retryAfterSeen, 'guessers are told to wait');
      // Each address may fail its burst of 10 and then one more every 6 s (codeLimiterDefaults); the rest is refused.
      const allowedEach = 10 + Math.ceil(attackSeconds / 6) + 1;
      const limited = statuses.get(429) ?? 0;
      assert.ok(limited >= ATTACKERS * (ATTEMPTS_EACH - allowedEach), `only ${limited} of ${ATTACKERS * ATTEMPTS_EACH} guesses were rate-limited in ${attackSeconds.toFixed(1)} s`);
      assert.ok(ratio <= MAX_RATIO, `a voter took ${ratio.toFixed(1)}× the unloaded time during the attack`);
      const results = (await chair.get(`/api/chair/overview`)).body.polls.find((p: { id: string }) => p.id === pollId);
      assert.equal(results.turnout.heads, VOTERS, 'every real voter voted');
    } finally {
      await server.stop();
    }
    ledger.assertClean(server.log(), ['for', 'against']);
  });
});
