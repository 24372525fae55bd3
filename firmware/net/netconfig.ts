// conclave-netconfig's work without the I/O of argument parsing and file writing: network settings and the
// interfaces found in, the rendered files out. Invalid settings are refused before anything is rendered.
import type { NetworkSettings } from '../config/network-schema.js';
import { allowedChannels, renderHostapdConf, renderWpaPskFile, type AccessPointConfig } from './hostapd-config/index.js';
import { chooseChannel, FALLBACK_2G, FALLBACK_5G, type Scanner } from './channel.js';
import { renderDnsmasqConf } from './dnsmasq.js';
import { selectInterfaces, type NetInterface } from './interfaces.js';
import { modeTraits } from './modes.js';
import { renderNftables } from './nftables.js';
import type { NetState } from './net-state.js';
import type { NetPlan } from './plan.js';
import { planPool } from './pool.js';
import { checkSettings, toSettingsIssue, type SettingsIssue } from './settings-check.js';
import { clientLimit } from './stations.js';
import { renderSysctl } from './sysctl.js';
import { renderUdhcpcScript, renderWpaSupplicantConf } from './venue-uplink.js';

export const DEFAULT_OUT_DIR = '/run/conclave/net';
export const DEFAULT_LEASE_FILE = '/run/conclave/dnsmasq.leases';
export const DEFAULT_CTRL_DIR = '/run/hostapd';
/** Every file netconfig may write; those a mode does not need are removed so no stale service config lingers. */
export const ALL_FILES = [
  'hostapd.conf',
  'hostapd.psk',
  'dnsmasq.conf',
  'nftables.conf',
  'sysctl.conf',
  'wpa_supplicant.conf',
  'udhcpc.script',
  'network.json',
] as const;

export interface NetconfigRequest {
  settings: NetworkSettings;
  interfaces: readonly NetInterface[];
  radio?: string;
  uplink?: string;
  /** Rendering for inspection (--out): missing interfaces get the usual Pi names instead of failing. */
  allowGuess: boolean;
  scanner: Scanner;
  outDir: string;
  ctrlDir?: string;
  leaseFile?: string;
  httpPort?: number;
  httpsPort?: number;
}

export interface RenderedFile {
  name: (typeof ALL_FILES)[number];
  content: string;
  /** Files holding Wi-Fi keys are readable by root only. */
  mode: number;
}

export interface NetconfigOutput {
  plan: NetPlan;
  state: NetState;
  files: RenderedFile[];
  /** Things the technician should know (guessed interfaces, a scan that failed, a small pool). */
  notes: string[];
}

export type NetconfigResult =
  | { ok: true; value: NetconfigOutput }
  | { ok: false; kind: 'invalid'; issues: SettingsIssue[] }
  | { ok: false; kind: 'environment'; message: string };

