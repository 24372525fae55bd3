// cards.pdf checked for real: pages rendered by poppler, every QR code decoded and compared with the
// strings that follow from codes.csv.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionEvent } from '../../provision/event.js';
import { escapeWifiField } from '../../firmware/config/qr-payloads.js';
import { CARDS_PER_PAGE } from '../../provision/cards-layout.js';
import { decodeCards, pageText, readCodesCsv } from './render-cards.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-cards-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function votersFile(name: string, count: number, weight = (i: number) => i + 1): Promise<string> {
  const path = join(dir, name);
  const rows = Array.from({ length: count }, (_, i) => `V-${String(i + 1).padStart(3, '0')};${weight(i)};${i % 2 ? 'even' : 'odd'}`);
  await writeFile(path, `\uFEFFlabel;weight;group\r\n${rows.join('\r\n')}\r\n`);
  return path;
}

test('per-card Wi-Fi: every card on every page decodes to its own Wi-Fi and login strings', async () => {
  const out = join(dir, 'per-card');
  const ssid = 'Zaal "1"; Vergader,kamer:A\\';
  const r = await provisionEvent({
    voters: await votersFile('v19.csv', 19, (i) => 1_000_000_000 + i),
    name: 'ALV Coöperatie 2026',
    out,
    ssid,
    perCardWifi: true,
    printWeight: true,
    date: '2026-12-10',
  });
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  const rows = readCodesCsv(await readFile(join(out, 'codes.csv'), 'utf8'));
  assert.equal(rows.length, 19);
  const pages = Math.ceil(19 / CARDS_PER_PAGE);
  const decoded = await decodeCards(join(out, 'cards.pdf'), 1, pages);
  assert.equal(decoded.length, pages * CARDS_PER_PAGE);
  const passphrases = new Set<string>();
  rows.forEach((row, i) => {
    const card = decoded[i];
    assert.ok(card, `card ${i}`);
    const pass = row.wifi_passphrase ?? '';
    passphrases.add(pass);
    assert.equal(card.wifi, `WIFI:T:WPA;S:${escapeWifiField(ssid)};P:${escapeWifiField(pass)};;`, `Wi-Fi QR of ${row.label}`);
    assert.equal(card.login, `http://stem.conclave.internal/#code=${row.code}`, `login QR of ${row.label}`);
  });
  assert.equal(passphrases.size, 19, 'every card has its own Wi-Fi passphrase');
  // Empty slots after the last card carry no QR code.
  for (const empty of decoded.slice(19)) assert.deepEqual([empty.wifi, empty.login], [null, null]);
  // The printed text: label, code, weight (asked for) and the event name.
  const text = await pageText(join(out, 'cards.pdf'), 1);
  for (const row of rows.slice(0, CARDS_PER_PAGE)) {
    assert.ok(text.includes(row.label ?? '-') && text.includes(row.code ?? '-'), `label and code of ${row.label ?? ''} printed`);
    assert.ok(text.includes(Number(row.weight).toLocaleString('nl-NL')), `weight of ${row.label} printed`);
  }
  assert.ok(text.includes('ALV Coöperatie 2026'));
  const bundle = JSON.parse(await readFile(join(out, 'bundle.json'), 'utf8')) as { network: { cardPsks: Array<{ label: string; psk: string }>; wifiPassphrase?: string } };
  assert.equal(bundle.network.cardPsks.length, 19);
  assert.equal(bundle.network.wifiPassphrase, undefined);
  const bundleText = await readFile(join(out, 'bundle.json'), 'utf8');
  for (const pass of passphrases) assert.ok(!bundleText.includes(pass), 'per-card passphrases are not in the bundle');
});

test('shared Wi-Fi passphrase, one language, weight not printed', async () => {
  const out = join(dir, 'shared');
  const r = await provisionEvent({
    voters: await votersFile('v3.csv', 3),
    name: 'Board',
    out,
    ssid: 'Conclave',
    wifiPassphrase: 'correct horse battery',
    languages: ['en'],
    date: '2026-12-10',
  });
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  const rows = readCodesCsv(await readFile(join(out, 'codes.csv'), 'utf8'));
  assert.deepEqual(Object.keys(rows[0] ?? {}), ['label', 'weight', 'group', 'code']);
  const decoded = await decodeCards(join(out, 'cards.pdf'), 1, 1);
  rows.forEach((row, i) => {
    assert.equal(decoded[i]?.wifi, 'WIFI:T:WPA;S:Conclave;P:correct horse battery;;');
    assert.equal(decoded[i]?.login, `http://stem.conclave.internal/#code=${row.code}`);
  });
  const text = await pageText(join(out, 'cards.pdf'), 1);
  assert.ok(!text.includes('Stemgewicht') && !text.includes('Voting weight'), 'weight not printed without --print-weight');
  assert.ok(text.includes('Scan the left QR code') && !text.includes('Scan de linker'), 'English only');
});

test('the longest settings still decode: 32-byte SSID, 63-character passphrase, long host name', async () => {
  const out = join(dir, 'long');
  const ssid = 'Algemene Ledenvergadering 2026 X';
  const pass = 'this is a very long shared passphrase of sixty-three characters';
  const r = await provisionEvent({ voters: await votersFile('v2.csv', 2), name: 'Long', out, ssid, wifiPassphrase: pass, host: 'very-long-host-name.vergaderzaal.voorbeeld.example.org' });
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  const rows = readCodesCsv(await readFile(join(out, 'codes.csv'), 'utf8'));
  const decoded = await decodeCards(join(out, 'cards.pdf'), 1, 1);
  rows.forEach((row, i) => {
    assert.equal(decoded[i]?.wifi, `WIFI:T:WPA;S:${ssid};P:${pass};;`);
    assert.equal(decoded[i]?.login, `http://very-long-host-name.vergaderzaal.voorbeeld.example.org/#code=${row.code ?? ''}`);
  });
  // The passphrase is printed whole (wrapped at a space), never cut short.
  const text = await pageText(join(out, 'cards.pdf'), 1);
  assert.match(text, /this is a very long shared passphrase\s+(?:\S.*\s+)?of sixty-three characters/);
});
