// Puts a rendered plan into effect on the running appliance: kernel settings, the firewall, the serving
// interface's address, and in venue mode joining the venue network. Only called without --out (at boot, as root).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NetworkSettings } from '../config/network-schema.js';
import type { NetPlan } from './plan.js';

const run = promisify(execFile);
const T = { timeout: 30_000 };

async function succeeds(cmd: string, args: string[]): Promise<boolean> {
  try {
    await run(cmd, args, { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/** NetworkManager owns the machine's Wi-Fi and DHCP where it runs (a laptop); the appliance image has none. */
export async function networkManagerRunning(): Promise<boolean> {
  return succeeds('nmcli', ['-t', '-f', 'RUNNING', 'general']);
}

async function joinWithNodeWifi(iface: string, ssid: string, passphrase: string): Promise<void> {
  const { default: wifi } = await import('node-wifi');
  wifi.init({ iface });
  await wifi.connect({ ssid, password: passphrase });
}

async function joinWithWpaSupplicant(iface: string, dir: string, waitMs: number): Promise<void> {
  await run('ip', ['link', 'set', 'dev', iface, 'up'], T);
  await run('wpa_supplicant', ['-B', '-i', iface, '-c', join(dir, 'wpa_supplicant.conf'), '-P', `/run/conclave/wpa_supplicant-${iface}.pid`], T);
  const end = Date.now() + waitMs;
  while (Date.now() < end) {
    try {
      const { stdout } = await run('wpa_cli', ['-p', '/run/wpa_supplicant', '-i', iface, 'status'], { timeout: 5_000 });
      if (/^wpa_state=COMPLETED$/m.test(stdout)) return;
    } catch {
      // The control socket appears a moment after the daemon forks.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`could not join the venue Wi-Fi on ${iface} within ${waitMs / 1000} s (wrong passphrase, or out of range?)`);
}

/** busybox udhcpc: waits up to ~20 s for a first lease, then stays in the background renewing it. */
async function leaseWithUdhcpc(iface: string, dir: string): Promise<void> {
  await run('busybox', ['udhcpc', '-i', iface, '-s', join(dir, 'udhcpc.script'), '-p', `/run/conclave/udhcpc-${iface}.pid`, '-t', '6', '-T', '3', '-b'], T);
}

export interface ApplyOptions {
  /** How long to wait for wpa_supplicant to associate. */
  joinWaitMs?: number;
}

export async function applyPlan(plan: NetPlan, settings: NetworkSettings, dir: string, opts: ApplyOptions = {}): Promise<void> {
  await run('sysctl', ['-q', '-p', join(dir, 'sysctl.conf')], T);
  // The firewall goes up before any interface gets an address, so there is no moment without it.
  await run('nft', ['-f', join(dir, 'nftables.conf')], T);
  if (plan.serving) {
    await run('ip', ['addr', 'flush', 'dev', plan.serving], T);
    await run('ip', ['addr', 'add', `${plan.address}/${plan.prefix}`, 'dev', plan.serving], T);
    await run('ip', ['link', 'set', 'dev', plan.serving, 'up'], T);
  }
  if (plan.mode === 'venue' && plan.uplink) {
    if (await networkManagerRunning()) {
      // NetworkManager also runs DHCP on what it manages.
      if (settings.venueWifi) await joinWithNodeWifi(plan.uplink, settings.venueWifi.ssid, settings.venueWifi.passphrase);
      return;
    }
    if (settings.venueWifi) await joinWithWpaSupplicant(plan.uplink, dir, opts.joinWaitMs ?? 30_000);
    await run('ip', ['link', 'set', 'dev', plan.uplink, 'up'], T);
    await leaseWithUdhcpc(plan.uplink, dir);
  }
}
