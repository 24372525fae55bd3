// The middleware in a real Koa app on a real socket, requests sent with the Host headers phones send.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { captivePortal, PROBES } from '../../firmware/portal/index.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, host: string, path: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host }, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function serve(opts: Parameters<typeof captivePortal>[0]): Promise<{ server: Server; port: number }> {
  const app = new Koa();
  app.use(captivePortal(opts));
  app.use((ctx) => {
    ctx.body = `voter app at ${ctx.path}`;
  });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

let plain: { server: Server; port: number };
let tls: { server: Server; port: number };
before(async () => {
  plain = await serve({ host: 'stem.conclave.internal', address: '10.42.0.1', tlsTrusted: false });
  tls = await serve({ host: 'vote.example.org', address: '10.42.0.1', tlsTrusted: true });
});
after(() => {
  plain.server.close();
  tls.server.close();
});

test('every listed probe URL of every OS gets the portal redirect (stay captive)', async () => {
  let n = 0;
  for (const rule of PROBES)
    for (const host of rule.hosts)
      for (const path of rule.paths ?? ['/', '/connecttest.txt']) {
        const r = await get(plain.port, host, path);
        assert.equal(r.status, 302, `${host}${path}`);
        assert.equal(r.headers.location, 'http://stem.conclave.internal/');
        assert.equal(r.headers['cache-control'], 'no-store');
        n++;
      }
  assert.ok(n > 50);
});

test('unknown foreign hosts, any method, are redirected; HEAD too', async () => {
  for (const host of ['example.org', 'www.bbc.co.uk:80', '8.8.8.8', '[2001:db8::1]:80']) {
    const r = await get(plain.port, host, '/some/page?x=1');
    assert.equal(r.status, 302, host);
    assert.equal(r.headers.location, 'http://stem.conclave.internal/');
  }
  assert.equal((await get(plain.port, 'example.org', '/form', 'POST')).status, 302);
  const head = await get(plain.port, 'captive.apple.com', '/hotspot-detect.html', 'HEAD');
  assert.equal(head.status, 302);
  assert.equal(head.body, '');
});

test('our own host, address and loopback names reach the app', async () => {
  for (const host of ['stem.conclave.internal', 'STEM.conclave.internal:80', '10.42.0.1', '10.42.0.1:8080', 'localhost:3000', '127.0.0.1']) {
    const r = await get(plain.port, host, '/');
    assert.equal(r.status, 200, host);
    assert.equal(r.body, 'voter app at /');
  }
});

test('with a trusted certificate: HTTPS redirect and the RFC 8908 API', async () => {
  const r = await get(tls.port, 'connectivitycheck.gstatic.com', '/generate_204');
  assert.equal(r.headers.location, 'https://vote.example.org/');
  const api = await get(tls.port, 'vote.example.org', '/api/captive');
  assert.equal(api.status, 200);
  assert.equal(api.headers['content-type'], 'application/captive+json');
  assert.equal(api.headers['cache-control'], 'no-store');
  assert.deepEqual(JSON.parse(api.body), { captive: true, 'user-portal-url': 'https://vote.example.org/', 'can-extend-session': false });
});

test('without a trusted certificate the RFC 8908 API is a 404 problem', async () => {
  const api = await get(plain.port, 'stem.conclave.internal', '/api/captive');
  assert.equal(api.status, 404);
  assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
  assert.equal(api.headers['cache-control'], 'no-store');
  const body = JSON.parse(api.body) as { code: string; status: number; title: string };
  assert.equal(body.code, 'not_found');
  assert.equal(body.status, 404);
});
