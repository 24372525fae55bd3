// Runs inside the client namespace (a phone that just got a DHCP lease): resolves probe hosts, follows the
// portal redirect to the voter app, logs in with a card's code, and tries everything it should not reach.
// Prints one JSON object; the end-to-end test asserts on it.
import { Resolver } from 'node:dns/promises';
import { request } from 'node:http';
import { connect } from 'node:net';

const input = JSON.parse(process.argv[2] ?? '{}') as { dns: string; outside: string; code: string; host: string };

interface Reply {
  status: number;
  location: string | null;
  type: string | null;
  body: string;
}

function http(address: string, port: number, host: string, path: string, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host };
    if (body) headers['content-type'] = 'application/json';
    const req = request({ host: address, port, path, method, headers, timeout: 5000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, type: res.headers['content-type'] ?? null, body: text.slice(0, 400) }),
      );
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** 'open' / 'refused' / 'timeout' / 'unreachable' */
function tcp(address: string, port: number, ms = 1500): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host: address, port });
    const t = setTimeout(() => {
      s.destroy();
      resolve('timeout');
    }, ms);
    s.on('connect', () => {
      clearTimeout(t);
      s.destroy();
      resolve('open');
    });
    s.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(t);
      resolve(e.code === 'ECONNREFUSED' ? 'refused' : e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH' ? 'unreachable' : (e.code ?? 'error'));
    });
  });
}

async function resolveWith(server: string, name: string): Promise<string[]> {
  const r = new Resolver({ timeout: 2000, tries: 1 });
  r.setServers([server]);
  try {
    return await r.resolve4(name);
  } catch (e) {
    return [`error ${(e as NodeJS.ErrnoException).code ?? ''}`];
  }
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = {};
  const names = ['captive.apple.com', 'connectivitycheck.gstatic.com', 'www.msftconnecttest.com', input.host];
  out.dns = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await resolveWith(input.dns, n)])));
  // AAAA: phones ask for both; an empty answer must come at once, not after a timeout.
  {
    const r6 = new Resolver({ timeout: 2000, tries: 1 });
    r6.setServers([input.dns]);
    const t0 = Date.now();
    out.aaaa = await r6.resolve6('captive.apple.com').then(
      (a) => ({ answer: a, ms: Date.now() - t0 }),
      (e: NodeJS.ErrnoException) => ({ error: e.code, ms: Date.now() - t0 }),
    );
  }
  // A phone with a hard-coded resolver: DNAT brings it to the appliance.
  out.dnsViaOtherServer = await resolveWith(input.outside, 'captive.apple.com');

  const probes: Array<[string, string]> = [
    ['captive.apple.com', '/hotspot-detect.html'],
    ['connectivitycheck.gstatic.com', '/generate_204'],
    ['www.msftconnecttest.com', '/connecttest.txt'],
    ['detectportal.firefox.com', '/canonical.html'],
    ['nmcheck.gnome.org', '/check_network_status.txt'],
  ];
  const appliance = (out.dns as Record<string, string[]>)['captive.apple.com']?.[0] ?? input.dns;
  out.probes = await Promise.all(probes.map(async ([h, p]) => ({ host: h, path: p, ...(await http(appliance, 80, h, p)) })));

  // Follow the redirect the way a captive-portal sheet does: resolve the portal's host, fetch it.
  const location = new URL(((out.probes as Reply[])[0]?.location ?? 'http://invalid/'));
  const portalAddress = (await resolveWith(input.dns, location.hostname))[0] ?? '';
  out.portal = await http(portalAddress, Number(location.port || 80), location.host, location.pathname);
  out.login = await http(portalAddress, 80, location.host, '/api/voter/session', 'POST', JSON.stringify({ code: input.code }));

  // An HTTP request to a host outside is answered by the appliance, not by that host.
  out.outsideHttp = await http(input.outside, 80, 'outside.test', '/').catch((e: Error) => ({ error: e.message }));
  out.reach = {
    outside443: await tcp(input.outside, 443),
    outside8080: await tcp(input.outside, 8080),
    applianceSsh: await tcp(appliance, 22),
    applianceOther: await tcp(appliance, 2222),
    appliance80: await tcp(appliance, 80),
  };
  process.stdout.write(JSON.stringify(out));
}

main().catch((e: unknown) => {
  process.stdout.write(JSON.stringify({ fatal: String(e) }));
  process.exit(1);
});
