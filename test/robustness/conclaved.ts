// conclaved as shipped, on a temp folder, with an imported test bundle; its whole output is kept for
// the log-secrecy checks.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestBundle } from '../helpers/bundle.js';
import { startConclaved, writeBundle, type Child } from '../helpers/child.js';
import { cookiePair, raw } from './raw.js';

export interface Running {
  child: Child;
  url: string;
  log(): string;
  stop(): Promise<void>;
}

export async function runConclaved(tb: TestBundle): Promise<Running> {
  const dir = await mkdtemp(join(tmpdir(), 'conclave-robust-'));
  const bundlePath = await writeBundle(dir, tb.bundle);
  const child = await startConclaved(['--data', join(dir, 'event'), '--device-dir', join(dir, 'device'), '--bundle', bundlePath, '--simulate-hardware']);
  return {
    child,
    url: child.url,
    log: () => child.output.join(''),
    async stop() {
      await child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A phone on its own loopback address logs in and casts one ballot; returns its cookie and the time taken. */
export async function loginAndVote(url: string, code: string, pollId: string, localAddress: string): Promise<{ ms: number; cookie: string }> {
  const t0 = performance.now();
  const login = await raw(url, 'POST', '/api/voter/session', { localAddress, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  if (login.status !== 201) throw new Error(`login from ${localAddress}: ${login.status} ${login.body}`);
  const cookie = cookiePair(login.setCookie, 'conclave_voter');
  const ballot = await raw(url, 'POST', '/api/voter/ballots', { localAddress, headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ pollId, choices: ['for'] }) });
  if (ballot.status !== 201) throw new Error(`ballot from ${localAddress}: ${ballot.status} ${ballot.body}`);
  return { ms: performance.now() - t0, cookie };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};
