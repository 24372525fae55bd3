import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHmac } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSchema } from '../../firmware/config/bundle.js';
import { parseCode } from '../../firmware/config/codes.js';
import { verifyPassphrase } from '../../firmware/config/passphrase.js';
import { provisionEvent } from '../../provision/event.js';
import { wpaPsk } from '../../provision/secrets.js';
import { readCodesCsv } from './render-cards.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-event-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function voters(name: string, count: number): Promise<string> {
  const path = join(dir, name);
  const rows = Array.from({ length: count }, (_, i) => `M-${i + 1},${(i * 7919) % 1_000_000_000_000 || 1},${i % 3 === 0 ? 'A' : 'B'}`);
  await writeFile(path, `label,weight,group\n${rows.join('\n')}\n`);
  return path;
}

test('2000 voters: bundle, codes and PDF; codes unique; no plain code in bundle.json; hashes match', async () => {
  const out = join(dir, 'big');
  const started = performance.now();
  const r = await provisionEvent({ voters: await voters('v2000.csv', 2000), name: 'Ledenraad 2026', out, chairPassphrase: 'voorzitter-geheim', date: '2026-12-10' });
  const elapsed = performance.now() - started;
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  if (!r.ok) return;
  console.log(`# 2000 voters provisioned in ${Math.round(elapsed)} ms (${JSON.stringify(Object.fromEntries(Object.entries(r.value.timings).map(([k, v]) => [k, Math.round(v)])))})`);
  // Generous bound: the machine is shared; the figure itself goes to the bench table (npm run bench).
  assert.ok(elapsed < 180_000, 'reasonable time');
  assert.equal(r.value.pages, 250);

  const bundleText = await readFile(join(out, 'bundle.json'), 'utf8');
  const bundle = bundleSchema.parse(JSON.parse(bundleText));
  const rows = readCodesCsv(await readFile(join(out, 'codes.csv'), 'utf8'));
  assert.equal(rows.length, 2000);
  const codes = rows.map((row) => row.code ?? '');
  assert.equal(new Set(codes).size, 2000, 'codes are unique');

  // No code in any form (printed, normalised, lowercase) appears in the bundle.
  const normalised = codes.map((c) => {
    const p = parseCode(c);
    assert.ok(p.ok, `${c} parses with its check character`);
    return p.ok ? p.normalised : '';
  });
  const haystack = bundleText.toUpperCase();
  const candidates = new Set([...haystack.matchAll(/[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]/g)].map((m) => m[0].replace(/-/g, '')));
  for (const n of normalised) assert.ok(!candidates.has(n), 'plain code found in bundle.json');
  assert.ok(!normalised.some((n) => haystack.includes(n)), 'normalised code found in bundle.json');

  // Each card's hash is HMAC(pepper, normalised code) and the weights and groups carried over.
  const pepper = Buffer.from(bundle.pepper, 'base64');
  assert.equal(pepper.length, 32);
  bundle.cards.forEach((card, i) => {
    assert.equal(card.label, rows[i]?.label);
    assert.equal(String(card.weight), rows[i]?.weight);
    assert.equal(card.group, rows[i]?.group);
    assert.equal(card.codeHash, createHmac('sha256', pepper).update(normalised[i] ?? '').digest('hex'));
  });
  assert.ok(await verifyPassphrase('voorzitter-geheim', bundle.chair.passphraseHash));
  assert.equal(bundle.network.tls?.trusted, false);
  assert.ok(!bundleText.includes('voorzitter-geheim'));

  const report = await readFile(join(out, 'report.txt'), 'utf8');
  assert.ok(report.includes('voorzitter-geheim'));
  assert.ok(report.includes(`SHA-256 fingerprint: ${bundle.network.tls?.fingerprint}`));
  const total = bundle.cards.reduce((s, c) => s + BigInt(c.weight), 0n);
  assert.ok(report.includes(`Total weight:       ${total.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}`));
  assert.match(report, /Cards: {14}2000/);
  for (const f of ['bundle.json', 'codes.csv', 'report.txt', 'cards.pdf']) {
    assert.equal((await stat(join(out, f))).mode & 0o077, 0, `${f} is readable by its owner only`);
  }
});

