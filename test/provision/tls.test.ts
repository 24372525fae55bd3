// The organisation's certificate is checked the night before: the key belongs to it, --host is covered,
// and it is valid on the event date. Certificates made here with openssl, as a CA would issue them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleSchema } from '../../firmware/config/bundle.js';
import { provisionEvent } from '../../provision/event.js';
import { decodeCards } from './render-cards.js';

const run = promisify(execFile);
let dir: string;
let voters: string;

/** A CA and a leaf for `names`, valid `days` from now; returns the paths of fullchain and key. */
async function issue(name: string, names: string[], days: number): Promise<{ cert: string; key: string; leaf: string }> {
  const p = (f: string) => join(dir, `${name}-${f}`);
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '30', '-subj', '/CN=Test CA']);
  await run('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p('leaf.key'), '-out', p('leaf.csr'), '-subj', `/CN=${names[0]}`]);
  await writeFile(p('ext.cnf'), `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\n`);
  await run('openssl', ['x509', '-req', '-in', p('leaf.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-days', String(days), '-extfile', p('ext.cnf'), '-out', p('leaf.pem')]);
  await writeFile(p('fullchain.pem'), (await readFile(p('leaf.pem'), 'utf8')) + (await readFile(p('ca.pem'), 'utf8')));
  return { cert: p('fullchain.pem'), key: p('leaf.key'), leaf: p('leaf.pem') };
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-tls-test-'));
  voters = join(dir, 'voters.csv');
  await writeFile(voters, 'label,weight\nA,1\nB,2\n');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a matching certificate for the host, valid on the date: trusted, https login QR codes', async () => {
  const c = await issue('good', ['stem.example.org', '*.vote.example.org'], 20);
  const out = join(dir, 'good-out');
  const r = await provisionEvent({ voters, name: 'X', out, tlsCert: c.cert, tlsKey: c.key, host: 'zaal1.vote.example.org', date: isoDay(5) });
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  const bundle = bundleSchema.parse(JSON.parse(await readFile(join(out, 'bundle.json'), 'utf8')));
  assert.equal(bundle.network.tls?.trusted, true);
  assert.equal(bundle.network.host, 'zaal1.vote.example.org');
  assert.ok(bundle.network.tls?.certPem.includes('Test CA') || (bundle.network.tls?.certPem.match(/BEGIN CERTIFICATE/g) ?? []).length === 2, 'full chain kept');
  const decoded = await decodeCards(join(out, 'cards.pdf'), 1, 1);
  assert.match(decoded[0]?.login ?? '', /^https:\/\/zaal1\.vote\.example\.org\/#code=[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
  const report = await readFile(join(out, 'report.txt'), 'utf8');
  assert.ok(report.includes(bundle.network.tls?.fingerprint ?? 'missing'));
});

test('refusals: wrong key, host not covered, expired or not yet valid on the event date; nothing written', async () => {
  const a = await issue('a', ['stem.example.org'], 10);
  const b = await issue('b', ['stem.example.org'], 10);
  const cases: Array<{ opts: { tlsCert: string; tlsKey: string; host: string; date: string }; message: RegExp }> = [
    { opts: { tlsCert: a.cert, tlsKey: b.key, host: 'stem.example.org', date: isoDay(1) }, message: /^TLS: --tls-key does not belong to --tls-cert/ },
    { opts: { tlsCert: a.cert, tlsKey: a.key, host: 'other.example.org', date: isoDay(1) }, message: /^TLS: the certificate does not cover the host name other\.example\.org \(it names DNS:stem\.example\.org\)/ },
    { opts: { tlsCert: a.cert, tlsKey: a.key, host: 'stem.example.org', date: isoDay(30) }, message: /^TLS: the certificate expires on .*, before the end of the event date .*; renew it before the meeting$/ },
    { opts: { tlsCert: a.cert, tlsKey: a.key, host: 'stem.example.org', date: isoDay(-3) }, message: /^TLS: the certificate is not valid until .*, after the start of the event date/ },
    { opts: { tlsCert: a.key, tlsKey: a.key, host: 'stem.example.org', date: isoDay(1) }, message: /^TLS: --tls-cert holds no PEM certificate/ },
  ];
  for (const [i, c] of cases.entries()) {
    const out = join(dir, `refused-${i}`);
    const r = await provisionEvent({ voters, name: 'X', out, ...c.opts });
    assert.equal(r.ok, false, `case ${i}`);
    if (!r.ok) assert.ok(r.error.some((e) => c.message.test(e)), `case ${i}: ${r.error.join('\n')}`);
    await assert.rejects(stat(out), `case ${i} wrote nothing`);
  }
  const half = await provisionEvent({ voters, name: 'X', out: join(dir, 'half'), tlsCert: a.cert });
  assert.ok(!half.ok && half.error.includes('--tls-cert and --tls-key go together; give both or neither'));
  const noHost = await provisionEvent({ voters, name: 'X', out: join(dir, 'nohost'), tlsCert: a.cert, tlsKey: a.key });
  assert.ok(!noHost.ok && noHost.error.includes('--host: required with --tls-cert, the host name the certificate is for'));
});

test('an encrypted key is refused with the command that decrypts it', async () => {
  const a = await issue('enc', ['stem.example.org'], 10);
  const encrypted = join(dir, 'enc.key');
  await run('openssl', ['pkey', '-in', a.key, '-aes256', '-passout', 'pass:secret', '-out', encrypted]);
  const r = await provisionEvent({ voters, name: 'X', out: join(dir, 'enc-out'), tlsCert: a.cert, tlsKey: encrypted, host: 'stem.example.org', date: isoDay(1) });
  assert.ok(!r.ok && r.error.some((e) => e.includes('--tls-key is encrypted') && e.includes('openssl pkey -in KEY -out KEY.plain')), r.ok ? '' : r.error.join('\n'));
});
