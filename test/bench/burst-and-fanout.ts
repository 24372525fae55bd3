// The meeting-room peak: 2000 voters log in and vote once right after a poll opens (cold start), then the
// same 2000 phones hold event streams while the chair opens the next poll.
import { Agent } from 'node:http';
import { makeBundle } from '../helpers/bundle.js';
import { BenchChair } from './chair.js';
import { cookieFrom, send } from './http.js';
import { cpuMs, listenOverflows, mib, rssKiB, samplePeakRss } from './proc.js';
import { startConclave } from './servers.js';
import { StreamFleet } from './sse-clients.js';
import { ms, percentile, type Row } from './table.js';

export interface BurstOptions {
  voters: number;
  log: (line: string) => void;
}

const settle = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** The server's memory after a full garbage collection (median of three readings). */
async function memory(base: string): Promise<{ rss: number; heapUsed: number }> {
  const readings: { rss: number; heapUsed: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await send(new Agent(), base, 'GET', '/api/dev/stats?gc=1');
    const body = JSON.parse(r.body) as { memory: { rss: number; heapUsed: number; collected: boolean } };
    if (!body.memory.collected) throw new Error('conclaved was not started with --expose-gc');
    readings.push(body.memory);
    await settle(200);
  }
  readings.sort((a, b) => a.rss - b.rss);
  return readings[1]!;
}

export async function burstAndFanout(opts: BurstOptions): Promise<Row[]> {
  const { log, voters } = opts;
  const rows: Row[] = [];
  const tb = await makeBundle({ count: voters });
  const server = await startConclave(tb);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  try {
    const chair = await BenchChair.login(server.url, tb.passphrase);
    const first = await chair.createMotion('Burst');
    await chair.open(first);

    log(`burst: ${voters} voters log in and vote`);
    const cookies: string[] = new Array(voters);
    let errors = 0;
    let last = 0;
    const sampler = samplePeakRss(server.pid);
    const cpu0 = cpuMs(server.pid);
    const overflows0 = listenOverflows();
    const t0 = performance.now();
    await Promise.all(
      tb.cards.map(async (card, i) => {
        try {
          const login = await send(agent, server.url, 'POST', '/api/voter/session', { body: { code: card.code } });
          const cookie = cookieFrom(login.setCookie, 'conclave_voter');
          if (login.status !== 201 || !cookie) return void errors++;
          cookies[i] = cookie;
          const ballot = await send(agent, server.url, 'POST', '/api/voter/ballots', { cookie, body: { pollId: first, choices: [i % 2 ? 'for' : 'against'] } });
          if (ballot.status !== 201) return void errors++;
          last = performance.now();
        } catch {
          errors++;
        }
      }),
    );
    const wall = last - t0;
    const cpu = cpuMs(server.pid) - cpu0;
    const overflows = listenOverflows() - overflows0;
    const peak = sampler.stop();
    const counted = await chair.counted(first);
    rows.push({
      measure: `Burst: ${voters} voters log in and vote once, cold start of the poll`,
      result: `${ms(wall)} until the last 201; server CPU ${ms(cpu)}; errors ${errors}; counted ${counted}`,
      ratio: `${Math.round((voters / wall) * 1000)} voters/s; peak memory ${mib(peak)}; listen-queue overflows ${overflows}`,
      goal: 'zero errors',
      met: errors === 0 && counted === voters,
    });
    await chair.close(first);
    agent.destroy();

    log(`fan-out: ${voters} event streams`);
    const next = await chair.createMotion('Fan-out');
    await settle(1000);
    const before = await memory(server.url);
    const fleet = await StreamFleet.open(server.url, cookies.filter(Boolean));
    await settle(2000);
    const withStreams = await memory(server.url);
    // RSS can understate (pages freed by the collection are reused by the streams), the JS heap leaves out
    // native buffers; the goal is judged on the larger of the two.
    const rssPerConn = (withStreams.rss - before.rss) / fleet.size;
    const heapPerConn = (withStreams.heapUsed - before.heapUsed) / fleet.size;
    const perConn = Math.max(rssPerConn, heapPerConn);
    rows.push({
      measure: `Memory per event stream (${fleet.size} streams)`,
      result: `${(perConn / 1024).toFixed(1)} KiB`,
      ratio: `JS heap ${(heapPerConn / 1024).toFixed(1)} KiB, RSS ${(rssPerConn / 1024).toFixed(1)} KiB per stream (RSS ${mib(before.rss / 1024)} → ${mib(withStreams.rss / 1024)}), each read after a full GC`,
      goal: '≤ 20 KB',
      met: perConn <= 20_000,
    });
    try {
      const arrivals = fleet.expect((s) => s.poll?.id === next && s.poll.status === 'open', 10_000);
      const t1 = performance.now();
      await chair.open(next);
      const tOpenAck = performance.now() - t1;
      const latencies = (await arrivals).map((t) => t - t1).sort((a, b) => a - b);
      const stats = await send(new Agent(), server.url, 'GET', '/api/dev/stats');
      const loop = (JSON.parse(stats.body) as { lastBroadcastMs: number | null }).lastBroadcastMs;
      const worst = latencies[latencies.length - 1] ?? NaN;
      rows.push({
        measure: `SSE fan-out: ${fleet.size} voters notified of a poll opening`,
        result: `first ${ms(latencies[0] ?? NaN)}, median ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, worst ${ms(worst)}`,
        // The open is durable (fsync) before anyone hears of it; the time after its acknowledgement is
        // the fan-out itself, on this machine's disk the commit can take most of the budget.
        ratio: `chair's open (durable commit) acknowledged after ${ms(tOpenAck)}; after that: median ${ms(percentile(latencies, 50) - tOpenAck)}, worst ${ms(worst - tOpenAck)}; server broadcast loop ${loop === null ? 'n/a' : ms(loop)}`,
        goal: 'all within 250 ms',
        met: worst <= 250,
      });
      rows.push({ measure: `conclaved memory with ${fleet.size} streams`, result: mib(rssKiB(server.pid)) });
    } finally {
      fleet.close();
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
  return rows;
}