test('the generated chair certificate: ECDSA P-256, SAN host and address, valid on the event date, fingerprint in the bundle', async () => {
  const out = join(dir, 'cert');
  const r = await provisionEvent({ voters: await voters('v2.csv', 2), name: 'X', out, host: 'stem.vereniging.test', address: '10.9.0.1', date: '2027-03-01' });
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  const bundle = bundleSchema.parse(JSON.parse(await readFile(join(out, 'bundle.json'), 'utf8')));
  const tls = bundle.network.tls;
  assert.ok(tls);
  const cert = new X509Certificate(tls.certPem);
  assert.equal(cert.fingerprint256, tls.fingerprint);
  assert.equal(cert.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  assert.equal(cert.subjectAltName, 'DNS:stem.vereniging.test, IP Address:10.9.0.1');
  assert.ok(cert.checkHost('stem.vereniging.test'));
  assert.ok(cert.checkIP('10.9.0.1'));
  assert.ok(new Date(cert.validTo) > new Date('2027-03-02T00:00:00Z'));
  assert.ok(new Date(cert.validFrom) <= new Date());
  assert.equal(cert.ca, false);
  assert.equal(bundle.network.host, 'stem.vereniging.test');
});

test('per-card PSKs are PBKDF2-HMAC-SHA1 of the printed passphrases', async () => {
  const out = join(dir, 'psk');
  const r = await provisionEvent({ voters: await voters('v5.csv', 5), name: 'X', out, ssid: 'Zaal', perCardWifi: true });
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  const bundle = bundleSchema.parse(JSON.parse(await readFile(join(out, 'bundle.json'), 'utf8')));
  const rows = readCodesCsv(await readFile(join(out, 'codes.csv'), 'utf8'));
  for (const [i, row] of rows.entries()) {
    assert.deepEqual(bundle.network.cardPsks?.[i], { label: row.label, psk: await wpaPsk(row.wifi_passphrase ?? '', 'Zaal') });
  }
  // Known vector (IEEE 802.11i H.4.1): passphrase "password", SSID "IEEE".
  assert.equal(await wpaPsk('password', 'IEEE'), 'f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e');
});

test('the shared examples provision (semicolons, BOM, CRLF, billion-scale weights)', async () => {
  const r = await provisionEvent({ voters: 'test/fixtures/voters-agm-nl.csv', name: 'AVA', out: join(dir, 'agm'), mode: 'external-ap', ssid: 'Venue-Guest', wifiPassphrase: 'welkom2026', dryRun: true });
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  if (r.ok) {
    assert.equal(r.value.cards.length, 1200);
    assert.equal(r.value.totalWeight, r.value.cards.reduce((s, c) => s + BigInt(c.weight), 0n));
  }
  await assert.rejects(stat(join(dir, 'agm')), 'dry run writes nothing');
  const board = await provisionEvent({ voters: 'test/fixtures/voters-board.csv', name: 'Bestuur', out: join(dir, 'board'), dryRun: true });
  assert.equal(board.ok, true);
});

const wifiCases: Array<{ name: string; options: Record<string, unknown>; message: RegExp }> = [
  { name: 'SSID longer than 32 bytes', options: { ssid: 'Algemene ledenvergadering 2026 ‒ zaal' }, message: /^--ssid: must be 1 to 32 bytes of UTF-8 \(it has 39\) \(rule bytes-1-32\)$/ },
  { name: 'short passphrase', options: { wifiPassphrase: 'kort' }, message: /^--wifi-passphrase: must be 8 to 63 characters \(it has 4\) \(rule length-8-63\)$/ },
  { name: 'non-ASCII passphrase', options: { wifiPassphrase: 'geheimwachtwoord€' }, message: /^--wifi-passphrase: only printable ASCII characters.*\(rule printable-ascii\)$/ },
  { name: 'unknown country', options: { country: 'XX' }, message: /^--country: XX is not an ISO 3166-1 country code \(rule iso-3166\)$/ },
  { name: 'channel 13 in the US', options: { country: 'US', channel: 13 }, message: /^--channel: 13 is not allowed on 2.4 GHz in US; choose one of 1, 2, .*11 \(rule channel-for-band-and-country\)$/ },
  { name: 'DFS channel on 5 GHz', options: { band: '5', channel: 100 }, message: /^--channel: 100 needs radar detection/ },
  { name: 'per-card Wi-Fi with WPA3', options: { perCardWifi: true, security: 'wpa3' }, message: /^--per-card-wifi: per-card keys work with security wpa2 only \(rule psk-file-wpa2-only\)$/ },
  { name: 'per-card Wi-Fi in venue mode', options: { perCardWifi: true, mode: 'venue' }, message: /^--per-card-wifi: needs the appliance's own access point/ },
  { name: 'bad host name', options: { host: 'Stem_Zaal' }, message: /^--host: / },
  { name: 'appliance address is the broadcast address', options: { address: '10.42.0.255' }, message: /^--address: 10\.42\.0\.255 is the broadcast address of its \/24 \(rule host-address\)$/ },
  { name: 'venue mode without a host the venue can resolve', options: { mode: 'venue' }, message: /^--host: required with --mode venue/ },
];

for (const c of wifiCases) {
  test(`network settings refused with the hostapd-config rules: ${c.name}; nothing written`, async () => {
    const out = join(dir, `wifi-${c.name.replace(/\W+/g, '-')}`);
    const r = await provisionEvent({ voters: await voters('w.csv', 2), name: 'X', out, ...c.options });
    assert.equal(r.ok, false);
    if (!r.ok) assert.ok(r.error.some((e) => c.message.test(e)), r.error.join('\n'));
    await assert.rejects(stat(out));
  });
}

test('a bad voter list writes nothing and reports every bad line', async () => {
  const path = join(dir, 'bad.csv');
  await writeFile(path, 'label,weight\nA,1\nA,2\nB,0\n');
  const out = join(dir, 'bad-out');
  const r = await provisionEvent({ voters: path, name: 'X', out });
  assert.deepEqual(r.ok ? [] : r.error, [
    `${path}: line 3: label "A" is already used on line 2`,
    `${path}: line 4: weight 0 is zero; weights are whole numbers from 1 to 1000000000000 (leave the voter out instead)`,
  ]);
  await assert.rejects(stat(out));
});

test('an earlier run is not overwritten without --force', async () => {
  const out = join(dir, 'again');
  const v = await voters('a.csv', 2);
  assert.equal((await provisionEvent({ voters: v, name: 'X', out })).ok, true);
  const before = await readFile(join(out, 'codes.csv'), 'utf8');
  const again = await provisionEvent({ voters: v, name: 'X', out });
  assert.equal(again.ok, false);
  if (!again.ok) assert.match(again.error[0] ?? '', /already holds bundle.json, cards.pdf, codes.csv, report.txt from an earlier run.*--force/);
  assert.equal(await readFile(join(out, 'codes.csv'), 'utf8'), before);
  assert.equal((await provisionEvent({ voters: v, name: 'X', out, force: true })).ok, true);
  assert.notEqual(await readFile(join(out, 'codes.csv'), 'utf8'), before);
  assert.deepEqual((await readdir(out)).sort(), ['bundle.json', 'cards.pdf', 'codes.csv', 'report.txt']);
});

test('prepared polls are validated with the poll schema and carried into the bundle', async () => {
  const good = join(dir, 'polls.json');
  await writeFile(good, JSON.stringify([{ title: 'Jaarrekening 2025', kind: 'motion', rule: { kind: 'simple' } }, { title: 'Voorzitter', kind: 'choice', options: ['Jansen', 'De Vries'] }]));
  const r = await provisionEvent({ voters: await voters('p.csv', 2), name: 'X', out: join(dir, 'polls'), polls: good });
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  const bundle = bundleSchema.parse(JSON.parse(await readFile(join(dir, 'polls', 'bundle.json'), 'utf8')));
  assert.equal(bundle.polls.length, 2);
  const bad = join(dir, 'bad-polls.json');
  await writeFile(bad, JSON.stringify({ polls: [{ title: 'ok', kind: 'motion' }, { title: '', kind: 'vote' }] }));
  const refused = await provisionEvent({ voters: await voters('p2.csv', 2), name: 'X', out: join(dir, 'polls2'), polls: bad });
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.ok(refused.error.every((e) => e.startsWith(`--polls ${bad}: poll 2`)), refused.error.join('\n'));
});

test('one run lists every problem at once: voter list, Wi-Fi, date and name', async () => {
  const path = join(dir, 'bad2.csv');
  await writeFile(path, 'label,weight\nA,0\n');
  const r = await provisionEvent({ voters: path, name: 'Line\nbreak', out: join(dir, 'all'), wifiPassphrase: 'short', date: '2026-02-30' });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.deepEqual(r.error, [
      '--name: the event name must not contain line breaks or control characters',
      '--date: 2026-02-30 is not a date; write it as YYYY-MM-DD',
      '--wifi-passphrase: must be 8 to 63 characters (it has 5) (rule length-8-63)',
      `${path}: line 2: weight 0 is zero; weights are whole numbers from 1 to 1000000000000 (leave the voter out instead)`,
    ]);
  }
});
