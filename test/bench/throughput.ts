// Login and vote throughput of conclaved against the bare Koa endpoint, memory under each load, and
// store growth per 10 000 ballots. One conclaved with many cards; one poll per vote run. Baseline and
// conclaved runs alternate in pairs and the median pair is reported, because the machine is shared and
// a single pair can land on a noisy moment.
import { existsSync } from 'node:fs';
import { makeBundle, type TestBundle } from '../helpers/bundle.js';
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
  /** Baseline/conclaved pairs per connection count. */
  pairs: number;
  /** Pairs for the diagnostic run with the store on tmpfs (0 to skip). */
  tmpfsPairs: number;
  log: (line: string) => void;
}

interface Measured<T> {
  value: T;
  peakKiB: number;
  cpu: number;
}

async function measured<T>(pid: number, run: () => Promise<T>): Promise<Measured<T>> {
  const sampler = samplePeakRss(pid);
  const cpu0 = cpuMs(pid);
  const value = await run();
  return { value, peakKiB: sampler.stop(), cpu: cpuMs(pid) - cpu0 };
}

interface Pair {
  koa: Measured<LoadResult>;
  vote: Measured<LoadResult>;
  counted: number;
  storeGrowth: { before: number; after: number };
  ratio: number;
}

export async function throughput(opts: ThroughputOptions): Promise<Row[]> {
  const { log } = opts;
  const rows: Row[] = [];
  const maxConn = Math.max(...opts.connections);

  log(`bundle with ${opts.cards} cards`);
  const tb = await makeBundle({ count: opts.cards });
  const amount = requestCount(opts.cards, maxConn);

  const koa = await startBareKoa();
  const server = await startConclave(tb);
  try {
    await new Promise((r) => setTimeout(r, 500));
    const idle = rssKiB(server.pid);
    rows.push({ measure: 'conclaved memory, idle', result: mib(idle), ratio: `event with ${opts.cards.toLocaleString('en')} cards loaded` });

    log(`login of ${amount} voters`);
    await baselineLoad(koa.url, 50, 2000); // warm-up
    const chair = await BenchChair.login(server.url, tb.passphrase);
    for (let i = 0; i < opts.agenda; i++) await chair.createMotion(`Agenda item ${i + 1}`);
    const loginKoa = await measured(koa.pid, () => baselineLoad(koa.url, 50, requestCount(opts.cards, 50)));
    const login = await measured(server.pid, () => loginLoad(server.url, tb.cards.map((c) => c.code), 50, requestCount(opts.cards, 50)));
    const cookies = login.value.cookies;
    const lr = login.value.result;
    rows.push({
      measure: 'Voter login throughput (code check, session created and stored; 50 connections)',
      result: `${rate(lr.rps)}, p50 ${ms(lr.p50)}, p99 ${ms(lr.p99)}`,
      ratio: `${times(lr.rps / loginKoa.value.rps)} bare Koa (${rate(loginKoa.value.rps)})`,
      ...(lr.errors + lr.non2xx > 0 ? { goal: 'no errors', met: false } : {}),
    });
    rows.push({ measure: 'conclaved memory, after logins', result: `peak ${mib(login.peakKiB)}`, ratio: `${cookies.length.toLocaleString('en')} sessions` });
    if (cookies.length < amount) throw new Error(`only ${cookies.length} logins succeeded`);

    // Warm-up on its own poll so the JIT has seen the ballot path before the measured runs.
    const warm = await chair.createMotion('Warm-up');
    await chair.open(warm);
    await voteLoad(server.url, cookies, warm, 50, 1000);
    await chair.close(warm);

    let growthShown = false;
    for (const c of opts.connections) {
      const pairs: Pair[] = [];
      for (let p = 1; p <= opts.pairs; p++) {
        log(`pair ${p}/${opts.pairs} at ${c} connections`);
        const koaRun = await measured(koa.pid, () => baselineLoad(koa.url, c, amount));
        const id = await chair.createMotion(`Run ${c}/${p}`);
        await chair.open(id);
        const before = await server.storeBytes();
        const vote = await measured(server.pid, () => voteLoad(server.url, cookies, id, c, amount));
        await chair.close(id);
        const after = await server.storeBytes();
        pairs.push({ koa: koaRun, vote, counted: await chair.counted(id), storeGrowth: { before, after }, ratio: vote.value.rps / koaRun.value.rps });
      }
      const sorted = [...pairs].sort((a, b) => a.ratio - b.ratio);
      const m = sorted[Math.floor((sorted.length - 1) / 2)]!;
      const v = m.vote.value;
      const b = m.koa.value;
      const p99Ratio = v.p99 / b.p99;
      const errors = pairs.reduce((s, x) => s + x.vote.value.errors + x.vote.value.non2xx, 0);
      const allCounted = pairs.every((x) => x.counted === amount);
      const range = pairs.length > 1 ? `; ${pairs.length} pairs, throughput ratio ${times(sorted[0]!.ratio)}–${times(sorted[sorted.length - 1]!.ratio)}, p99 ratio ${pairs.map((x) => times(x.vote.value.p99 / x.koa.value.p99)).join(' / ')}` : '';
      rows.push({
        measure: `Vote throughput, ${c} connections (durable; ${amount.toLocaleString('en')} sessions; one open poll, ${opts.agenda} more on the agenda)`,
        result: `${rate(v.rps)}, p50 ${ms(v.p50)}, p99 ${ms(v.p99)}; errors ${errors}; every ballot counted: ${allCounted ? 'yes' : 'NO'}`,
        ratio: `bare Koa ${rate(b.rps)}, p99 ${ms(b.p99)} → ${times(m.ratio)} throughput, ${times(p99Ratio)} p99 (median pair${range})`,
        goal: '≥ 0.6× throughput, p99 ≤ 2×',
        met: m.ratio >= 0.6 && p99Ratio <= 2 && errors === 0 && allCounted,
      });
      const cpuEach = (m.vote.cpu * 1000) / v.requests;
      const koaCpuEach = (m.koa.cpu * 1000) / b.requests;
      rows.push({ measure: `Server CPU per request, ${c} connections`, result: `${cpuEach.toFixed(0)} µs per ballot`, ratio: `bare Koa ${koaCpuEach.toFixed(0)} µs per request → ${times(cpuEach / koaCpuEach)}` });
      rows.push({ measure: `conclaved memory, vote runs at ${c} connections`, result: `peak ${mib(Math.max(...pairs.map((x) => x.vote.peakKiB)))}` });
      if (!growthShown) {
        growthShown = true;
        const g = pairs[0]!.storeGrowth;
        const growth = ((g.after - g.before) / pairs[0]!.counted) * 10_000;
        rows.push({ measure: 'Store growth per 10 000 ballots', result: `${(growth / 1024).toFixed(0)} KiB`, ratio: `LMDB file ${(g.before / 1024).toFixed(0)} → ${(g.after / 1024).toFixed(0)} KiB over ${pairs[0]!.counted} ballots (first run)` });
      }
    }
    if (opts.tmpfsPairs > 0 && existsSync('/dev/shm')) rows.push(await withoutDisk(tb, koa.url, koa.pid, amount, opts));
  } finally {
    await koa.stop();
    await server.stop();
  }
  return rows;
}

