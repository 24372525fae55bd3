// The table the issue asks for: generated configs for hostile inputs and every mode, each accepted by the real
// hostapd 2.10 (up to driver initialisation), dnsmasq --test and nft -c; invalid inputs refused before any file
// is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { networkSchema } from '../../firmware/config/network-schema.js';
import { FailingScanner } from '../../firmware/net/channel.js';
import { buildNetconfig } from '../../firmware/net/netconfig.js';
import { dnsmasqTests, hostapdParses, nftChecks, withTempDirAsync, wpaSupplicantParses, writeTemp } from './real-tools.js';

const TLS = { trusted: true, certPem: 'cert', keyPem: 'key', fingerprint: Array(32).fill('AB').join(':') };
const PSKS = [{ label: 'A-001', psk: 'a'.repeat(64) }, { label: 'A-002', psk: 'b'.repeat(64) }];

const rows: Array<[string, Record<string, unknown>]> = [
  ['onboard defaults', { wifiPassphrase: 'stemmen2026' }],
  ['SSID with emoji', { ssid: 'Stemming 🗳️✅', wifiPassphrase: 'stemmen2026' }],
  ['SSID with quotes', { ssid: 'ALV "2026" \'s avonds', wifiPassphrase: 'stemmen2026' }],
  ['SSID with #', { ssid: '#vote #here', wifiPassphrase: 'stemmen2026' }],
  ['SSID with leading spaces', { ssid: '   Conclave', wifiPassphrase: 'stemmen2026' }],
  ['SSID of exactly 32 bytes multibyte', { ssid: 'ë'.repeat(16), wifiPassphrase: 'stemmen2026' }],
  ['passphrase with #, spaces, quotes', { wifiPassphrase: ' #no "comment" \'here\' ' }],
  ['WPA3-SAE', { security: 'wpa3', wifiPassphrase: 'stemmen2026' }],
  ['WPA2/WPA3 transition', { security: 'transition', wifiPassphrase: 'stemmen2026' }],
  ['per-card keys', { cardPsks: PSKS }],
  ['TLS trusted (option 114)', { wifiPassphrase: 'stemmen2026', tls: TLS }],
  ['5 GHz channel 36', { band: '5', channel: 36, wifiPassphrase: 'stemmen2026' }],
  ['2.4 GHz channel 13', { channel: 13, wifiPassphrase: 'stemmen2026' }],
  ['usb-radio', { mode: 'usb-radio', wifiPassphrase: 'stemmen2026' }],
  ['external-ap /22', { mode: 'external-ap', address: '10.50.0.1', prefix: 22 }],
  ['external-ap /24 (pool short)', { mode: 'external-ap' }],
  ['venue Ethernet', { mode: 'venue' }],
  ['venue Wi-Fi', { mode: 'venue', venueWifi: { ssid: 'Hotel Guest', passphrase: 'welcome!' } }],
  ['venue Wi-Fi, hostile SSID and passphrase', { mode: 'venue', venueWifi: { ssid: ' "Café" #1 🗳️', passphrase: 'we said "#hi" \\o/' } }],
];

