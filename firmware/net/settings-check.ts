// Checks a bundle's network settings in depth, beyond the schema's shape checks, and names each problem by its
// bundle field (network.ssid, network.wifiPassphrase, …) and rule, so the technician knows what to change.
import type { NetworkSettings } from '../config/network-schema.js';
import { checkCountry, checkPassphrase, checkSsid, type ConfigIssue } from './hostapd-config/index.js';
import { parseIpv4, subnetOf } from './ipv4.js';

export interface SettingsIssue {
  field: string;
  rule: string;
  message: string;
}

/** hostapd-config speaks of its own fields; the technician edits the bundle's. */
const BUNDLE_FIELD: Record<string, string> = {
  ssid: 'network.ssid',
  passphrase: 'network.wifiPassphrase',
  country: 'network.country',
  band: 'network.band',
  channel: 'network.channel',
  channelWidth: 'network.channel',
  security: 'network.security',
  pmf: 'network.security',
  wpaPskFile: 'network.cardPsks',
  ieee80211ac: 'network.band',
};

export function toSettingsIssue(i: ConfigIssue): SettingsIssue {
  const field = BUNDLE_FIELD[i.field] ?? `network.${i.field}`;
  const detail = i.message.startsWith(`${i.field}:`) ? i.message.slice(i.field.length + 1).trim() : i.message;
  return { field, rule: i.rule, message: `${field}: ${detail}` };
}

export function checkSettings(s: NetworkSettings): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const addr = parseIpv4(s.address);
  if (addr === null) {
    issues.push({ field: 'network.address', rule: 'ipv4', message: `network.address: ${s.address} is not an IPv4 address` });
  } else {
    const { network, broadcast } = subnetOf(addr, s.prefix);
    if (addr === network || addr === broadcast)
      issues.push({
        field: 'network.address',
        rule: 'host-address',
        message: `network.address: ${s.address} is the ${addr === network ? 'network' : 'broadcast'} address of its /${s.prefix}`,
      });
  }
  if (s.mode === 'onboard' || s.mode === 'usb-radio') {
    const ap: Array<ConfigIssue | null> = [checkSsid(s.ssid), checkCountry(s.country)];
    if (s.wifiPassphrase !== undefined) ap.push(checkPassphrase(s.wifiPassphrase));
    else if (!s.cardPsks?.length)
      ap.push({ field: 'passphrase', rule: 'required', message: 'passphrase: required unless per-card Wi-Fi keys are given' });
    for (const i of ap) if (i) issues.push(toSettingsIssue(i));
  }
  if (s.mode === 'venue' && s.venueWifi) {
    const ssid = checkSsid(s.venueWifi.ssid, 'network.venueWifi.ssid');
    const pass = checkPassphrase(s.venueWifi.passphrase, 'network.venueWifi.passphrase');
    for (const i of [ssid, pass]) if (i) issues.push(i);
  }
  return issues;
}
