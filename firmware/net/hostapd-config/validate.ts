// Every value of an AccessPointConfig is checked here, and every refusal names the field and the rule, so a
// technician can fix the provisioning settings without reading hostapd's source.
import type { AccessPointConfig, ConfigIssue, Pmf } from './types.js';
import { COUNTRY_CODES } from './countries.js';
import { allowedChannels, DFS_CHANNELS, planWidth } from './channels.js';

const HEX64 = /^[0-9a-fA-F]{64}$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const IFNAME = /^[A-Za-z0-9_.:-]{1,15}$/;
const SAFE_PATH = /^\/[A-Za-z0-9_./-]*$/;

export function ssidByteLength(ssid: string): number {
  return Buffer.byteLength(ssid, 'utf8');
}

/** Lone UTF-16 surrogates have no UTF-8 form: Buffer would silently turn them into U+FFFD. */
function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

export function defaultPmf(security: AccessPointConfig['security']): Pmf {
  return security === 'wpa3' ? 'required' : security === 'transition' ? 'optional' : 'disabled';
}

/** Checks a passphrase on its own (also used at provisioning, before any config exists). */
export function checkPassphrase(passphrase: string, field = 'passphrase'): ConfigIssue | null {
  if (passphrase.length === 64) {
    if (HEX64.test(passphrase)) return null;
    return { field, rule: 'psk-hex', message: `${field}: 64 characters is read as a raw PSK and must then be 64 hex digits` };
  }
  if (!PRINTABLE_ASCII.test(passphrase))
    return { field, rule: 'printable-ascii', message: `${field}: only printable ASCII characters (space to ~) are allowed` };
  if (passphrase.length < 8 || passphrase.length > 63)
    return { field, rule: 'length-8-63', message: `${field}: must be 8 to 63 characters (it has ${passphrase.length})` };
  return null;
}

export function checkSsid(ssid: string, field = 'ssid'): ConfigIssue | null {
  if (!isWellFormed(ssid)) return { field, rule: 'utf-8', message: `${field}: is not valid Unicode text` };
  const bytes = ssidByteLength(ssid);
  if (bytes < 1 || bytes > 32)
    return { field, rule: 'bytes-1-32', message: `${field}: must be 1 to 32 bytes of UTF-8 (it has ${bytes})` };
  return null;
}

export function checkCountry(country: string, field = 'country'): ConfigIssue | null {
  if (!/^[A-Z]{2}$/.test(country))
    return { field, rule: 'uppercase-alpha2', message: `${field}: must be two uppercase letters (ISO 3166-1), e.g. NL` };
  if (!COUNTRY_CODES.has(country))
    return { field, rule: 'iso-3166', message: `${field}: ${country} is not an ISO 3166-1 country code` };
  return null;
}

