// What the desk accepts, the venue runs: every network setup provision accepts renders through the
// appliance's own netconfig, and the hostapd.conf it renders is accepted by the real hostapd. With
// per-card Wi-Fi, hostapd's PSK file holds exactly the PSKs of the printed passphrases.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSchema } from '../../firmware/config/bundle.js';
import { RecordedScanner } from '../../firmware/net/channel.js';
import { buildNetconfig } from '../../firmware/net/netconfig.js';
import type { ProvisionOptions } from '../../provision/event.js';
import { provisionEvent } from '../../provision/event.js';
import { wpaPsk } from '../../provision/secrets.js';
import { hostapdParses } from '../net/real-tools.js';
import { readCodesCsv } from './render-cards.js';

let dir: string;
let voters: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-netrt-'));
  voters = join(dir, 'voters.csv');
  await writeFile(voters, 'label,weight\nA-1,1\nA-2,2\nA-3,3\n');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const setups: Array<{ name: string; options: Partial<ProvisionOptions>; accessPoint: boolean }> = [
  { name: 'onboard, shared generated passphrase', options: {}, accessPoint: true },
  { name: 'onboard, awkward SSID and passphrase', options: { ssid: ' Zaal #1; "A" ë', wifiPassphrase: ' sp#ace;"quote" ' }, accessPoint: true },
  { name: 'onboard, per-card Wi-Fi', options: { perCardWifi: true, ssid: 'Stemmen' }, accessPoint: true },
  { name: 'usb-radio, 5 GHz channel 36, WPA3', options: { mode: 'usb-radio', band: '5', channel: 36, security: 'wpa3', country: 'DE' }, accessPoint: true },
  { name: 'onboard, WPA2/WPA3 transition, channel 11 in the US', options: { security: 'transition', country: 'us', channel: 11 }, accessPoint: true },
  { name: 'external-ap', options: { mode: 'external-ap', ssid: 'Org-Vote', wifiPassphrase: 'organisation-key' }, accessPoint: false },
  { name: 'venue, joining the venue Wi-Fi', options: { mode: 'venue', host: '192.168.1.50', joinWifi: true, ssid: 'Hotel Guest', wifiPassphrase: 'welcome123' }, accessPoint: false },
];

for (const [i, setup] of setups.entries()) {
  test(`provisioned network renders and hostapd accepts it: ${setup.name}`, async () => {
    const out = join(dir, `event-${i}`);
    const r = await provisionEvent({ voters, name: 'Net', out, ...setup.options });
    assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
    const bundle = bundleSchema.parse(JSON.parse(await readFile(join(out, 'bundle.json'), 'utf8')));
    const netDir = join(dir, `net-${i}`);
    await mkdir(netDir);
    const rendered = await buildNetconfig({ settings: bundle.network, interfaces: [], allowGuess: true, scanner: new RecordedScanner([]), outDir: netDir });
    assert.equal(rendered.ok, true, rendered.ok ? '' : JSON.stringify(rendered));
    if (!rendered.ok) return;
    for (const f of rendered.value.files) await writeFile(join(netDir, f.name), f.content, { mode: f.mode });
    const names = rendered.value.files.map((f) => f.name);
    assert.equal(names.includes('hostapd.conf'), setup.accessPoint);
    if (setup.accessPoint) {
      const verdict = hostapdParses(join(netDir, 'hostapd.conf'));
      assert.ok(verdict.ok, verdict.output.slice(-1500));
    }
    if (setup.options.perCardWifi) {
      const psk = rendered.value.files.find((f) => f.name === 'hostapd.psk')?.content ?? '';
      const rows = readCodesCsv(await readFile(join(out, 'codes.csv'), 'utf8'));
      for (const row of rows) assert.ok(psk.includes(await wpaPsk(row.wifi_passphrase ?? '', 'Stemmen')), `PSK of ${row.label ?? ''} in hostapd.psk`);
      assert.equal(psk.trim().split('\n').filter((l) => /[0-9a-f]{64}/.test(l)).length, rows.length);
    }
  });
}
