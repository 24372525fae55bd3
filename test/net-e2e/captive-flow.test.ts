// End to end in network namespaces: the appliance namespace runs dnsmasq with the generated config, the
// generated nftables ruleset and sysctls, and conclaved (simulation) behind the captive portal; a client
// namespace plays the phone (dhclient for the lease, then probes, the portal redirect, login); an "outside"
// namespace stands for everything beyond the appliance, which the phone must not reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { networkSchema } from '../../firmware/config/network-schema.js';
import { FailingScanner } from '../../firmware/net/channel.js';
import { buildNetconfig } from '../../firmware/net/netconfig.js';
import { makeBundle } from '../net/bundle-fixture.js';
import { Namespaces } from './namespaces.js';

const isRoot = process.getuid?.() === 0;
const HOST = 'stem.conclave.internal';
const APPLIANCE = '10.42.0.1';
const OUTSIDE = '10.99.0.2';

/** dhclient's hook (dhclient gives it a fresh environment, so the record's path is written into it): configure the lease like a phone would, and record what the server offered. */
const dhclientScript = (envFile: string): string => `#!/bin/sh
case "$reason" in
  PREINIT) ip link set dev "$interface" up ;;
  BOUND|RENEW|REBIND|REBOOT)
    ip addr replace "$new_ip_address/$new_subnet_mask" dev "$interface"
    for r in $new_routers; do ip route replace default via "$r" dev "$interface"; break; done
    env | grep '^new_' | sort > "${envFile}.tmp" && mv "${envFile}.tmp" "${envFile}" ;;
esac
exit 0
`;
const DHCLIENT_CONF = `option rfc8910-captive-portal code 114 = text;
timeout 20;
retry 1;
request subnet-mask, broadcast-address, routers, domain-name-servers, domain-search, rfc8910-captive-portal;
`;

function leaseEnv(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^'(.*)'$/, '$1')]),
  );
}

