// staticFiles() over a real socket: page routes, caching headers, encoding negotiation, traversal refusal,
// and fall-through to the next middleware.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import Koa from 'koa';
import { staticFiles } from '../../firmware/api/static-files.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('staticFiles', () => {
  let dir = '';
  let outside = '';
  let server: ReturnType<Koa['listen']>;
  let port = 0;
  const js = Buffer.from('console.log("hello from the voter app");'.repeat(20));

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conclave-static-'));
    outside = await mkdtemp(join(tmpdir(), 'conclave-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await mkdir(join(dir, 'assets'));
    for (const [name, text] of [['index.html', '<p>voter</p>'], ['chair.html', '<p>chair</p>'], ['screen.html', '<p>screen</p>']] as const) {
      await writeFile(join(dir, name), text);
      await writeFile(join(dir, `${name}.gz`), gzipSync(text));
    }
    await writeFile(join(dir, 'assets/voter-ABCD2345.js'), js);
    await writeFile(join(dir, 'assets/voter-ABCD2345.js.gz'), gzipSync(js));
    await writeFile(join(dir, 'assets/voter-ABCD2345.js.br'), brotliCompressSync(js));
    await writeFile(join(dir, 'manifest.json'), '{}');
    await writeFile(join(dir, '.hidden.txt'), 'hidden');
    const app = new Koa();
    app.use(staticFiles(dir));
    app.use((ctx) => {
      ctx.status = 404;
      ctx.body = 'next';
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('serves the three pages at /, /chair and /screen, never cached', async () => {
    for (const [path, text] of [['/', 'voter'], ['/chair', 'chair'], ['/screen', 'screen']] as const) {
      const r = await get(port, path);
      assert.equal(r.status, 200);
      assert.match(r.body.toString(), new RegExp(text));
      assert.match(String(r.headers['content-type']), /^text\/html/);
      assert.equal(r.headers['cache-control'], 'no-store');
    }
  });

  it('caches hashed assets for a year and negotiates brotli, then gzip, then identity', async () => {
    const br = await get(port, '/assets/voter-ABCD2345.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(br.headers.vary), /Accept-Encoding/i);
    assert.match(String(br.headers['content-type']), /^text\/javascript/);
    assert.equal(Number(br.headers['content-length']), br.body.length);

    const gz = await get(port, '/assets/voter-ABCD2345.js', { 'accept-encoding': 'gzip, br;q=0' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    const plain = await get(port, '/assets/voter-ABCD2345.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, js);
    assert.match(String(plain.headers.vary), /Accept-Encoding/i);
  });

  it('answers HEAD with headers only', async () => {
    const r = await get(port, '/assets/voter-ABCD2345.js', { 'accept-encoding': 'br' }, 'HEAD');
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 0);
    assert.equal(r.headers['content-encoding'], 'br');
  });

  it('does not cache unhashed files for long', async () => {
    const r = await get(port, '/manifest.json');
    assert.equal(r.status, 200);
    assert.equal(r.headers['cache-control'], 'no-cache');
  });

  it('refuses traversal, hidden files and direct precompressed paths by falling through', async () => {
    const rel = `../${outside.split('/').pop()}/secret.txt`;
    for (const path of [
      `/${rel}`,
      `/assets/..%2f..%2f${outside.split('/').pop()}%2fsecret.txt`,
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/%00.js',
      '/.hidden.txt',
      '/assets/voter-ABCD2345.js.gz',
      '/assets/..%5c..%5cetc%5cpasswd',
      '/nope.js',
      '/%E0%A4%A',
    ]) {
      const r = await get(port, path);
      assert.equal(r.status, 404, path);
      assert.equal(r.body.toString(), 'next', path);
    }
  });

  it('leaves non-GET requests to the next middleware', async () => {
    const r = await get(port, '/', {}, 'POST');
    assert.equal(r.body.toString(), 'next');
  });
});
