import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { renderUdhcpcScript, renderWpaSupplicantConf } from '../../firmware/net/venue-uplink.js';
import { withTempDir, wpaSupplicantParses, writeTemp } from './real-tools.js';

const cases: Array<{ ssid: string; passphrase: string }> = [
  { ssid: 'Hotel Guest', passphrase: 'welcome!' },
  { ssid: 'Café 🗳️ #2', passphrase: 'plain but spaced' },
  { ssid: ' lead "q" ', passphrase: 'has "quotes" and #hash' },
  { ssid: 'x', passphrase: 'back\\slash ok?' },
];

test('wpa_supplicant reads the venue network back exactly (SSID bytes, key), hostile values included', () => {
  withTempDir((dir) => {
    cases.forEach((c, i) => {
      const conf = renderWpaSupplicantConf(c, 'NL').replace('/run/wpa_supplicant', `${dir}/ctrl${i}`);
      const v = wpaSupplicantParses(writeTemp(dir, `w${i}.conf`, conf));
      assert.ok(v.ok, `${c.ssid}: ${v.output}`);
      assert.deepEqual(v.ssids, [Buffer.from(c.ssid, 'utf8')]);
      const psk = /^\tpsk=([0-9a-f]{64})$/m.exec(conf)?.[1];
      if (psk) {
        // Cross-check the derived key with wpa_supplicant's own wpa_passphrase.
        const ref = spawnSync('wpa_passphrase', [c.ssid, c.passphrase], { encoding: 'utf8' });
        assert.equal(/^\tpsk=([0-9a-f]{64})$/m.exec(ref.stdout)?.[1], psk);
        assert.doesNotMatch(conf, /#psk/);
      } else {
        assert.match(conf, /key_mgmt=WPA-PSK WPA-PSK-SHA256 SAE/);
      }
    });
  });
});

test('the udhcpc hook is valid shell', () => {
  withTempDir((dir) => {
    const r = spawnSync('sh', ['-n', writeTemp(dir, 'udhcpc.script', renderUdhcpcScript())], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
