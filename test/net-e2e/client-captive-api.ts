// Runs inside the client namespace with a trusted-certificate setup: a phone that read DHCP option 114 asks the
// RFC 8908 API, and follows a probe's redirect to the HTTPS portal. Prints one JSON object.
import { Resolver } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const input = JSON.parse(process.argv[2] ?? '{}') as { dns: string; apiUrl: string; ca: string };

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function resolve(name: string): Promise<string> {
  const r = new Resolver({ timeout: 2000, tries: 1 });
  r.setServers([input.dns]);
  return (await r.resolve4(name))[0] ?? '';
}

function fetchVia(url: URL, address: string): Promise<Reply> {
  return new Promise((done, fail) => {
    const options = { host: address, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), path: url.pathname, headers: { host: url.host }, timeout: 5000 };
    const onResponse = (res: import('node:http').IncomingMessage): void => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: body.slice(0, 400) }));
    };
    const req =
      url.protocol === 'https:'
        ? httpsRequest({ ...options, ca: input.ca, servername: url.hostname }, onResponse)
        : httpRequest(options, onResponse);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', fail);
    req.end();
  });
}

async function main(): Promise<void> {
  const api = new URL(input.apiUrl);
  const captive = await fetchVia(api, await resolve(api.hostname));
  const probeUrl = new URL('http://captive.apple.com/hotspot-detect.html');
  const probe = await fetchVia(probeUrl, await resolve(probeUrl.hostname));
  const portalUrl = new URL(String(probe.headers.location ?? 'https://invalid/'));
  const portal = await fetchVia(portalUrl, await resolve(portalUrl.hostname));
  process.stdout.write(JSON.stringify({ captive, probe, portal: { status: portal.status, type: portal.headers['content-type'] } }));
}

main().catch((e: unknown) => {
  process.stdout.write(JSON.stringify({ fatal: String(e) }));
  process.exit(1);
});
