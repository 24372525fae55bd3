// TEST VARIANT ONLY. Runs on the guest inside the "phone" network namespace, with the lease already taken:
// resolves a probe host through the appliance's DNS, meets the captive portal, and votes (chair opens the poll,
// voter logs in with a provisioned code and casts a ballot). One CONCLAVE-TEST marker per step.
import { Resolver } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

const fixture = JSON.parse(readFileSync('/usr/lib/conclave-test/phone.json', 'utf8'));
const dnsServer = readFileSync('/run/conclave-test/dns', 'utf8').trim().split(/\s+/)[0];

function mark(name, ok, detail = '') {
  process.stdout.write(`CONCLAVE-TEST ${name} ${ok ? 'ok' : 'fail'} ${detail}\n`);
}

function http(host, method, path, { body, cookie, hostHeader, chair } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers = { Host: hostHeader ?? host };
    if (data !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
    if (cookie) headers.Cookie = cookie;
    if (chair) headers['X-Conclave-Chair'] = '1';
    const req = request({ host, port: 80, method, path, headers, timeout: 60_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        const setCookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, json, cookie: setCookie });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}

async function main() {
  const resolver = new Resolver();
  resolver.setServers([dnsServer]);
  const [probe] = await resolver.resolve4('connectivitycheck.gstatic.com');
  mark('dns-probe', probe === dnsServer, `connectivitycheck.gstatic.com -> ${probe}`);
  const app = probe;

  const portal = await http(app, 'GET', '/generate_204', { hostHeader: 'connectivitycheck.gstatic.com' });
  mark('portal-redirect', portal.status === 302, `${portal.status} -> ${portal.headers.location ?? ''}`);

  const chair = await http(app, 'POST', '/api/chair/session', { body: { passphrase: fixture.chairPassphrase, clock: new Date().toISOString() }, chair: true });
  mark('chair-login', chair.status === 201, String(chair.status));
  const overview = await http(app, 'GET', '/api/chair/overview', { cookie: chair.cookie });
  const pollId = overview.json?.polls?.[0]?.id;
  const opened = await http(app, 'POST', `/api/chair/polls/${pollId}/open`, { cookie: chair.cookie, chair: true });
  mark('poll-open', opened.status === 200, String(opened.status));

  const voter = await http(app, 'POST', '/api/voter/session', { body: { code: fixture.code } });
  mark('voter-login', voter.status === 201, `${voter.status} ${voter.json?.card?.label ?? ''}`);
  const state = await http(app, 'GET', '/api/voter/state', { cookie: voter.cookie });
  const option = state.json?.poll?.options?.[0]?.id;
  const ballot = await http(app, 'POST', '/api/voter/ballots', { cookie: voter.cookie, body: { pollId: state.json?.poll?.id, choices: [option] } });
  mark('ballot', ballot.status === 201 && ballot.json?.recorded === true, String(ballot.status));
}

main().catch((e) => mark('phone-script', false, e instanceof Error ? e.message : String(e)));