/**
 * A diagnostic, not a product figure: the same vote run with the store on tmpfs, where fsync costs
 * nothing. The difference to the durable run is what waiting for the disk costs on this machine.
 */
async function withoutDisk(tb: TestBundle, koaUrl: string, koaPid: number, amount: number, opts: ThroughputOptions): Promise<Row> {
  opts.log('vote runs with the store on tmpfs');
  const server = await startConclave(tb, '/dev/shm');
  try {
    const chair = await BenchChair.login(server.url, tb.passphrase);
    const { cookies } = await loginLoad(server.url, tb.cards.map((c) => c.code), 50, amount);
    const warm = await chair.createMotion('Warm-up');
    await chair.open(warm);
    await voteLoad(server.url, cookies, warm, 50, 1000);
    await chair.close(warm);
    const ratios: { ratio: number; p99: number; vote: LoadResult; cpu: number }[] = [];
    for (let p = 1; p <= opts.tmpfsPairs; p++) {
      const k = await measured(koaPid, () => baselineLoad(koaUrl, 50, amount));
      const id = await chair.createMotion(`tmpfs ${p}`);
      await chair.open(id);
      const v = await measured(server.pid, () => voteLoad(server.url, cookies, id, 50, amount));
      await chair.close(id);
      ratios.push({ ratio: v.value.rps / k.value.rps, p99: v.value.p99 / k.value.p99, vote: v.value, cpu: (v.cpu * 1000) / v.value.requests });
    }
    ratios.sort((a, b) => a.ratio - b.ratio);
    const m = ratios[Math.floor((ratios.length - 1) / 2)]!;
    return {
      measure: 'Diagnostic: vote throughput, 50 connections, store on tmpfs (no disk wait)',
      result: `${rate(m.vote.rps)}, p50 ${ms(m.vote.p50)}, p99 ${ms(m.vote.p99)}; ${m.cpu.toFixed(0)} µs CPU per ballot`,
      ratio: `${times(m.ratio)} throughput, ${times(m.p99)} p99 vs bare Koa (median of ${ratios.length} pairs)`,
    };
  } finally {
    await server.stop();
  }
}
