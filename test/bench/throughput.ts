// Login and vote throughput of conclaved against the bare Koa endpoint, memory under each load, and
// store growth per 10 000 ballots. One conclaved with many cards; one poll per vote run.
import { makeBundle } from '../helpers/bundle.js';
import { BenchChair } from './chair.js';
import { baselineLoad, loginLoad, requestCount, voteLoad, type LoadResult } from './load.js';
import { cpuMs, mib, rssKiB, samplePeakRss } from './proc.js';
import { startBareKoa, startConclave } from './servers.js';
import { ms, rate, times, type Row } from './table.js';

export interface ThroughputOptions {
  cards: number;
  /** Draft polls on the agenda besides the one being voted on, as in a real meeting. */
  agenda: number;
  connections: number[];
  log: (line: string) => void;
}

async function measured<T>(pid: number, run: () => Promise<T>): Promise<{ value: T; peakKiB: number; cpu: number }> {
  const sampler = samplePeakRss(pid);
  const cpu0 = cpuMs(pid);
  const value = await run();
  return { value, peakKiB: sampler.stop(), cpu: cpuMs(pid) - cpu0 };
}

export async function throughput(opts: ThroughputOptions): Promise<Row[]> {
  const { log } = opts;
  const rows: Row[] = [];
  const maxConn = Math.max(...opts.connections);

  log(`bundle with ${opts.cards} cards`);
  const tb = await makeBundle({ count: opts.cards });
  const amount = requestCount(opts.cards, maxConn);

  log('bare Koa baseline');
  const koa = await startBareKoa();
  const base: Record<number, LoadResult> = {};
  const baseCpu: Record<number, number> = {};
  try {
    await baselineLoad(koa.url, 50, 2000); // warm-up
    for (const c of opts.connections) {
      const m = await measured(koa.pid, () => baselineLoad(koa.url, c, amount));
      base[c] = m.value;
      baseCpu[c] = (m.cpu * 1000) / m.value.requests;
    }
  } finally {
    await koa.stop();
  }

  const server = await startConclave(tb);
  try {
    await new Promise((r) => setTimeout(r, 500));
    const idle = rssKiB(server.pid);
    rows.push({ measure: 'conclaved memory, idle', result: mib(idle), ratio: `event with ${opts.cards.toLocaleString('en')} cards loaded` });

    log(`login of ${amount} voters`);
    const chair = await BenchChair.login(server.url, tb.passphrase);
    for (let i = 0; i < opts.agenda; i++) await chair.createMotion(`Agenda item ${i + 1}`);
    const login = await measured(server.pid, () => loginLoad(server.url, tb.cards.map((c) => c.code), 50, requestCount(opts.cards, 50)));
    const cookies = login.value.cookies;
    const lr = login.value.result;
    rows.push({
      measure: 'Voter login throughput (50 connections)',
      result: `${rate(lr.rps)}, p50 ${ms(lr.p50)}, p99 ${ms(lr.p99)}`,
      ratio: `${times(lr.rps / (base[50]?.rps ?? NaN))} bare Koa`,
      ...(lr.errors + lr.non2xx > 0 ? { goal: 'no errors', met: false } : {}),
    });
    rows.push({ measure: 'conclaved memory, after logins', result: `peak ${mib(login.peakKiB)}`, ratio: `${cookies.length.toLocaleString('en')} sessions` });
    if (cookies.length < amount) throw new Error(`only ${cookies.length} logins succeeded`);

    // Warm-up on its own poll so the JIT has seen the ballot path before the measured runs.
    const warm = await chair.createMotion('Warm-up');
    await chair.open(warm);
    await voteLoad(server.url, cookies, warm, 50, 1000);
    await chair.close(warm);

    for (const c of opts.connections) {
      log(`vote run at ${c} connections`);
      const id = await chair.createMotion(`Run ${c}`);
      await chair.open(id);
      const before = await server.storeBytes();
      const run = await measured(server.pid, () => voteLoad(server.url, cookies, id, c, amount));
      await chair.close(id);
      const after = await server.storeBytes();
      const counted = await chair.counted(id);
      const v = run.value;
      const b = base[c]!;
      const ratio = v.rps / b.rps;
      const p99Ratio = v.p99 / b.p99;
      rows.push({
        measure: `Vote throughput, ${c} connections (durable; ${amount.toLocaleString('en')} sessions; one open poll, ${opts.agenda} more on the agenda)`,
        result: `${rate(v.rps)}, p50 ${ms(v.p50)}, p99 ${ms(v.p99)}; errors ${v.errors + v.non2xx}; counted ${counted}`,
        ratio: `bare Koa ${rate(b.rps)}, p99 ${ms(b.p99)} → ${times(ratio)} throughput, ${times(p99Ratio)} p99`,
        goal: '≥ 0.6× throughput, p99 ≤ 2×',
        met: ratio >= 0.6 && p99Ratio <= 2 && v.errors + v.non2xx === 0 && counted === amount,
      });
      const cpuEach = (run.cpu * 1000) / v.requests;
      rows.push({
        measure: `Server CPU per request, ${c} connections`,
        result: `${cpuEach.toFixed(0)} µs per ballot`,
        ratio: `bare Koa ${(baseCpu[c] ?? NaN).toFixed(0)} µs per request → ${times(cpuEach / (baseCpu[c] ?? NaN))}`,
      });
      rows.push({ measure: `conclaved memory, vote run at ${c} connections`, result: `peak ${mib(run.peakKiB)}` });
      if (c === opts.connections[0]) {
        const growth = ((after - before) / counted) * 10_000;
        rows.push({ measure: 'Store growth per 10 000 ballots', result: `${(growth / 1024).toFixed(0)} KiB`, ratio: `LMDB file ${(before / 1024).toFixed(0)} → ${(after / 1024).toFixed(0)} KiB over ${counted} ballots` });
      }
    }
  } finally {
    await server.stop();
  }
  return rows;
}
