// Picks the access point's channel when the bundle says "auto": survey the neighbouring networks and take the
// least crowded of the non-overlapping channels. A venue full of strong networks on channel 6 is exactly what
// makes phones drop off during a vote.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import { NON_OVERLAPPING_2G, type Band } from './hostapd-config/index.js';

const run = promisify(execFile);

export interface ScannedNetwork {
  channel: number;
  /** dBm; null when the scanner did not report it. */
  signalDbm: number | null;
}

export interface Scanner {
  scan(iface: string): Promise<ScannedNetwork[]>;
}

export const FALLBACK_2G = 6;
export const FALLBACK_5G = 36;

/** A strong neighbour (-40 dBm) weighs 1, a faint one (-90 dBm) 0.1: airtime is lost to what we can hear. */
function signalWeight(dbm: number | null): number {
  if (dbm === null) return 0.5;
  return Math.min(1, Math.max(0.1, (dbm + 100) / 60));
}

/** 2.4 GHz channels 5 MHz apart overlap up to four channels away, less the farther apart they are. */
function overlap2g(a: number, b: number): number {
  const d = Math.abs(a - b);
  return d === 0 ? 1 : d <= 2 ? 0.6 : d <= 4 ? 0.25 : 0;
}

export interface ChannelChoice {
  channel: number;
  /** Crowding score per candidate (lower is better), for the log and the technician. */
  scores: Record<number, number>;
}

/**
 * Deterministic: ties go to the earlier candidate in preference order (6 first on 2.4 GHz: phones and
 * technicians look there first, and its neighbours 1 and 11 are often wall-to-wall with home routers).
 */
export function chooseChannel(scan: readonly ScannedNetwork[], band: Band, allowed: readonly number[]): ChannelChoice {
  const candidates =
    band === '2.4' ? [6, 1, 11].filter((c) => allowed.includes(c) && (NON_OVERLAPPING_2G as readonly number[]).includes(c)) : [...allowed];
  const scores: Record<number, number> = {};
  for (const c of candidates) {
    let s = 0;
    for (const n of scan) s += (band === '2.4' ? overlap2g(c, n.channel) : n.channel === c ? 1 : 0) * signalWeight(n.signalDbm);
    scores[c] = Math.round(s * 1000) / 1000;
  }
  let best = candidates[0] ?? (band === '2.4' ? FALLBACK_2G : FALLBACK_5G);
  for (const c of candidates) if ((scores[c] ?? 0) < (scores[best] ?? 0)) best = c;
  return { channel: best, scores };
}

export function channelOfFrequency(mhz: number): number | null {
  if (mhz === 2484) return 14;
  if (mhz >= 2412 && mhz <= 2472) return (mhz - 2407) / 5;
  if (mhz >= 5160 && mhz <= 5885) return (mhz - 5000) / 5;
  return null;
}

const nodeWifiNetwork = z.object({
  channel: z.number().int().optional(),
  frequency: z.number().optional(),
  signal_level: z.number().optional(),
});

/** node-wifi (nmcli underneath on Linux). */
export class NodeWifiScanner implements Scanner {
  async scan(iface: string): Promise<ScannedNetwork[]> {
    const { default: wifi } = await import('node-wifi');
    wifi.init({ iface });
    const parsed = z.array(nodeWifiNetwork).parse(await wifi.scan());
    return parsed.flatMap((n) => {
      const channel = n.channel ?? (n.frequency !== undefined ? channelOfFrequency(n.frequency) : null);
      return channel ? [{ channel, signalDbm: n.signal_level ?? null }] : [];
    });
  }
}

/** Parses `iw dev X scan`: a "BSS <mac>" header per network, then "freq:" and "signal:" lines. */
export function parseIwScan(output: string): ScannedNetwork[] {
  const out: ScannedNetwork[] = [];
  let current: { freq: number | null; signal: number | null } | null = null;
  const flush = (): void => {
    const channel = current?.freq ? channelOfFrequency(current.freq) : null;
    if (current && channel) out.push({ channel, signalDbm: current.signal });
  };
  for (const line of output.split('\n')) {
    if (/^BSS [0-9a-f:]{17}/i.test(line)) {
      flush();
      current = { freq: null, signal: null };
    } else if (current) {
      const f = /^\s+freq: (\d+(?:\.\d+)?)/.exec(line);
      if (f) current.freq = Math.round(Number(f[1]));
      const s = /^\s+signal: (-?\d+(?:\.\d+)?) dBm/.exec(line);
      if (s) current.signal = Number(s[1]);
    }
  }
  flush();
  return out;
}

/**
 * iw talks to nl80211 directly, so it works where NetworkManager (node-wifi's backend) is absent. A radio that is
 * down cannot scan; `bringUp` (only when netconfig applies its plan at boot) sets the link up first.
 */
export class IwScanner implements Scanner {
  constructor(private readonly opts: { bringUp: boolean } = { bringUp: false }) {}

  async scan(iface: string): Promise<ScannedNetwork[]> {
    if (this.opts.bringUp) await run('ip', ['link', 'set', 'dev', iface, 'up'], { timeout: 5_000 });
    const { stdout } = await run('iw', ['dev', iface, 'scan'], { timeout: 15_000, maxBuffer: 4 * 1024 * 1024 });
    return parseIwScan(stdout);
  }
}

/** Tries each scanner in turn; the first that answers wins. */
export class FirstScanner implements Scanner {
  constructor(private readonly scanners: Scanner[]) {}
  async scan(iface: string): Promise<ScannedNetwork[]> {
    let last: unknown = new Error('no scanner');
    for (const s of this.scanners) {
      try {
        return await s.scan(iface);
      } catch (e) {
        last = e;
      }
    }
    throw last;
  }
}

/** Recorded surveys for tests and --out previews. */
export class RecordedScanner implements Scanner {
  constructor(private readonly networks: ScannedNetwork[]) {}
  scan(): Promise<ScannedNetwork[]> {
    return Promise.resolve(this.networks);
  }
}

export class FailingScanner implements Scanner {
  scan(): Promise<ScannedNetwork[]> {
    return Promise.reject(new Error('no radio to scan with'));
  }
}
