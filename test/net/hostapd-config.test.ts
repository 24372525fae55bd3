import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  renderHostapdConf,
  renderWpaPskFile,
  allowedChannels,
  type AccessPointConfig,
} from '../../firmware/net/hostapd-config/index.js';
import { hostapdParses, withTempDir, writeTemp } from './real-tools.js';

const base: AccessPointConfig = {
  interface: 'cnvtest0',
  ssid: 'Conclave',
  country: 'NL',
  band: '2.4',
  channel: 6,
  security: 'wpa2',
  passphrase: 'correct horse',
  ctrlInterface: '/tmp/conclave-hostapd-test',
};

/** hostapd's own reading of ssid= / ssid2=<hex>, to prove the bytes come back exactly. */
function ssidAsHostapdReadsIt(text: string): Buffer {
  const line = text.split('\n').find((l) => l.startsWith('ssid=') || l.startsWith('ssid2='));
  assert.ok(line);
  return line.startsWith('ssid2=') ? Buffer.from(line.slice(6), 'hex') : Buffer.from(line.slice(5), 'utf8');
}

const valid: Array<[string, Partial<AccessPointConfig>]> = [
  ['Pi defaults (WPA2, no PMF, 20 MHz)', {}],
  ['SSID with emoji', { ssid: 'Stem 🗳️ hier' }],
  ['SSID with quotes', { ssid: 'Vote "now" \'here\'' }],
  ['SSID with #', { ssid: '#general' }],
  ['SSID with leading and trailing spaces', { ssid: '  spaced  ' }],
  ['SSID exactly 32 bytes of multibyte text', { ssid: 'ééééééééééééééééé'.slice(0, 16) }],
  ['SSID with a backslash and newline', { ssid: 'a\\b\nc' }],
  ['passphrase with #, spaces, quotes', { passphrase: '# "quoted" \'x\' ' }],
  ['passphrase that looks like SAE parameters', { passphrase: 'pw|mac=00:11:22:33:44:55|id=x' }],
  ['64-hex PSK', { passphrase: 'a'.repeat(64) }],
  ['WPA3-SAE', { security: 'wpa3' }],
  ['WPA2/WPA3 transition', { security: 'transition' }],
  ['WPA2 with optional PMF', { pmf: 'optional' }],
  ['per-card PSK file', { passphrase: undefined, wpaPskFile: '/run/conclave/net/hostapd.psk' }],
  ['per-card PSK file plus shared passphrase', { wpaPskFile: '/run/conclave/net/hostapd.psk' }],
  ['client isolation off, max stations', { clientIsolation: false, maxStations: 19 }],
  ['2.4 GHz channel 13 in NL, 40 MHz', { channel: 13, channelWidth: 40 }],
  ['2.4 GHz channel 1, 40 MHz', { channel: 1, channelWidth: 40 }],
  ['802.11n off', { ieee80211n: false }],
  ['5 GHz channel 36', { band: '5', channel: 36 }],
  ['5 GHz 80 MHz 802.11ac', { band: '5', channel: 44, ieee80211ac: true, channelWidth: 80 }],
  ['5 GHz 40 MHz channel 48', { band: '5', channel: 48, channelWidth: 40, ieee80211ac: true }],
  ['5 GHz channel 149 in the US', { band: '5', channel: 149, country: 'US' }],
];

test('the 32-byte multibyte case is really 32 bytes', () => {
  assert.equal(Buffer.byteLength('ééééééééééééééééé'.slice(0, 16)), 32);
});

test('valid configurations render and are parsed by the real hostapd up to driver initialisation', () => {
  withTempDir((dir) => {
    valid.forEach(([name, patch], i) => {
      const config = { ...base, ...patch } as AccessPointConfig;
      const r = renderHostapdConf(config);
      assert.ok(r.ok, `${name}: ${r.ok ? '' : JSON.stringify(r.issues)}`);
      const verdict = hostapdParses(writeTemp(dir, `h${i}.conf`, r.text));
      assert.ok(verdict.ok, `${name}: hostapd refused:\n${verdict.output}`);
      assert.deepEqual(ssidAsHostapdReadsIt(r.text), Buffer.from(config.ssid, 'utf8'), `${name}: SSID bytes`);
    });
  });
});

test('hostile SSIDs are written as ssid2 hex, plain ones as ssid=', () => {
  const plain = renderHostapdConf(base);
  assert.ok(plain.ok);
  assert.match(plain.text, /^ssid=Conclave$/m);
  for (const ssid of ['#x', ' lead', 'trail ', 'a"b', "a'b", 'a\\b', 'line\nbreak', 'Stem 🗳️']) {
    const r = renderHostapdConf({ ...base, ssid });
    assert.ok(r.ok);
    assert.doesNotMatch(r.text, /^ssid=/m, ssid);
    assert.match(r.text, /^ssid2=[0-9a-f]+$/m);
  }
  const emoji = renderHostapdConf({ ...base, ssid: 'Stem 🗳️' });
  assert.ok(emoji.ok && emoji.text.includes('utf8_ssid=1\n'));
});

