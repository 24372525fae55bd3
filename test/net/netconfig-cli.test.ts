// The conclave-netconfig entry point as systemd and the technician run it: a real bundle file in, files in
// --out, exit codes and messages out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { netStateSchema } from '../../firmware/net/net-state.js';
import { makeBundle } from './bundle-fixture.js';
import { dnsmasqTests, hostapdParses, nftChecks, withTempDirAsync } from './real-tools.js';

const CLI = 'firmware/net/netconfig-cli.ts';

function netconfig(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--out renders every file for per-card Wi-Fi with a recorded survey, and the real tools accept them', async () => {
  await withTempDirAsync(async (dir) => {
    const { bundle } = await makeBundle({ ssid: 'ALV 🗳️', cardPsks: [{ label: 'A-001', psk: 'c'.repeat(64) }] });
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    writeFileSync(join(dir, 'scan.json'), JSON.stringify([{ channel: 6, signalDbm: -40 }, { channel: 1, signalDbm: -45 }]));
    const out = join(dir, 'out');
    const r = netconfig(['--bundle', join(dir, 'bundle.json'), '--out', out, '--radio', 'wlan0', '--scan-file', join(dir, 'scan.json')]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(out).sort(), ['dnsmasq.conf', 'hostapd.conf', 'hostapd.psk', 'network.json', 'nftables.conf', 'sysctl.conf']);
    assert.equal(statSync(join(out, 'hostapd.psk')).mode & 0o777, 0o600);
    assert.equal(statSync(join(out, 'hostapd.conf')).mode & 0o777, 0o600);
    const state = netStateSchema.parse(JSON.parse(readFileSync(join(out, 'network.json'), 'utf8')));
    assert.equal(state.channel, 11);
    assert.equal(state.channelSource, 'scan');
    assert.equal(state.radio, 'wlan0');
    const hostapd = readFileSync(join(out, 'hostapd.conf'), 'utf8');
    assert.match(hostapd, /^channel=11$/m);
    assert.ok(hostapd.includes(`wpa_psk_file=${join(out, 'hostapd.psk')}\n`));
    assert.ok(hostapdParses(join(out, 'hostapd.conf')).ok);
    assert.ok(dnsmasqTests(join(out, 'dnsmasq.conf')).ok);
    assert.ok(nftChecks(join(out, 'nftables.conf')).ok);

    // Switching the same folder to venue mode removes the stale hostapd and dnsmasq configs.
    const venue = await makeBundle({ mode: 'venue' });
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(venue.bundle));
    const again = netconfig(['--bundle', join(dir, 'bundle.json'), '--out', out, '--uplink', 'eth0']);
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(readdirSync(out).sort(), ['network.json', 'nftables.conf', 'sysctl.conf', 'udhcpc.script']);
  });
});

test('invalid settings exit 2 naming field and rule, and write nothing', async () => {
  await withTempDirAsync(async (dir) => {
    const { bundle } = await makeBundle({ wifiPassphrase: 'stemmen2026' });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...bundle.network, ssid: 'x'.repeat(33) }, /network\.ssid: must be 1 to 32 bytes of UTF-8 \(it has 33\) \[rule bytes-1-32\]/],
      [{ ...bundle.network, channel: 14 }, /network\.channel: 14 is not allowed on 2\.4 GHz in NL.*\[rule channel-for-band-and-country\]/],
      [{ ...bundle.network, country: 'nl' }, /network\.country: two uppercase letters/],
      [{ ...bundle.network, wifiPassphrase: 'short' }, /network\.wifiPassphrase/],
    ];
    for (const [network, expected] of cases) {
      writeFileSync(join(dir, 'bundle.json'), JSON.stringify({ ...bundle, network }));
      const out = join(dir, 'out');
      const r = netconfig(['--bundle', join(dir, 'bundle.json'), '--out', out]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, expected);
      assert.equal(existsSync(out), false);
    }
    const usage = netconfig(['--out', join(dir, 'out')]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--bundle is required/);
    const unknown = netconfig(['--bundle', join(dir, 'bundle.json'), '--frobnicate']);
    assert.equal(unknown.status, 2);
  });
});
