// A spoiled card printed again carries the same code and Wi-Fi key as the original (decoded from the
// rendered PDF), and reprint refuses files that do not belong together.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionEvent } from '../../provision/event.js';
import { escapeWifiField } from '../../firmware/config/qr-payloads.js';
import { reprintCards } from '../../provision/reprint.js';
import { decodeCards, pageText, readCodesCsv } from './render-cards.js';

let dir: string;
let out: string;
let other: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-reprint-'));
  const voters = join(dir, 'voters.csv');
  await writeFile(voters, 'label,weight\nA-1,10\nA-2,20\nA-3,30\n');
  out = join(dir, 'event');
  other = join(dir, 'other');
  for (const o of [out, other]) {
    const r = await provisionEvent({ voters, name: 'Reprint', out: o, perCardWifi: true, ssid: 'Zaal, 2' });
    assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  }
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('reprinted cards decode to the original code and per-card Wi-Fi passphrase', async () => {
  const r = await reprintCards({ out, labels: ['A-3', 'A-1'], printWeight: true });
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  const rows = readCodesCsv(await readFile(join(out, 'codes.csv'), 'utf8'));
  const decoded = await decodeCards(join(out, 'reprint.pdf'), 1, 1);
  ['A-3', 'A-1'].forEach((label, i) => {
    const row = rows.find((x) => x.label === label);
    assert.ok(row);
    assert.equal(decoded[i]?.login, `http://stem.conclave.internal/#code=${row.code ?? ''}`);
    assert.equal(decoded[i]?.wifi, `WIFI:T:WPA;S:${escapeWifiField('Zaal, 2')};P:${row.wifi_passphrase ?? ''};;`);
  });
  assert.deepEqual([decoded[2]?.login, decoded[2]?.wifi], [null, null]);
  assert.match(await pageText(join(out, 'reprint.pdf'), 1), /Stemgewicht \/ Voting weight: 30/);

  const again = await reprintCards({ out, labels: ['A-2'] });
  assert.ok(!again.ok && /already exists; remove it after printing, choose another --pdf, or add --force/.test(again.error[0] ?? ''));
});

test('reprint refuses unknown labels and a codes.csv from another run', async () => {
  const unknown = await reprintCards({ out, labels: ['a-1', 'B-9'], dryRun: true });
  assert.deepEqual(unknown.ok ? [] : unknown.error, [
    '--label a-1: no such card in this event; labels are case-sensitive, see codes.csv',
    '--label B-9: no such card in this event; labels are case-sensitive, see codes.csv',
  ]);
  const mixed = join(dir, 'mixed');
  await rm(mixed, { recursive: true, force: true });
  await mkdir(mixed);
  await copyFile(join(out, 'bundle.json'), join(mixed, 'bundle.json'));
  await copyFile(join(other, 'codes.csv'), join(mixed, 'codes.csv'));
  const r = await reprintCards({ out: mixed, labels: ['A-2'] });
  assert.deepEqual(r.ok ? [] : r.error, ['--label A-2: the code in codes.csv does not match bundle.json; both files must come from the same "event" run']);
  await assert.rejects(stat(join(mixed, 'reprint.pdf')));
});