test('a phone gets a lease, meets the captive portal, logs in, and reaches nothing else; with TLS, option 114 leads to the RFC 8908 API', { skip: isRoot ? false : 'needs root for ip netns (run as root)', timeout: 180_000 }, async (t) => {
  if (!existsSync('dist/conclaved.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit', timeout: 300_000 });
  const dir = mkdtempSync(join(tmpdir(), 'conclave-e2e-'));
  chmodSync(dir, 0o755);
  const id = randomBytes(3).toString('hex');
  const ns = new Namespaces();
  try {
    const ap = ns.add(`cnv-ap-${id}`);
    const phone = ns.add(`cnv-ph-${id}`);
    const outside = ns.add(`cnv-out-${id}`);
    const serving = `cva${id}`;
    ns.link({ ns: ap, dev: serving }, { ns: phone, dev: `cvc${id}` });
    ns.link({ ns: ap, dev: `cvu${id}`, addr: '10.99.0.1/24' }, { ns: outside, dev: `cvo${id}`, addr: `${OUTSIDE}/24` });

    const { bundle, codes } = await makeBundle({ wifiPassphrase: 'stemmen2026', host: HOST, address: APPLIANCE });
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    const render = async (network: unknown, sub: string): Promise<string> => {
      const out = join(dir, sub);
      const r = await buildNetconfig({
        settings: networkSchema.parse(network),
        interfaces: [],
        radio: serving,
        allowGuess: true,
        scanner: new FailingScanner(),
        outDir: out,
        leaseFile: join(dir, `${sub}.leases`),
      });
      assert.ok(r.ok, JSON.stringify(r));
      spawnSync('mkdir', ['-p', out]);
      for (const f of r.value.files) writeFileSync(join(out, f.name), f.content, { mode: f.mode });
      return out;
    };
    const net = await render(bundle.network, 'net');

    // The appliance: sysctls, firewall, address, dnsmasq, conclaved.
    ns.exec(ap, 'sysctl', ['-q', '-p', join(net, 'sysctl.conf')]);
    assert.equal(ns.exec(ap, 'sysctl', ['-n', 'net.ipv4.ip_forward']).trim(), '0');
    ns.exec(ap, 'nft', ['-f', join(net, 'nftables.conf')]);
    ns.exec(ap, 'ip', ['addr', 'add', `${APPLIANCE}/24`, 'dev', serving]);
    const dnsmasqArgs = (conf: string): string[] => ['--keep-in-foreground', `--conf-file=${conf}`, '--pid-file=', '--user=root', '--log-facility=-'];
    let dnsmasq = ns.start(ap, 'dnsmasq', dnsmasqArgs(join(net, 'dnsmasq.conf')));
    const conclaved = ns.start(ap, process.execPath, [
      resolve('dist/conclaved.js'), '--data', join(dir, 'data'), '--bundle', join(dir, 'bundle.json'),
      '--port', '80', '--listen', APPLIANCE, '--simulate-hardware',
    ]);
    // Something listening on a port the firewall does not admit, to show the firewall (not absence) stops it.
    const hidden = ns.start(ap, process.execPath, ['--import', 'tsx', 'test/net-e2e/ns-listener.ts', APPLIANCE, '2222']);
    const beyond = ns.start(outside, process.execPath, ['--import', 'tsx', 'test/net-e2e/ns-listener.ts', OUTSIDE, '80', '443', '8080']);
    await ns.waitFor(() => /"msg":"listening"/.test(conclaved.output()), () => `conclaved to listen\n${conclaved.output()}`, 60_000);
    await ns.waitFor(() => /listening 2222/.test(hidden.output()), 'appliance listener');
    await ns.waitFor(() => /listening 8080/.test(beyond.output()), 'outside listener');

    // The phone: a DHCP lease from the configured pool.
    writeFileSync(join(dir, 'dhclient.conf'), DHCLIENT_CONF);
    const dhcp = async (tag: string): Promise<Record<string, string>> => {
      const envFile = join(dir, `${tag}.env`);
      writeFileSync(join(dir, `${tag}.sh`), dhclientScript(envFile), { mode: 0o755 });
      const client = ns.start(
        phone,
        'dhclient',
        ['-d', '-1', '-v', '-cf', join(dir, 'dhclient.conf'), '-sf', join(dir, `${tag}.sh`), '-lf', join(dir, `${tag}.lease`), '-pf', join(dir, `${tag}.pid`), `cvc${id}`],
      );
      await ns.waitFor(() => existsSync(envFile), () => `a DHCP lease\n${client.output()}`, 30_000);
      await ns.stop(client);
      return leaseEnv(envFile);
    };
    const lease = await dhcp('plain');
    const pool = bundle.network;
    assert.equal(pool.address, APPLIANCE);
    const hostPart = Number(lease.new_ip_address?.split('.')[3]);
    assert.ok(lease.new_ip_address?.startsWith('10.42.0.') && hostPart >= 10 && hostPart <= 47, `address from the pool: ${lease.new_ip_address}`);
    assert.equal(lease.new_routers, APPLIANCE);
    assert.equal(lease.new_domain_name_servers, APPLIANCE);
    assert.equal(lease.new_rfc8910_captive_portal, undefined, 'no option 114 without a trusted certificate');

    const checks = spawnSync(
      'ip',
      ['netns', 'exec', phone, process.execPath, '--import', 'tsx', 'test/net-e2e/client-checks.ts', JSON.stringify({ dns: APPLIANCE, outside: OUTSIDE, code: codes[0], host: HOST })],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(checks.status, 0, checks.stderr + checks.stdout);
    const r = JSON.parse(checks.stdout) as {
      dns: Record<string, string[]>;
      dnsViaOtherServer: string[];
      aaaa: { answer?: string[]; error?: string; ms: number };
      probes: Array<{ host: string; status: number; location: string | null }>;
      portal: { status: number; type: string | null; body: string };
      login: { status: number; body: string };
      outsideHttp: { status?: number; location?: string | null; body?: string };
      reach: Record<string, string>;
    };
    t.diagnostic(`lease ${lease.new_ip_address}; reach ${JSON.stringify(r.reach)}; login ${r.login.status}; aaaa ${JSON.stringify(r.aaaa)}`);
    for (const [name, addrs] of Object.entries(r.dns)) assert.deepEqual(addrs, [APPLIANCE], `DNS ${name}`);
    assert.deepEqual(r.dnsViaOtherServer, [APPLIANCE], 'DNS to another server is answered by the appliance');
    for (const p of r.probes) {
      assert.equal(p.status, 302, `probe ${p.host}`);
      assert.equal(p.location, `http://${HOST}/`, `probe ${p.host}`);
    }
    assert.equal(r.portal.status, 200, 'the portal lands on the voter app');
    assert.match(String(r.portal.type), /text\/html/);
    assert.equal(r.login.status, 201, `login with the card's code: ${r.login.body}`);
    assert.equal(r.outsideHttp.status, 302, 'HTTP to an outside host is answered by the portal');
    assert.doesNotMatch(r.outsideHttp.body ?? '', /outside/);
    assert.equal(r.aaaa.error, 'ENODATA', 'AAAA gets an immediate empty answer');
    assert.equal(r.reach.appliance80, 'open');
    for (const k of ['outside443', 'outside8080', 'applianceSsh', 'applianceOther']) assert.notEqual(r.reach[k], 'open', `${k} must not be reachable`);

    // With an organisation certificate: DHCP announces the RFC 8908 API (option 114), the API answers over
    // HTTPS, and probes are sent to the HTTPS portal. A fresh event, since a loaded one is never replaced.
    const certPem = join(dir, 'cert.pem');
    const keyPem = join(dir, 'key.pem');
    ns.exec(ap, 'openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST}`, '-keyout', keyPem, '-out', certPem,
    ]);
    const cert = readFileSync(certPem, 'utf8');
    const tls = { trusted: true, certPem: cert, keyPem: readFileSync(keyPem, 'utf8'), fingerprint: new X509Certificate(cert).fingerprint256 };
    const tlsEvent = await makeBundle({ ...bundle.network, tls });
    writeFileSync(join(dir, 'bundle-tls.json'), JSON.stringify(tlsEvent.bundle));
    const netTls = await render(tlsEvent.bundle.network, 'net-tls');
    await ns.stop(dnsmasq);
    await ns.stop(conclaved);
    dnsmasq = ns.start(ap, 'dnsmasq', dnsmasqArgs(join(netTls, 'dnsmasq.conf')));
    const conclavedTls = ns.start(ap, process.execPath, [
      resolve('dist/conclaved.js'), '--data', join(dir, 'data-tls'), '--bundle', join(dir, 'bundle-tls.json'),
      '--port', '80', '--tls-port', '443', '--listen', APPLIANCE, '--simulate-hardware',
    ]);
    await ns.waitFor(() => /"msg":"listening"/.test(conclavedTls.output()), () => `conclaved (TLS) to listen\n${conclavedTls.output()}`, 60_000);
    const tlsLease = await dhcp('tls');
    assert.equal(tlsLease.new_rfc8910_captive_portal, `https://${HOST}/api/captive`);
    const apiCheck = spawnSync(
      'ip',
      ['netns', 'exec', phone, process.execPath, '--import', 'tsx', 'test/net-e2e/client-captive-api.ts', JSON.stringify({ dns: APPLIANCE, apiUrl: tlsLease.new_rfc8910_captive_portal, ca: cert })],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(apiCheck.status, 0, apiCheck.stderr + apiCheck.stdout);
    const api = JSON.parse(apiCheck.stdout) as {
      captive: { status: number; headers: Record<string, string>; body: string };
      probe: { status: number; headers: Record<string, string> };
      portal: { status: number; type: string };
    };
    assert.equal(api.captive.status, 200);
    assert.equal(api.captive.headers['content-type'], 'application/captive+json');
    assert.equal(api.captive.headers['cache-control'], 'no-store');
    assert.deepEqual(JSON.parse(api.captive.body), { captive: true, 'user-portal-url': `https://${HOST}/`, 'can-extend-session': false });
    assert.equal(api.probe.status, 302);
    assert.equal(api.probe.headers.location, `https://${HOST}/`);
    assert.equal(api.portal.status, 200, 'the HTTPS portal lands on the voter app');
    assert.match(api.portal.type, /text\/html/);
  } finally {
    await ns.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
  // Nothing of ours is left behind.
  assert.doesNotMatch(spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout, new RegExp(id));
});
