// The servers under test, as child processes on loopback: conclaved as shipped (dist/conclaved.js) on a
// fresh data folder, and the bare Koa baseline.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestBundle } from '../helpers/bundle.js';
import { startConclaved, writeBundle, type Child } from '../helpers/child.js';

export interface BenchServer {
  url: string;
  pid: number;
  output: string[];
  /** Size in bytes of the LMDB file (conclaved only). */
  storeBytes(): Promise<number>;
  stop(): Promise<void>;
}

/** `root` is where the data folder goes (default the system temp folder; /dev/shm for a run without disk). */
export async function startConclave(tb: TestBundle, root = tmpdir()): Promise<BenchServer> {
  const dir = await mkdtemp(join(root, 'conclave-bench-'));
  const bundlePath = await writeBundle(dir, tb.bundle);
  // --expose-gc lets /api/dev/stats?gc=1 collect before a memory reading; it changes nothing else.
  const child: Child = await startConclaved(['--data', join(dir, 'event'), '--device-dir', join(dir, 'device'), '--bundle', bundlePath, '--simulate-hardware'], {}, ['--expose-gc']);
  return {
    url: child.url,
    pid: child.proc.pid ?? 0,
    output: child.output,
    storeBytes: async () => (await stat(join(dir, 'event', 'conclave.mdb'))).size,
    async stop() {
      await child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function startBareKoa(): Promise<BenchServer> {
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'test/bench/bare-koa.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bare Koa did not start')), 20_000);
    proc.stdout!.on('data', (c: Buffer) => {
      output.push(c.toString());
      const m = /"url":"([^"]+)"/.exec(c.toString());
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`bare Koa exited with ${code}`)));
  });
  return {
    url,
    pid: proc.pid ?? 0,
    output,
    storeBytes: async () => 0,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
