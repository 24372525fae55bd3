// Puts a rendered plan into effect on the running appliance: kernel settings, the serving interface's address,
// the firewall, and in venue mode joining the venue's Wi-Fi. Only called without --out (at boot, as root).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NetworkSettings } from '../config/network-schema.js';
import type { NetPlan } from './plan.js';

const run = promisify(execFile);

export interface Joiner {
  join(iface: string, ssid: string, passphrase: string): Promise<void>;
}

/** node-wifi drives NetworkManager on Linux. */
export class NodeWifiJoiner implements Joiner {
  async join(iface: string, ssid: string, passphrase: string): Promise<void> {
    const { default: wifi } = await import('node-wifi');
    wifi.init({ iface });
    await wifi.connect({ ssid, password: passphrase });
  }
}

export async function applyPlan(plan: NetPlan, settings: NetworkSettings, dir: string, joiner: Joiner): Promise<void> {
  const t = { timeout: 30_000 };
  await run('sysctl', ['-q', '-p', join(dir, 'sysctl.conf')], t);
  // The firewall goes up before the interface gets its address, so there is no moment without it.
  await run('nft', ['-f', join(dir, 'nftables.conf')], t);
  if (plan.serving) {
    await run('ip', ['addr', 'flush', 'dev', plan.serving], t);
    await run('ip', ['addr', 'add', `${plan.address}/${plan.prefix}`, 'dev', plan.serving], t);
    await run('ip', ['link', 'set', 'dev', plan.serving, 'up'], t);
  }
  if (plan.mode === 'venue' && settings.venueWifi && plan.uplink)
    await joiner.join(plan.uplink, settings.venueWifi.ssid, settings.venueWifi.passphrase);
}
