// End to end: a bundle made by `provision event`, put on a boot partition by `provision write`, is imported
// by the real conclaved (simulation, real LMDB in a temp folder, real socket), and the printed codes log in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCode } from '../../firmware/config/codes.js';
import { provisionEvent } from '../../provision/event.js';
import { writeBundle } from '../../provision/write.js';
import { readCodesCsv } from './render-cards.js';

let dir: string;
let daemon: ChildProcess | undefined;
let base = '';
let daemonOutput = '';
let firstTlsPort = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(child: ChildProcess, url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`conclaved exited ${child.exitCode}: ${daemonOutput.slice(-2000)}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`conclaved did not become healthy: ${daemonOutput.slice(-2000)}`);
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

let rows: Array<Record<string, string>> = [];
let report = '';
let bootBundle = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-import-'));
  const voters = join(dir, 'voters.csv');
  // Weights up to the maximum, groups, a label with a space and a slash: all must survive the round trip.
  await writeFile(voters, '\uFEFFlabel;weight;group\r\nA-001;1000000000000;groot\r\nA-002;2500000000;groot\r\nB 3/4;1;particulier\r\nC-004;17;\r\n');
  const out = join(dir, 'event');
  const made = await provisionEvent({ voters, name: 'Import test', out, perCardWifi: true, ssid: 'Zaal' });
  assert.equal(made.ok, true, made.ok ? '' : made.error.join('\n'));
  rows = readCodesCsv(await readFile(join(out, 'codes.csv'), 'utf8'));
  report = await readFile(join(out, 'report.txt'), 'utf8');

  const boot = join(dir, 'bootfs');
  await mkdir(boot);
  await writeFile(join(boot, 'config.txt'), 'arm_64bit=1\n');
  const written = await writeBundle({ bundle: join(out, 'bundle.json'), boot });
  assert.equal(written.ok, true, written.ok ? '' : written.error.join('\n'));
  bootBundle = join(boot, 'conclave', 'bundle.json');

  const started = await startDaemon(bootBundle, join(dir, 'data'));
  firstTlsPort = tlsPort;
  daemon = started.child;
  base = started.base;
});

const others: ChildProcess[] = [];

let tlsPort = 0;

async function startDaemon(bundle: string, data: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  tlsPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'firmware/main.ts', '--data', data, '--device-dir', join(dir, 'device'), '--bundle', bundle, '--remove-bundle', '--port', String(port), '--tls-port', String(tlsPort), '--simulate-hardware'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CONCLAVED_MAIN: '1' } },
  );
  child.stdout?.on('data', (d: Buffer) => (daemonOutput += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (daemonOutput += d.toString()));
  await waitHealthy(child, url, 30_000);
  return { child, base: url };
}

async function stopDaemon(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

after(async () => {
  await stopDaemon(daemon);
  for (const c of others) await stopDaemon(c);
  await rm(dir, { recursive: true, force: true });
});

test('conclaved imports the bundle from the boot partition and removes it', async () => {
  await assert.rejects(stat(bootBundle), 'the bundle is gone from the boot partition after the import');
  const state = await fetch(`${base}/api/screen/state`);
  assert.equal(state.status, 200);
  const body = (await state.json()) as { event: { name: string } };
  assert.equal(body.event.name, 'Import test');
});

test('every printed code logs in, with its label and weight', async () => {
  for (const [i, row] of rows.entries()) {
    // The first card is typed the way a voter might: lowercase, spaces instead of dashes, O for 0.
    const code = i === 0 ? (row.code ?? '').toLowerCase().replace(/-/g, ' ').replace(/0/g, 'O') : (row.code ?? '');
    const r = await post('/api/voter/session', { code });
    assert.equal(r.status, 201, `${row.label}: ${JSON.stringify(r.json)}`);
    const card = r.json.card as { label: string; weight: number | string };
    assert.equal(card.label, row.label);
    assert.equal(String(card.weight), row.weight);
  }
});

test('a code that was not printed does not log in; a typo is reported as a typo', async () => {
  const unknown = await post('/api/voter/session', { code: generateCode() });
  assert.equal(unknown.status, 401);
  assert.equal(unknown.json.code, 'unknown_code');
  const printed = rows[1]?.code ?? '';
  const typo = printed.slice(0, 5) + (printed[5] === 'A' ? 'B' : 'A') + printed.slice(6);
  const r = await post('/api/voter/session', { code: typo });
  assert.equal(r.status, 400);
  assert.equal(r.json.code, 'code_typo');
});

test('the chair passphrase from report.txt opens the chair console', async () => {
  const passphrase = /Chair passphrase: {3}(\S+)/.exec(report)?.[1];
  assert.ok(passphrase);
  const r = await post('/api/chair/session', { passphrase }, { 'X-Conclave-Chair': '1' });
  assert.equal(r.status, 201, JSON.stringify(r.json));
});

test('a bundle that fails validation is left on the boot partition, reported, and the LED shows SOS', async () => {
  const boot = join(dir, 'bootfs-bad');
  await mkdir(join(boot, 'conclave'), { recursive: true });
  const good = JSON.parse(await readFile(join(dir, 'event', 'bundle.json'), 'utf8')) as { cards: Array<{ codeHash: string }> };
  (good.cards[0] as { codeHash: string }).codeHash = 'not-a-hash';
  const bad = join(boot, 'conclave', 'bundle.json');
  await writeFile(bad, JSON.stringify(good));
  const { child, base: url } = await startDaemon(bad, join(dir, 'data-bad'));
  others.push(child);
  assert.ok((await stat(bad)).isFile(), 'left in place');
  const health = (await (await fetch(`${url}/api/health`)).json()) as { event: boolean; notices: string[] };
  assert.equal(health.event, false);
  assert.match(health.notices.join(' '), /bundle was rejected/);
  const led = (await (await fetch(`${url}/api/dev/led`)).json()) as { pattern: string };
  assert.equal(led.pattern, 'sos');
  const login = await fetch(`${url}/api/voter/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: rows[0]?.code }) });
  assert.equal(login.status, 503);
});

test('the chair console certificate served over HTTPS is the one whose fingerprint report.txt prints', async () => {
  const fingerprint = /SHA-256 fingerprint: (\S+)/.exec(report)?.[1];
  assert.ok(fingerprint);
  const served = await new Promise<string>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: firstTlsPort, servername: 'stem.conclave.internal', rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      resolve(cert.fingerprint256);
    });
    socket.once('error', reject);
  });
  assert.equal(served, fingerprint);
});
