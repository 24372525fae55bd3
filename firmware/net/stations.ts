// Counts the Wi-Fi clients associated with our access point, for the chair console's "clients / limit" and its
// warning before the radio is full. Reads hostapd's view (hostapd_cli all_sta), falling back to the kernel's
// (iw station dump) when the control socket is not there.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type NetworkMode = 'onboard' | 'usb-radio' | 'external-ap' | 'venue';

export interface StationCounter {
  count(): Promise<number>;
}

/**
 * How many voters a mode's radio serves reliably (DESIGN §6): the Pi's built-in radio with the minimal
 * firmware stops at 19, an mt76 USB adapter around 30; external access points scale to hundreds; in venue mode
 * the network is not ours and the limit is unknown (0).
 */
export function clientLimit(mode: NetworkMode): number {
  switch (mode) {
    case 'onboard':
      return 19;
    case 'usb-radio':
      return 30;
    case 'external-ap':
      return 500;
    case 'venue':
      return 0;
  }
}

/** The chair is warned from this many clients on (80 % of the limit); null when the limit is unknown. */
export function warnThreshold(mode: NetworkMode): number | null {
  const limit = clientLimit(mode);
  return limit > 0 ? Math.ceil(limit * 0.8) : null;
}

/** `hostapd_cli all_sta` prints one block per station, each starting with the bare MAC address. */
export function countAllSta(output: string): number {
  return output.split('\n').filter((l) => /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(l.trim())).length;
}

/** `iw dev X station dump` prints "Station <mac> (on X)" per station. */
export function countStationDump(output: string): number {
  return output.split('\n').filter((l) => /^Station [0-9a-f]{2}(:[0-9a-f]{2}){5}\b/i.test(l)).length;
}

export interface HostapdStationCounterOptions {
  iface: string;
  ctrlDir?: string;
  /** Bounds each tool call; the overview must answer even when hostapd hangs. */
  timeoutMs?: number;
}

export class HostapdStationCounter implements StationCounter {
  constructor(private readonly opts: HostapdStationCounterOptions) {}

  async count(): Promise<number> {
    const timeout = this.opts.timeoutMs ?? 2000;
    try {
      const { stdout } = await run('hostapd_cli', ['-p', this.opts.ctrlDir ?? '/run/hostapd', '-i', this.opts.iface, 'all_sta'], { timeout });
      if (!/Failed to connect/i.test(stdout)) return countAllSta(stdout);
    } catch {
      // Control socket missing or hostapd busy: the kernel still knows who is associated.
    }
    const { stdout } = await run('iw', ['dev', this.opts.iface, 'station', 'dump'], { timeout });
    return countStationDump(stdout);
  }
}

/** Simulation and tests: a settable count. */
export class FakeStationCounter implements StationCounter {
  constructor(public clients = 0) {}
  count(): Promise<number> {
    return Promise.resolve(this.clients);
  }
}

/**
 * external-ap: the access points are the organisation's, so we count the live DHCP leases dnsmasq handed out on
 * the Ethernet side (a lease file line: expiry-epoch mac ip name client-id; expiry 0 = infinite).
 */
export class LeaseFileStationCounter implements StationCounter {
  constructor(
    private readonly leaseFile: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async count(): Promise<number> {
    let text: string;
    try {
      text = await readFile(this.leaseFile, 'utf8');
    } catch {
      return 0;
    }
    const nowS = this.now() / 1000;
    return text.split('\n').filter((l) => {
      const expiry = Number(l.split(' ')[0]);
      return l.trim() !== '' && Number.isFinite(expiry) && (expiry === 0 || expiry > nowS);
    }).length;
  }
}

/** venue: the network is not ours; nobody to count. */
export class NoStationCounter implements StationCounter {
  count(): Promise<number> {
    return Promise.resolve(0);
  }
}

/** The real counter for a mode, as conclaved's composition root should pick it. */
export function stationCounterFor(
  mode: NetworkMode,
  where: { radio?: string; ctrlDir?: string; leaseFile?: string },
): StationCounter {
  if ((mode === 'onboard' || mode === 'usb-radio') && where.radio) return new HostapdStationCounter({ iface: where.radio, ctrlDir: where.ctrlDir });
  if (mode === 'external-ap') return new LeaseFileStationCounter(where.leaseFile ?? '/run/conclave/dnsmasq.leases');
  return new NoStationCounter();
}