test('security modes set key management and the matching PMF', () => {
  const cases: Array<[Partial<AccessPointConfig>, string, string]> = [
    [{ security: 'wpa2' }, 'WPA-PSK', '0'],
    [{ security: 'wpa3' }, 'SAE', '2'],
    [{ security: 'transition' }, 'WPA-PSK SAE', '1'],
  ];
  for (const [patch, mgmt, pmf] of cases) {
    const r = renderHostapdConf({ ...base, ...patch });
    assert.ok(r.ok);
    assert.match(r.text, new RegExp(`^wpa_key_mgmt=${mgmt}$`, 'm'));
    assert.match(r.text, new RegExp(`^ieee80211w=${pmf}$`, 'm'));
  }
  const pi = renderHostapdConf(base);
  assert.ok(pi.ok);
  for (const line of ['channel=6', 'hw_mode=g', 'ieee80211n=1', 'wmm_enabled=1', 'ap_isolate=1', 'ht_capab=[SHORT-GI-20]'])
    assert.ok(pi.text.includes(`\n${line}\n`), line);
  assert.doesNotMatch(pi.text, /HT40/);
});

const invalid: Array<[string, Partial<AccessPointConfig>, string, string]> = [
  ['33-byte SSID', { ssid: 'a'.repeat(31) + 'é' }, 'ssid', 'bytes-1-32'],
  ['empty SSID', { ssid: '' }, 'ssid', 'bytes-1-32'],
  ['lone surrogate in SSID', { ssid: 'a\uD800b' }, 'ssid', 'utf-8'],
  ['7-character passphrase', { passphrase: '1234567' }, 'passphrase', 'length-8-63'],
  ['non-ASCII passphrase', { passphrase: 'wachtwoord€' }, 'passphrase', 'printable-ascii'],
  ['64 characters, not hex', { passphrase: 'z'.repeat(64) }, 'passphrase', 'psk-hex'],
  ['lowercase country', { country: 'nl' }, 'country', 'uppercase-alpha2'],
  ['unknown country', { country: 'XX' }, 'country', 'iso-3166'],
  ['channel 14 in NL', { channel: 14 }, 'channel', 'channel-for-band-and-country'],
  ['channel 12 in the US', { channel: 12, country: 'US' }, 'channel', 'channel-for-band-and-country'],
  ['5 GHz channel on 2.4', { channel: 36 }, 'channel', 'channel-for-band-and-country'],
  ['DFS channel 100', { band: '5', channel: 100 }, 'channel', 'channel-for-band-and-country'],
  ['channel 149 in NL', { band: '5', channel: 149 }, 'channel', 'channel-for-band-and-country'],
  ['SAE without PMF', { security: 'wpa3', pmf: 'disabled' }, 'pmf', 'sae-requires-pmf'],
  ['SAE with optional PMF', { security: 'wpa3', pmf: 'optional' }, 'pmf', 'sae-requires-pmf'],
  ['transition with PMF required', { security: 'transition', pmf: 'required' }, 'pmf', 'transition-pmf-optional'],
  ['SAE with a raw PSK', { security: 'wpa3', passphrase: 'a'.repeat(64) }, 'passphrase', 'sae-needs-passphrase'],
  ['per-card PSKs with SAE', { security: 'wpa3', wpaPskFile: '/run/x.psk' }, 'wpaPskFile', 'psk-file-wpa2-only'],
  ['no key at all', { passphrase: undefined }, 'passphrase', 'required'],
  ['802.11ac on 2.4 GHz', { ieee80211ac: true }, 'ieee80211ac', 'vht-5ghz-only'],
  ['80 MHz without 802.11ac', { band: '5', channel: 36, channelWidth: 80 }, 'channelWidth', 'vht-for-80'],
  ['40 MHz on channel 165', { band: '5', channel: 165, country: 'US', channelWidth: 40 }, 'channelWidth', 'width-fits-channel'],
  ['max stations 0', { maxStations: 0 }, 'maxStations', 'range-1-2007'],
  ['interface with a newline', { interface: 'wlan0\nssid=x' }, 'interface', 'interface-name'],
  ['ctrl path with a newline', { ctrlInterface: '/run/x\nwpa=0' }, 'ctrlInterface', 'absolute-path'],
];

test('invalid configurations are refused naming the field and the rule', () => {
  for (const [name, patch, field, rule] of invalid) {
    const r = renderHostapdConf({ ...base, ...patch } as AccessPointConfig);
    assert.equal(r.ok, false, name);
    if (r.ok) continue;
    const hit = r.issues.find((i) => i.field === field && i.rule === rule);
    assert.ok(hit, `${name}: expected ${field}/${rule}, got ${JSON.stringify(r.issues)}`);
    assert.ok(hit.message.startsWith(`${field}:`), hit.message);
  }
});

test('channel tables: 1-13 in Europe, 1-11 in the US, no DFS channels, U-NII-3 only where allowed', () => {
  assert.deepEqual(allowedChannels('2.4', 'NL'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  assert.deepEqual(allowedChannels('2.4', 'US').at(-1), 11);
  assert.deepEqual(allowedChannels('5', 'NL'), [36, 40, 44, 48]);
  assert.ok(allowedChannels('5', 'US').includes(165));
});

test('per-card PSK file: one any-MAC line per card, no labels that would reach hostapd logs', () => {
  const r = renderWpaPskFile(['A'.repeat(64), 'b'.repeat(64)]);
  assert.ok(r.ok);
  assert.equal(r.text, `00:00:00:00:00:00 ${'a'.repeat(64)}\n00:00:00:00:00:00 ${'b'.repeat(64)}\n`);
  assert.equal(renderWpaPskFile(['short']).ok, false);
  assert.equal(renderWpaPskFile([]).ok, false);
});