test('generated configs pass hostapd, dnsmasq --test and nft -c', async () => {
  const table: string[] = ['| case | mode | hostapd | dnsmasq | nft | wpa_supplicant |', '| --- | --- | --- | --- | --- | --- |'];
  await withTempDirAsync(async (dir) => {
    for (const [i, [name, patch]] of rows.entries()) {
      const settings = networkSchema.parse(patch);
      const out = join(dir, String(i));
      const r = await buildNetconfig({ settings, interfaces: [], allowGuess: true, scanner: new FailingScanner(), outDir: out, ctrlDir: join(dir, 'ctrl') });
      assert.ok(r.ok, `${name}: ${JSON.stringify(r)}`);
      const files = new Map(r.value.files.map((f) => [f.name, f.content]));
      const cell: string[] = [];
      for (const [file, check] of [['hostapd.conf', hostapdParses], ['dnsmasq.conf', dnsmasqTests], ['nftables.conf', nftChecks]] as const) {
        const content = files.get(file);
        if (content === undefined) {
          cell.push('—');
          continue;
        }
        const v = check(writeTemp(dir, `${i}-${file}`, content));
        assert.ok(v.ok, `${name}: ${file} refused:\n${v.output}\n${content}`);
        cell.push('OK');
      }
      const wpa = files.get('wpa_supplicant.conf');
      if (wpa === undefined) cell.push('—');
      else {
        const v = wpaSupplicantParses(writeTemp(dir, `${i}-wpa_supplicant.conf`, wpa));
        assert.ok(v.ok, `${name}: wpa_supplicant refused:\n${v.output}\n${wpa}`);
        cell.push('OK');
      }
      const ap = settings.mode === 'onboard' || settings.mode === 'usb-radio';
      assert.equal(files.has('hostapd.conf'), ap, `${name}: hostapd.conf only with our own radio`);
      assert.equal(files.has('dnsmasq.conf'), settings.mode !== 'venue', `${name}: dnsmasq.conf unless venue`);
      assert.equal(files.has('hostapd.psk'), settings.cardPsks !== undefined, `${name}: PSK file with per-card keys`);
      assert.equal(/dhcp-option=114,/.test(files.get('dnsmasq.conf') ?? ''), settings.tls?.trusted === true, `${name}: option 114`);
      table.push(`| ${name} | ${settings.mode} | ${cell.join(' | ')} |`);
    }
  });
  process.stdout.write(`\n${table.join('\n')}\n\n`);
});

const refused: Array<[string, Record<string, unknown>, string, string]> = [
  ['33-byte SSID', { ssid: 'x'.repeat(31) + 'ë', wifiPassphrase: 'stemmen2026' }, 'network.ssid', 'bytes-1-32'],
  ['7-char passphrase (schema)', { wifiPassphrase: '1234567' }, 'network.wifiPassphrase', 'schema'],
  ['non-ASCII passphrase', { wifiPassphrase: 'wachtwoord€€' }, 'network.wifiPassphrase', 'printable-ascii'],
  ['lowercase country', { country: 'nl', wifiPassphrase: 'stemmen2026' }, 'network.country', 'schema'],
  ['channel 14 in NL', { channel: 14, wifiPassphrase: 'stemmen2026' }, 'network.channel', 'channel-for-band-and-country'],
  ['SAE with per-card PSKs', { security: 'wpa3', cardPsks: PSKS }, 'network.cardPsks', 'psk-file-wpa2-only'],
  ['no Wi-Fi key at all', {}, 'network.wifiPassphrase', 'required'],
  ['network address as appliance', { address: '10.42.0.0', wifiPassphrase: 'stemmen2026' }, 'network.address', 'host-address'],
  ['octet over 255', { address: '10.42.0.300', wifiPassphrase: 'stemmen2026' }, 'network.address', 'ipv4'],
];

test('invalid settings are refused naming the bundle field and rule, before any file exists', async () => {
  await withTempDirAsync(async (dir) => {
    for (const [name, patch, field, rule] of refused) {
      const parsed = networkSchema.safeParse(patch);
      if (rule === 'schema') {
        assert.equal(parsed.success, false, `${name}: the bundle schema refuses it`);
        assert.ok(!parsed.success && parsed.error.issues.some((i) => `network.${i.path.join('.')}` === field), name);
        continue;
      }
      assert.ok(parsed.success, name);
      const out = join(dir, 'never');
      const r = await buildNetconfig({ settings: parsed.data, interfaces: [], allowGuess: true, scanner: new FailingScanner(), outDir: out });
      assert.equal(r.ok, false, name);
      assert.ok(!r.ok && r.kind === 'invalid', name);
      if (!r.ok && r.kind === 'invalid') {
        const hit = r.issues.find((i) => i.field === field && i.rule === rule);
        assert.ok(hit, `${name}: ${JSON.stringify(r.issues)}`);
        assert.ok(hit.message.startsWith(field), hit.message);
      }
      assert.equal(existsSync(out), false);
    }
    assert.deepEqual(readdirSync(dir), []);
  });
});
