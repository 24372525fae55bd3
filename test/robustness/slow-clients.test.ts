// Slow and idle clients: hundreds of connections that never send a request, send their headers a byte
// at a time, or promise a body and never send it, while real voters log in and vote. Voters are served
// with a latency close to the unloaded one, and every hostile socket is eventually closed by the server
// timeouts conclaved sets on purpose (headers 10 s, request 30 s, keep-alive 5 s).
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { makeBundle } from '../helpers/bundle.js';
import { loginChair } from '../helpers/client.js';
import { loginAndVote, median, runConclaved } from './conclaved.js';
import { SecretLedger } from './secrets.js';

const IDLE = 400;
const SLOW_HEADERS = 200;
const STALLED_BODIES = 200;
const VOTERS = 16;
const MAX_RATIO = 8;

function open(url: string, localAddress: string): Promise<Socket> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const s = connect({ host: u.hostname, port: Number(u.port), localAddress }, () => resolve(s));
    s.on('error', reject);
  });
}

describe('slow and idle clients', () => {
  it(`${IDLE + SLOW_HEADERS + STALLED_BODIES} idle, trickling and stalled connections do not starve voters`, async () => {
    const tb = await makeBundle({ count: VOTERS + 1 });
    const ledger = new SecretLedger();
    ledger.add(tb.passphrase, ...tb.cards.map((c) => c.code));
    const server = await runConclaved(tb);
    const sockets: Socket[] = [];
    const trickle: NodeJS.Timeout[] = [];
    try {
      const chair = await loginChair(server.url, tb.passphrase);
      ledger.add(`conclave_chair=${chair.getCookie('conclave_chair')}`);
      const pollId = (await chair.chairPost('/api/chair/polls', { title: 'Slow clients', kind: 'motion' })).body.id as string;
      assert.equal((await chair.chairPost(`/api/chair/polls/${pollId}/open`)).status, 200);
      const half = VOTERS / 2;
      const unloaded: number[] = [];
      // One voter first to warm the server up, not measured.
      const warm = await loginAndVote(server.url, tb.cards[0]!.code, pollId, '127.0.0.200');
      ledger.add(warm.cookie);
      for (let i = 1; i <= half; i++) {
        const v = await loginAndVote(server.url, tb.cards[i]!.code, pollId, '127.0.0.200');
        unloaded.push(v.ms);
        ledger.add(v.cookie);
      }

      const closedByServer = { count: 0 };
      const track = (s: Socket) => {
        sockets.push(s);
        s.on('close', () => closedByServer.count++);
        s.on('error', () => undefined);
        s.resume();
        return s;
      };
      for (let i = 0; i < IDLE; i++) track(await open(server.url, `127.0.1.${1 + (i % 200)}`));
      for (let i = 0; i < SLOW_HEADERS; i++) {
        const s = track(await open(server.url, `127.0.2.${1 + (i % 200)}`));
        const text = `GET /api/voter/state HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(10_000)}`;
        let at = 0;
        trickle.push(
          setInterval(() => {
            if (!s.destroyed && at < text.length) s.write(text[at++]!);
          }, 500),
        );
      }
      for (let i = 0; i < STALLED_BODIES; i++) {
        const s = track(await open(server.url, `127.0.3.${1 + (i % 200)}`));
        s.write('POST /api/voter/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"code":"');
      }

      const loaded: number[] = [];
      for (let i = half + 1; i < VOTERS; i++) {
        const v = await loginAndVote(server.url, tb.cards[i]!.code, pollId, '127.0.0.201');
        loaded.push(v.ms);
        ledger.add(v.cookie);
      }
      const ratio = median(loaded) / median(unloaded);
      console.log(`slow clients: voter login+vote median ${median(unloaded).toFixed(1)} ms unloaded, ${median(loaded).toFixed(1)} ms with ${sockets.length} hostile sockets open (${ratio.toFixed(2)}×)`);
      assert.ok(ratio <= MAX_RATIO, `a voter took ${ratio.toFixed(1)}× the unloaded time`);
      assert.ok(closedByServer.count < sockets.length / 10, 'the hostile sockets were still open while the voters were measured');

      // The server's timeouts close what the clients never finish: idle keep-alive sockets and headers
      // after 10 s, stalled bodies after 30 s (Node checks every 30 s, so allow up to a minute).
      const deadline = Date.now() + 75_000;
      while (closedByServer.count < sockets.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      assert.equal(closedByServer.count, sockets.length, `${sockets.length - closedByServer.count} hostile sockets still open after the server timeouts`);
      const health = await loginAndVote(server.url, tb.cards[VOTERS]!.code, pollId, '127.0.0.202').then(
        () => 'ok',
        (e: Error) => e.message,
      );
      assert.equal(health, 'ok', 'the service still serves after the timeouts fired');
    } finally {
      for (const t of trickle) clearInterval(t);
      for (const s of sockets) s.destroy();
      await server.stop();
    }
    ledger.assertClean(server.log(), ['for', 'against']);
  });
});
