// conclave-netconfig as systemd runs it (no --out: render into /run/conclave/net and apply), confined to a
// throw-away network namespace and a private /run, so the host is never touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBundle } from '../net/bundle-fixture.js';
import { Namespaces } from './namespaces.js';

const isRoot = process.getuid?.() === 0;

test('without --out, netconfig renders into /run/conclave/net and applies firewall, sysctls and address', { skip: isRoot ? false : 'needs root for ip netns (run as root)', timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'conclave-apply-'));
  chmodSync(dir, 0o755);
  const id = randomBytes(3).toString('hex');
  const ns = new Namespaces();
  const hostHadConfig = existsSync('/run/conclave/net/hostapd.conf');
  try {
    const ap = ns.add(`cnv-apply-${id}`);
    const peer = ns.add(`cnv-peer-${id}`);
    const radio = `cvr${id}`;
    ns.link({ ns: ap, dev: radio }, { ns: peer, dev: `cvp${id}` });
    const { bundle } = await makeBundle({ wifiPassphrase: 'stemmen2026', channel: 11, address: '10.77.0.1', prefix: 24 });
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    // A private mount namespace with its own /run: the rendered files exist only inside it, and are listed there.
    const script = [
      'mount -t tmpfs tmpfs /run',
      `${process.execPath} --import tsx firmware/net/netconfig-cli.ts --bundle ${join(dir, 'bundle.json')} --radio ${radio}`,
      'ls /run/conclave/net',
    ].join(' && ');
    const r = spawnSync('ip', ['netns', 'exec', ap, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /dnsmasq\.conf\nhostapd\.conf\nnetwork\.json\nnftables\.conf\nsysctl\.conf/);
    assert.match(ns.exec(ap, 'ip', ['-4', 'addr', 'show', 'dev', radio]), /inet 10\.77\.0\.1\/24/);
    const rules = ns.exec(ap, 'nft', ['list', 'table', 'inet', 'conclave']);
    assert.match(rules, /policy drop/);
    assert.match(rules, new RegExp(`iifname "${radio}" ip daddr != 10\\.77\\.0\\.1 tcp dport 80 dnat ip to 10\\.77\\.0\\.1:80`));
    assert.equal(ns.exec(ap, 'sysctl', ['-n', 'net.ipv4.ip_forward']).trim(), '0');
    // Running it again is idempotent: still exactly one conclave table, same address.
    const again = spawnSync('ip', ['netns', 'exec', ap, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(again.status, 0, again.stderr);
    assert.equal((ns.exec(ap, 'nft', ['list', 'tables']).match(/inet conclave/g) ?? []).length, 1);
    assert.equal((ns.exec(ap, 'ip', ['-4', 'addr', 'show', 'dev', radio]).match(/inet /g) ?? []).length, 1);
    // The host saw none of it.
    assert.equal(existsSync('/run/conclave/net/hostapd.conf'), hostHadConfig);
  } finally {
    await ns.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
