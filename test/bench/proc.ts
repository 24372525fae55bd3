// Reads a child process's resident memory and CPU time from /proc (Linux), and samples peak memory.
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** Resident set size in KiB (VmRSS). */
export function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** User + system CPU time in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** Samples RSS every `everyMs` until stopped; returns the peak in KiB. */
export function samplePeakRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = rssKiB(pid);
  const t = setInterval(() => {
    try {
      peak = Math.max(peak, rssKiB(pid));
    } catch {
      /* process gone */
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(t);
      try {
        peak = Math.max(peak, rssKiB(pid));
      } catch {
        /* process gone */
      }
      return peak;
    },
  };
}

export const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`;

/** The kernel's count of connections dropped because a listen queue was full (system-wide). */
export function listenOverflows(): number {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
  const names = (lines[0] ?? '').split(' ');
  const values = (lines[1] ?? '').split(' ');
  const i = names.indexOf('ListenOverflows');
  return i > 0 ? Number(values[i]) : NaN;
}
