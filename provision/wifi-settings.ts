// The Wi-Fi part of provisioning: checks the technician's settings with the very rules of the appliance's
// hostapd-config module (so a setting hostapd would refuse is refused at the desk, the night before), and
// makes the per-card passphrases and the PSKs hostapd will hold for them.
import { allowedChannels, checkPassphrase, validate } from '../firmware/net/hostapd-config/index.js';
import type { AccessPointConfig, ConfigIssue } from '../firmware/net/hostapd-config/index.js';
import { clientLimit } from '../firmware/net/stations.js';
import type { NetworkSettings } from '../firmware/config/network-schema.js';
import { readableSecret, wpaPsk } from './secrets.js';

export type Mode = NetworkSettings['mode'];

export interface WifiRequest {
  mode: Mode;
  ssid: string;
  /** As given by the technician; generated for the appliance's own access point when absent. */
  wifiPassphrase?: string;
  security: 'wpa2' | 'wpa3' | 'transition';
  country: string;
  band: '2.4' | '5';
  channel: 'auto' | number;
  perCardWifi: boolean;
}

const FLAG_OF_FIELD: Record<string, string> = {
  ssid: '--ssid',
  passphrase: '--wifi-passphrase',
  country: '--country',
  band: '--band',
  channel: '--channel',
  channelWidth: '--channel',
  security: '--security',
  pmf: '--security',
  wpaPskFile: '--per-card-wifi',
};

function describe(issue: ConfigIssue): string {
  const flag = FLAG_OF_FIELD[issue.field] ?? issue.field;
  const text = issue.message.startsWith(`${issue.field}: `) ? issue.message.slice(issue.field.length + 2) : issue.message;
  return `${flag}: ${text} (rule ${issue.rule})`;
}

/** True when the appliance runs the access point itself (hostapd), so the Wi-Fi settings are ours to choose. */
export function ownAccessPoint(mode: Mode): boolean {
  return mode === 'onboard' || mode === 'usb-radio';
}

/** Every problem with the Wi-Fi settings, each naming the flag to change. */
export function checkWifi(req: WifiRequest, samplePerCardPassphrase: string): string[] {
  const problems: string[] = [];
  if (req.perCardWifi && !ownAccessPoint(req.mode)) {
    problems.push(`--per-card-wifi: needs the appliance's own access point (--mode onboard or usb-radio), not ${req.mode}`);
  }
  if (req.perCardWifi && req.wifiPassphrase !== undefined) {
    problems.push('--wifi-passphrase: with --per-card-wifi every card gets its own passphrase; leave --wifi-passphrase out');
  }
  if (!ownAccessPoint(req.mode)) {
    // The network belongs to the venue or the organisation's access points: we can still check that what
    // is printed on the cards is a valid SSID and WPA passphrase.
    const ap: AccessPointConfig = { interface: 'wlan0', ssid: req.ssid, country: req.country, band: req.band, channel: 1, security: 'wpa2' };
    const issues = validate({ ...ap, passphrase: req.wifiPassphrase ?? 'placeholder' }).filter((i) => ['ssid', 'country'].includes(i.field));
    if (req.wifiPassphrase !== undefined) {
      const p = checkPassphrase(req.wifiPassphrase);
      if (p) issues.push(p);
    }
    return [...problems, ...issues.map(describe)];
  }
  const channel = req.channel === 'auto' ? (allowedChannels(req.band, req.country)[0] ?? 1) : req.channel;
  const config: AccessPointConfig = {
    interface: 'wlan0',
    ssid: req.ssid,
    country: req.country,
    band: req.band,
    channel,
    security: req.security,
    ...(req.perCardWifi ? { wpaPskFile: '/run/conclave/net/hostapd.wpa_psk' } : { passphrase: req.wifiPassphrase ?? 'placeholder-passphrase' }),
    maxStations: clientLimit(req.mode),
  };
  const issues = validate(config).filter((i) => !(req.perCardWifi && i.field === 'passphrase'));
  if (req.perCardWifi) {
    const p = checkPassphrase(samplePerCardPassphrase);
    if (p) issues.push(p);
  }
  return [...problems, ...issues.map(describe)];
}

/** A warning when there are more cards than the mode's radio serves at once (presence is concurrent, so not an error). */
export function capacityWarning(mode: Mode, cards: number): string | null {
  const limit = clientLimit(mode);
  if (limit === 0 || cards <= limit) return null;
  const advice =
    mode === 'external-ap'
      ? 'add access points'
      : mode === 'usb-radio'
        ? 'consider --mode external-ap (the organisation\'s access points, hundreds)'
        : 'consider --mode usb-radio (about 30) or external-ap (hundreds)';
  return `${cards} cards, but the ${mode} network serves about ${limit} phones at once; ${advice}`;
}

export function perCardPassphrase(): string {
  return readableSecret(4);
}

export interface CardKey {
  label: string;
  passphrase: string;
  psk: string;
}

/** One passphrase per card and the PSK hostapd derives from it (PBKDF2 runs on libuv's thread pool). */
export async function perCardKeys(labels: string[], ssid: string): Promise<CardKey[]> {
  const out: CardKey[] = [];
  const batch = 64;
  for (let i = 0; i < labels.length; i += batch) {
    const slice = labels.slice(i, i + batch);
    out.push(
      ...(await Promise.all(
        slice.map(async (label) => {
          const passphrase = perCardPassphrase();
          return { label, passphrase, psk: await wpaPsk(passphrase, ssid) };
        }),
      )),
    );
  }
  return out;
}
