// Finds the device's network interfaces from sysfs: the built-in radio (SDIO on a Pi), USB radios and wired
// Ethernet. Takes the sysfs root as a parameter so tests can point it at a fabricated tree.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkMode } from './stations.js';

export interface NetInterface {
  name: string;
  kind: 'wireless' | 'ethernet' | 'other';
  /** usb: a plugged-in adapter; builtin: on the board (SDIO, PCIe, SoC); virtual: veth, bridges, lo. */
  bus: 'usb' | 'builtin' | 'virtual';
}

export function discoverInterfaces(sysClassNet = '/sys/class/net'): NetInterface[] {
  let names: string[];
  try {
    names = readdirSync(sysClassNet).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const dir = join(sysClassNet, name);
    const wireless = existsSync(join(dir, 'wireless')) || existsSync(join(dir, 'phy80211'));
    let bus: NetInterface['bus'] = 'virtual';
    try {
      bus = realpathSync(join(dir, 'device')).includes('/usb') ? 'usb' : 'builtin';
    } catch {
      // No device link: a software interface.
    }
    let type = '';
    try {
      type = readFileSync(join(dir, 'type'), 'utf8').trim();
    } catch {
      // Unknown type: treat as other.
    }
    const kind = wireless ? 'wireless' : type === '1' && bus !== 'virtual' ? 'ethernet' : 'other';
    return { name, kind, bus };
  });
}

export interface InterfaceChoice {
  serving: string | null;
  radio: string | null;
  uplink: string | null;
}

export type InterfaceSelection = { ok: true; value: InterfaceChoice; guessed: string[] } | { ok: false; message: string };

/**
 * Picks the interfaces a mode needs. Explicit --radio / --uplink win. When nothing fits and `allowGuess` is set
 * (rendering with --out on a machine that is not the appliance), the usual Pi names are used and reported.
 */
export function selectInterfaces(
  mode: NetworkMode,
  found: readonly NetInterface[],
  opts: { radio?: string; uplink?: string; venueWifi: boolean; allowGuess: boolean },
): InterfaceSelection {
  const guessed: string[] = [];
  const pick = (explicit: string | undefined, test: (i: NetInterface) => boolean, guess: string, what: string): string | null => {
    if (explicit) {
      if (!opts.allowGuess && !found.some((i) => i.name === explicit)) return null;
      return explicit;
    }
    const hit = found.find(test);
    if (hit) return hit.name;
    if (!opts.allowGuess) return null;
    guessed.push(`${what}: ${guess}`);
    return guess;
  };
  const fail = (what: string, explicit: string | undefined): InterfaceSelection => ({
    ok: false,
    message: explicit ? `interface ${explicit} (${what}) does not exist` : `no ${what} found`,
  });
  switch (mode) {
    case 'onboard': {
      const radio = pick(opts.radio, (i) => i.kind === 'wireless' && i.bus === 'builtin', 'wlan0', 'built-in radio');
      return radio ? { ok: true, value: { serving: radio, radio, uplink: null }, guessed } : fail('built-in radio', opts.radio);
    }
    case 'usb-radio': {
      const radio = pick(opts.radio, (i) => i.kind === 'wireless' && i.bus === 'usb', 'wlan1', 'USB radio');
      return radio ? { ok: true, value: { serving: radio, radio, uplink: null }, guessed } : fail('USB radio', opts.radio);
    }
    case 'external-ap': {
      const eth = pick(opts.uplink, (i) => i.kind === 'ethernet', 'eth0', 'Ethernet port');
      return eth ? { ok: true, value: { serving: eth, radio: null, uplink: null }, guessed } : fail('Ethernet port', opts.uplink);
    }
    case 'venue': {
      const uplink = opts.venueWifi
        ? pick(opts.uplink ?? opts.radio, (i) => i.kind === 'wireless', 'wlan0', 'Wi-Fi radio to join the venue network')
        : pick(opts.uplink, (i) => i.kind === 'ethernet', 'eth0', 'Ethernet port');
      return uplink ? { ok: true, value: { serving: null, radio: null, uplink }, guessed } : fail('venue uplink', opts.uplink);
    }
  }
}
