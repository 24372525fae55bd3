// Boots a test variant under qemu-system-aarch64 -M virt (kernel and initrd from the image, root from its
// partition), collects the serial console, forwards one host port to the guest's port 80, and gives the test
// a way to wait for console lines and to cut the power (SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
import type { Variant } from './image-file.js';

export interface Guest {
  readonly port: number;
  readonly startedAt: number;
  /** Everything the guest printed on its serial console so far. */
  console(): string;
  /** Resolves with the first console line matching `re` (searching from the start), or rejects after `ms`. */
  waitFor(re: RegExp, ms: number): Promise<string>;
  alive(): boolean;
  /** Power cut: SIGKILL, no shutdown. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** `consoleLog`: a file that receives the serial console as it arrives (to watch a boot, and to keep it). */
export async function boot(v: Variant, opts: { memoryMiB?: number; consoleLog?: string } = {}): Promise<Guest> {
  const port = await freePort();
  const append = 'console=ttyAMA0 root=LABEL=conclave-root rootfstype=ext4 ro rootwait net.ifnames=0 panic=-1';
  const args = [
    '-M', 'virt', '-cpu', 'cortex-a72', '-smp', '2', '-m', String(opts.memoryMiB ?? 1024),
    '-nographic', '-no-reboot',
    '-kernel', v.kernel, '-initrd', v.initrd, '-append', append,
    '-drive', `if=none,id=d0,file=${v.image},format=raw`, '-device', 'virtio-blk-device,drive=d0',
    '-netdev', `user,id=n0,hostfwd=tcp:127.0.0.1:${port}-:80`, '-device', 'virtio-net-device,netdev=n0',
    '-device', 'virtio-rng-device',
  ];
  const proc: ChildProcess = spawn('qemu-system-aarch64', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const startedAt = Date.now();
  let out = '';
  const waiters = new Set<() => void>();
  const log = opts.consoleLog;
  if (log) {
    mkdirSync(dirname(log), { recursive: true });
    writeFileSync(log, '');
  }
  const onData = (b: Buffer) => {
    const text = b.toString('utf8').replace(/\r/g, '');
    out += text;
    if (log) appendFileSync(log, text);
    for (const w of waiters) w();
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  let exited = false;
  const exit = new Promise<void>((resolve) => proc.on('exit', () => {
    exited = true;
    for (const w of waiters) w();
    resolve();
  }));
  return {
    port,
    startedAt,
    console: () => out,
    alive: () => !exited,
    waitFor(re, ms) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = out.split('\n').find((l) => re.test(l));
          if (line !== undefined) done(() => resolve(line));
          else if (exited) done(() => reject(new Error(`qemu exited before ${re}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`timed out after ${ms} ms waiting for ${re}`))), ms);
        const done = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      });
    },
    async kill() {
      if (!exited) proc.kill('SIGKILL');
      await exit;
    },
  };
}
