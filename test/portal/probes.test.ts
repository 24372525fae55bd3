import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyProbe, normaliseHost } from '../../firmware/portal/index.js';

// The probe matrix: what each OS family actually requests when it joins a network.
const MATRIX: Array<[string, string, string]> = [
  ['apple', 'captive.apple.com', '/hotspot-detect.html'],
  ['apple', 'www.apple.com', '/library/test/success.html'],
  ['apple', 'CAPTIVE.APPLE.COM:80', '/hotspot-detect.html'],
  ['android', 'connectivitycheck.gstatic.com', '/generate_204'],
  ['android', 'connectivitycheck.android.com', '/generate_204'],
  ['android', 'www.google.com', '/gen_204'],
  ['android', 'clients3.google.com', '/generate_204'],
  ['android', 'play.googleapis.com', '/generate_204'],
  ['android', 'www.google.cn', '/generate_204'],
  ['android', 'connectivity.samsung.com.cn', '/generate_204'],
  ['android', 'connectivitycheck.platform.hicloud.com', '/generate_204'],
  ['android', 'connectivitycheck.cbg-app.huawei.com', '/generate_204'],
  ['android', 'connect.rom.miui.com', '/generate_204'],
  ['android', 'connectivitycheck.miui.com', '/generate_204'],
  ['windows', 'www.msftconnecttest.com', '/connecttest.txt'],
  ['windows', 'www.msftconnecttest.com', '/redirect'],
  ['windows', 'ipv6.msftconnecttest.com', '/connecttest.txt'],
  ['windows', 'www.msftncsi.com', '/ncsi.txt'],
  ['windows', 'dns.msftncsi.com', '/'],
  ['firefox', 'detectportal.firefox.com', '/canonical.html'],
  ['firefox', 'detectportal.firefox.com', '/success.txt?ipv4'],
  ['chromeos', 'clients4.google.com', '/generate_204'],
  ['networkmanager', 'nmcheck.gnome.org', '/check_network_status.txt'],
  ['networkmanager', 'connectivity-check.ubuntu.com', '/'],
  ['networkmanager', 'network-test.debian.org', '/nm'],
  ['networkmanager', 'fedoraproject.org', '/static/hotspot.txt'],
  ['networkmanager', 'ping.archlinux.org', '/nm-check.txt'],
  ['kindle', 'spectrum.s3.amazonaws.com', '/kindle-wifi/wifistub.html'],
];

test('every known probe is classified by OS family', () => {
  for (const [family, host, path] of MATRIX) assert.equal(classifyProbe(host, path), family, `${host}${path}`);
});

test('ordinary foreign pages and our own host are not probes', () => {
  assert.equal(classifyProbe('www.google.com', '/search'), null);
  assert.equal(classifyProbe('example.org', '/generate_204'), null);
  assert.equal(classifyProbe('stem.conclave.internal', '/'), null);
  assert.equal(classifyProbe('', '/'), null);
});

test('host normalisation: case, port, trailing dot, IPv6 brackets', () => {
  assert.equal(normaliseHost('Stem.Conclave.Internal:8080'), 'stem.conclave.internal');
  assert.equal(normaliseHost('captive.apple.com.'), 'captive.apple.com');
  assert.equal(normaliseHost('[::1]:80'), '::1');
  assert.equal(normaliseHost('10.42.0.1:80'), '10.42.0.1');
});