export async function buildNetconfig(req: NetconfigRequest): Promise<NetconfigResult> {
  const s = req.settings;
  const issues = checkSettings(s);
  if (issues.length > 0) return { ok: false, kind: 'invalid', issues };
  const traits = modeTraits(s.mode);
  const notes: string[] = [];

  const selection = selectInterfaces(s.mode, req.interfaces, {
    radio: req.radio,
    uplink: req.uplink,
    venueWifi: s.venueWifi !== undefined,
    allowGuess: req.allowGuess,
  });
  if (!selection.ok) return { ok: false, kind: 'environment', message: selection.message };
  for (const g of selection.guessed) notes.push(`not found on this machine, assumed ${g}`);
  const ifs = selection.value;

  const pool = traits.ownsNetwork ? planPool(s.address, s.prefix, traits.poolWanted) : null;
  if (traits.ownsNetwork && !pool)
    return {
      ok: false,
      kind: 'invalid',
      issues: [{ field: 'network.prefix', rule: 'pool-fits', message: `network.prefix: /${s.prefix} around ${s.address} leaves no room for a DHCP pool` }],
    };
  if (pool && !pool.complete)
    notes.push(`the /${s.prefix} subnet holds ${pool.size} DHCP addresses, fewer than the ${traits.poolWanted} wanted for mode ${s.mode}`);

  const ctrlDir = req.ctrlDir ?? DEFAULT_CTRL_DIR;
  const leaseFile = req.leaseFile ?? DEFAULT_LEASE_FILE;
  const plan: NetPlan = {
    mode: s.mode,
    host: s.host,
    address: s.address,
    prefix: s.prefix,
    serving: ifs.serving,
    radio: ifs.radio,
    uplink: ifs.uplink,
    tlsTrusted: s.tls?.trusted === true,
    httpPort: req.httpPort ?? 80,
    httpsPort: req.httpsPort ?? 443,
    leaseFile,
    pool,
  };

  const files: RenderedFile[] = [];
  let channel: number | null = null;
  let channelSource: NetState['channelSource'] = null;
  if (traits.accessPoint && ifs.radio) {
    const allowed = allowedChannels(s.band, s.country);
    const radioGuessed = selection.guessed.length > 0;
    if (s.channel === 'auto' && radioGuessed) {
      // Rendering elsewhere (--out on a machine without this radio): nothing of the venue to survey.
      channel = s.band === '2.4' ? FALLBACK_2G : FALLBACK_5G;
      channelSource = 'fallback';
      notes.push(`no radio here to survey; using channel ${channel}`);
    } else if (s.channel === 'auto') {
      try {
        const survey = await req.scanner.scan(ifs.radio);
        const choice = chooseChannel(survey, s.band, allowed);
        channel = choice.channel;
        channelSource = 'scan';
        notes.push(`channel ${channel} chosen from a survey of ${survey.length} networks (scores ${JSON.stringify(choice.scores)})`);
      } catch (e) {
        channel = s.band === '2.4' ? FALLBACK_2G : FALLBACK_5G;
        channelSource = 'fallback';
        notes.push(`channel survey failed (${e instanceof Error ? e.message.split('\n')[0] : 'unknown error'}); using channel ${channel}`);
      }
    } else {
      channel = s.channel;
      channelSource = 'bundle';
    }
    const perCard = s.cardPsks !== undefined && s.cardPsks.length > 0;
    const ap: AccessPointConfig = {
      interface: ifs.radio,
      ssid: s.ssid,
      country: s.country,
      band: s.band,
      channel,
      security: s.security,
      ctrlInterface: ctrlDir,
      maxStations: clientLimit(s.mode),
      ...(s.wifiPassphrase !== undefined ? { passphrase: s.wifiPassphrase } : {}),
      ...(perCard ? { wpaPskFile: `${req.outDir}/hostapd.psk` } : {}),
    };
    const conf = renderHostapdConf(ap);
    if (!conf.ok) return { ok: false, kind: 'invalid', issues: conf.issues.map(toSettingsIssue) };
    files.push({ name: 'hostapd.conf', content: conf.text, mode: 0o600 });
    if (perCard) {
      const psk = renderWpaPskFile((s.cardPsks ?? []).map((c) => c.psk));
      if (!psk.ok) return { ok: false, kind: 'invalid', issues: psk.issues.map(toSettingsIssue) };
      files.push({ name: 'hostapd.psk', content: psk.text, mode: 0o600 });
    }
  }
  if (traits.ownsNetwork) files.push({ name: 'dnsmasq.conf', content: renderDnsmasqConf(plan), mode: 0o644 });
  files.push({ name: 'nftables.conf', content: renderNftables(plan), mode: 0o644 });
  files.push({ name: 'sysctl.conf', content: renderSysctl(), mode: 0o644 });
  if (s.mode === 'venue') {
    if (s.venueWifi) files.push({ name: 'wpa_supplicant.conf', content: renderWpaSupplicantConf(s.venueWifi, s.country), mode: 0o600 });
    files.push({ name: 'udhcpc.script', content: renderUdhcpcScript(), mode: 0o755 });
  }

  const state: NetState = {
    mode: s.mode,
    host: s.host,
    address: s.address,
    prefix: s.prefix,
    serving: ifs.serving,
    radio: ifs.radio,
    uplink: ifs.uplink,
    channel,
    channelSource,
    clientLimit: clientLimit(s.mode),
    tlsTrusted: plan.tlsTrusted,
    ctrlDir,
    leaseFile,
    pool: pool ? { start: pool.start, end: pool.end, size: pool.size } : null,
  };
  files.push({ name: 'network.json', content: JSON.stringify(state, null, 2) + '\n', mode: 0o644 });
  return { ok: true, value: { plan, state, files, notes } };
}