export function validate(config: AccessPointConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (i: ConfigIssue | null): void => {
    if (i) issues.push(i);
  };

  if (!IFNAME.test(config.interface))
    add({ field: 'interface', rule: 'interface-name', message: 'interface: must be 1-15 letters, digits or _ . : -' });
  add(checkSsid(config.ssid));
  const countryIssue = checkCountry(config.country);
  add(countryIssue);

  if (config.band !== '2.4' && config.band !== '5')
    add({ field: 'band', rule: 'band', message: 'band: must be "2.4" or "5"' });
  else if (!Number.isInteger(config.channel))
    add({ field: 'channel', rule: 'integer', message: 'channel: must be a whole number' });
  else if (!countryIssue) {
    const allowed = allowedChannels(config.band, config.country);
    if (!allowed.includes(config.channel)) {
      const why = DFS_CHANNELS.has(config.channel)
        ? 'needs radar detection (DFS), which the appliance radios cannot do as an access point'
        : `is not allowed on ${config.band} GHz in ${config.country}`;
      add({
        field: 'channel',
        rule: 'channel-for-band-and-country',
        message: `channel: ${config.channel} ${why}; choose one of ${allowed.join(', ')}`,
      });
    } else {
      const width = config.channelWidth ?? 20;
      if (![20, 40, 80].includes(width))
        add({ field: 'channelWidth', rule: 'width', message: 'channelWidth: must be 20, 40 or 80 (MHz)' });
      else if (width === 80 && !config.ieee80211ac)
        add({ field: 'channelWidth', rule: 'vht-for-80', message: 'channelWidth: 80 MHz needs ieee80211ac' });
      else if (width > 20 && config.ieee80211n === false)
        add({ field: 'channelWidth', rule: 'ht-for-40', message: 'channelWidth: more than 20 MHz needs ieee80211n' });
      else if (planWidth(config.band, config.channel, width, allowed) === null)
        add({
          field: 'channelWidth',
          rule: 'width-fits-channel',
          message: `channelWidth: ${width} MHz does not fit around channel ${config.channel} on ${config.band} GHz in ${config.country}`,
        });
    }
  }
  if (config.ieee80211ac && config.band !== '5')
    add({ field: 'ieee80211ac', rule: 'vht-5ghz-only', message: 'ieee80211ac: 802.11ac exists on 5 GHz only' });
  if (config.ieee80211ac && config.ieee80211n === false)
    add({ field: 'ieee80211ac', rule: 'vht-needs-ht', message: 'ieee80211ac: needs ieee80211n' });

  if (!['wpa2', 'wpa3', 'transition'].includes(config.security))
    add({ field: 'security', rule: 'security', message: 'security: must be wpa2, wpa3 or transition' });
  const pmf = config.pmf ?? defaultPmf(config.security);
  if (config.security === 'wpa3' && pmf !== 'required')
    add({ field: 'pmf', rule: 'sae-requires-pmf', message: 'pmf: WPA3-SAE requires protected management frames (pmf "required")' });
  if (config.security === 'transition' && pmf !== 'optional')
    add({
      field: 'pmf',
      rule: 'transition-pmf-optional',
      message: 'pmf: WPA2/WPA3 transition needs pmf "optional" (required would lock out WPA2 phones, disabled would break SAE)',
    });
  if (!['disabled', 'optional', 'required'].includes(pmf))
    add({ field: 'pmf', rule: 'pmf', message: 'pmf: must be disabled, optional or required' });

  if (config.passphrase === undefined && config.wpaPskFile === undefined)
    add({ field: 'passphrase', rule: 'required', message: 'passphrase: required (or a wpaPskFile with per-card keys)' });
  if (config.passphrase !== undefined) {
    add(checkPassphrase(config.passphrase));
    if (config.security !== 'wpa2' && HEX64.test(config.passphrase))
      add({ field: 'passphrase', rule: 'sae-needs-passphrase', message: 'passphrase: WPA3-SAE needs a passphrase, not a raw 64-hex PSK' });
  }
  if (config.wpaPskFile !== undefined) {
    if (!SAFE_PATH.test(config.wpaPskFile))
      add({ field: 'wpaPskFile', rule: 'absolute-path', message: 'wpaPskFile: must be an absolute path of letters, digits and _ . / -' });
    // hostapd 2.10 reads per-station keys for PSK only; SAE would silently fall back to the shared passphrase.
    if (config.security !== 'wpa2')
      add({ field: 'wpaPskFile', rule: 'psk-file-wpa2-only', message: 'wpaPskFile: per-card keys work with security wpa2 only' });
  }
  if (config.ctrlInterface !== undefined && !SAFE_PATH.test(config.ctrlInterface))
    add({ field: 'ctrlInterface', rule: 'absolute-path', message: 'ctrlInterface: must be an absolute path of letters, digits and _ . / -' });
  if (config.maxStations !== undefined && !(Number.isInteger(config.maxStations) && config.maxStations >= 1 && config.maxStations <= 2007))
    add({ field: 'maxStations', rule: 'range-1-2007', message: 'maxStations: must be a whole number from 1 to 2007' });
  if (config.driver !== undefined && config.driver !== 'nl80211')
    add({ field: 'driver', rule: 'nl80211', message: 'driver: only nl80211 is supported' });
  return issues;
}
