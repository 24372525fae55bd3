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

test('venue mode over Ethernet: netconfig takes a lease from the venue DHCP server, admits only the portal ports, takes over nothing', { skip: isRoot ? false : 'needs root for ip netns (run as root)', timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'conclave-venue-'));
  chmodSync(dir, 0o755);
  const id = randomBytes(3).toString('hex');
  const ns = new Namespaces();
  try {
    const ap = ns.add(`cnv-vap-${id}`);
    const venue = ns.add(`cnv-ven-${id}`);
    const uplink = `cvv${id}`;
    ns.link({ ns: ap, dev: uplink }, { ns: venue, dev: `cvr${id}`, addr: '10.88.0.1/24' });
    // The venue's own DHCP server (not ours: a plain dnsmasq with a test configuration).
    writeFileSync(
      join(dir, 'venue-dnsmasq.conf'),
      `interface=cvr${id}\nbind-interfaces\nport=0\ndhcp-range=10.88.0.100,10.88.0.150,255.255.255.0,1h\ndhcp-option=option:router,10.88.0.1\ndhcp-leasefile=${join(dir, 'venue.leases')}\n`,
    );
    ns.start(venue, 'dnsmasq', ['--keep-in-foreground', `--conf-file=${join(dir, 'venue-dnsmasq.conf')}`, '--pid-file=', '--user=root', '--log-facility=-']);
    const { bundle } = await makeBundle({ mode: 'venue' });
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    const script = [
      'mount -t tmpfs tmpfs /run',
      `${process.execPath} --import tsx firmware/net/netconfig-cli.ts --bundle ${join(dir, 'bundle.json')} --uplink ${uplink}`,
      'ls /run/conclave/net',
    ].join(' && ');
    const r = spawnSync('ip', ['netns', 'exec', ap, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /^network\.json\nnftables\.conf\nsysctl\.conf\nudhcpc\.script\n$/m);
    await ns.waitFor(() => /inet 10\.88\.0\.1\d\d\/24/.test(ns.exec(ap, 'ip', ['-4', 'addr', 'show', 'dev', uplink])), 'a lease from the venue');
    assert.match(ns.exec(ap, 'ip', ['route', 'show', 'default']), new RegExp(`default via 10\\.88\\.0\\.1 dev ${uplink}`));
    const rules = ns.exec(ap, 'nft', ['list', 'table', 'inet', 'conclave']);
    assert.match(rules, new RegExp(`iifname "${uplink}" tcp dport \\{ 80, 443 \\} accept`));
    assert.doesNotMatch(rules, /dnat|prerouting|dport 53|dport 67 /);
  } finally {
    // udhcpc stays in the background renewing the lease: end it with the namespace.
    const pids = spawnSync('ip', ['netns', 'pids', `cnv-vap-${id}`], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean);
    for (const pid of pids) spawnSync('kill', [pid]);
    await ns.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
