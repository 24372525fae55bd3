import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverInterfaces, selectInterfaces } from '../../firmware/net/interfaces.js';
import { withTempDir } from './real-tools.js';

/** A Pi 4 as sysfs shows it: SDIO radio, USB mt76 adapter, on-board Ethernet, loopback and a veth. */
function fakeSysfs(root: string): string {
  const net = join(root, 'class/net');
  const dev = (name: string, devicePath: string | null, type: string, wireless: boolean): void => {
    const dir = join(net, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'type'), `${type}\n`);
    if (wireless) mkdirSync(join(dir, 'phy80211'));
    if (devicePath) {
      mkdirSync(join(root, devicePath), { recursive: true });
      symlinkSync(join(root, devicePath), join(dir, 'device'));
    }
  };
  dev('lo', null, '772', false);
  dev('eth0', 'devices/platform/scb/fd580000.ethernet', '1', false);
  dev('wlan0', 'devices/platform/soc/fe300000.mmcnr/mmc_host/mmc1/mmc1:0001/mmc1:0001:1', '1', true);
  dev('wlan1', 'devices/platform/scb/fd500000.pcie/pci0000:00/0000:01:00.0/usb1/1-1/1-1.3/1-1.3:1.0', '1', true);
  dev('veth0', null, '1', false);
  return net;
}

test('discovers the built-in radio, the USB radio and Ethernet from sysfs', () => {
  withTempDir((dir) => {
    const found = discoverInterfaces(fakeSysfs(dir));
    assert.deepEqual(found, [
      { name: 'eth0', kind: 'ethernet', bus: 'builtin' },
      { name: 'lo', kind: 'other', bus: 'virtual' },
      { name: 'veth0', kind: 'other', bus: 'virtual' },
      { name: 'wlan0', kind: 'wireless', bus: 'builtin' },
      { name: 'wlan1', kind: 'wireless', bus: 'usb' },
    ]);
    const pick = (mode: Parameters<typeof selectInterfaces>[0], extra: { venueWifi?: boolean; radio?: string } = {}) =>
      selectInterfaces(mode, found, { venueWifi: extra.venueWifi ?? false, allowGuess: false, radio: extra.radio });
    assert.deepEqual(pick('onboard'), { ok: true, value: { serving: 'wlan0', radio: 'wlan0', uplink: null }, guessed: [] });
    assert.deepEqual(pick('usb-radio'), { ok: true, value: { serving: 'wlan1', radio: 'wlan1', uplink: null }, guessed: [] });
    assert.deepEqual(pick('external-ap'), { ok: true, value: { serving: 'eth0', radio: null, uplink: null }, guessed: [] });
    assert.deepEqual(pick('venue'), { ok: true, value: { serving: null, radio: null, uplink: 'eth0' }, guessed: [] });
    assert.deepEqual(pick('venue', { venueWifi: true }), { ok: true, value: { serving: null, radio: null, uplink: 'wlan0' }, guessed: [] });
    assert.deepEqual(pick('onboard', { radio: 'wlan9' }), { ok: false, message: 'interface wlan9 (built-in radio) does not exist' });
  });
});

test('without a USB radio, usb-radio mode fails on the device and guesses when only rendering', () => {
  const found = [{ name: 'wlan0', kind: 'wireless', bus: 'builtin' } as const];
  assert.deepEqual(selectInterfaces('usb-radio', found, { venueWifi: false, allowGuess: false }), { ok: false, message: 'no USB radio found' });
  const guessed = selectInterfaces('usb-radio', found, { venueWifi: false, allowGuess: true });
  assert.ok(guessed.ok);
  assert.deepEqual(guessed.guessed, ['USB radio: wlan1']);
});
