// Keeps one helper process (gpiomon, gpioset) running: restarts it with exponential back-off when it dies,
// and forgets earlier failures once it has stayed up for a while. A GPIO helper that keeps dying must
// not take the voting service with it, nor spin the CPU.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from '../log.js';

export interface SupervisorStatus {
  running: boolean;
  restarts: number;
  lastExit: string | null;
}

export interface SupervisedProcessOptions {
  name: string;
  command: string;
  args: string[];
  onLine?: (line: string) => void;
  onStatus?: (status: SupervisorStatus) => void;
  logger?: Pick<Logger, 'warn' | 'info'>;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Up this long, the process counts as healthy again and the back-off resets. */
  stableMs?: number;
}

export interface SupervisedProcess {
  start(): void;
  /** Replaces the arguments and restarts the process with them at once. */
  restartWith(args: string[]): void;
  stop(): Promise<void>;
  status(): SupervisorStatus;
  pid(): number | undefined;
}

/** Children we stopped ourselves: their exit is not a failure. */
const stoppedOnPurpose = new WeakSet<ChildProcess>();

export function superviseProcess(options: SupervisedProcessOptions): SupervisedProcess {
  const minBackoff = options.minBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const stableMs = options.stableMs ?? 10_000;
  let args = options.args;
  let child: ChildProcess | null = null;
  let wanted = false;
  let backoff = minBackoff;
  let retry: NodeJS.Timeout | null = null;
  let replacing: Promise<void> | null = null;
  const status: SupervisorStatus = { running: false, restarts: 0, lastExit: null };
  const report = () => options.onStatus?.({ ...status });

  function launch(): void {
    retry = null;
    if (!wanted) return;
    const startedAt = Date.now();
    const proc = spawn(options.command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-400);
    });
    if (options.onLine && proc.stdout) {
      createInterface({ input: proc.stdout }).on('line', (line) => options.onLine?.(line));
    }
    let settled = false;
    const exited = (why: string) => {
      if (settled) return;
      settled = true;
      if (child === proc) child = null;
      status.running = false;
      status.lastExit = `${why}${stderr.trim() ? `: ${stderr.trim()}` : ''}`;
      if (!wanted || stoppedOnPurpose.has(proc)) {
        report();
        return;
      }
      if (Date.now() - startedAt >= stableMs) backoff = minBackoff;
      status.restarts++;
      options.logger?.warn({ helper: options.name, exit: status.lastExit, retryMs: backoff }, 'GPIO helper stopped; restarting');
      report();
      retry = setTimeout(launch, backoff);
      retry.unref();
      backoff = Math.min(maxBackoff, backoff * 2);
    };
    proc.on('spawn', () => {
      status.running = true;
      report();
    });
    proc.on('error', (e) => exited(`failed to start: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    proc.on('exit', (code, signal) => exited(signal ? `killed by ${signal}` : `exited ${code}`));
  }

  function kill(proc: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      stoppedOnPurpose.add(proc);
      const force = setTimeout(() => proc.kill('SIGKILL'), 2_000);
      proc.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  }

  return {
    start() {
      if (wanted) return;
      wanted = true;
      backoff = minBackoff;
      launch();
    },
    restartWith(next) {
      args = next;
      if (!wanted) return;
      if (retry) {
        clearTimeout(retry);
        retry = null;
      }
      backoff = minBackoff;
      // The old process must have released the line before the new one requests it (EBUSY otherwise);
      // changes arriving meanwhile only update the arguments the next launch uses.
      if (replacing) return;
      const old = child;
      child = null;
      if (!old) return launch();
      replacing = kill(old).then(() => {
        replacing = null;
        if (wanted && !child && !retry) launch();
      });
    },
    async stop() {
      wanted = false;
      await replacing;
      if (retry) clearTimeout(retry);
      retry = null;
      const old = child;
      child = null;
      if (old) await kill(old);
    },
    status: () => ({ ...status }),
    pid: () => child?.pid,
  };
}
