// A folder-mode wipe over a real LMDB environment: every marker is findable before, none after; the store
// reopens empty; the signed attestation verifies and no single changed byte survives verification.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { open } from 'lmdb';
import { createDeclaredClock } from '../../firmware/device/clock.js';
import { loadOrCreateIdentity, type DeviceIdentity } from '../../firmware/device/identity.js';
import { loadLatestAttestation } from '../../firmware/wipe/attestation-store.js';
import { plantCanaries } from '../../firmware/wipe/canaries.js';
import { createFolderWiper } from '../../firmware/wipe/folder-wiper.js';
import { scanForMarkers } from '../../firmware/wipe/marker-scan.js';
import { wipeEvent } from '../../firmware/wipe/wipe-event.js';
import { verifyCommand } from '../../provision/verify.js';

const silent = { out: () => {}, err: () => {} };

let root: string;
let identity: DeviceIdentity;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'conclave-wipe-'));
  identity = await loadOrCreateIdentity(join(root, 'data', 'device'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const polls = [
  { id: 'p1', title: 'Approve the annual accounts 2026', options: ['For', 'Against', 'Abstain'] },
  { id: 'p2', title: 'Elect the treasurer of the Bird Watching Society', options: ['Marijke van Oosterhout', 'Pieter-Jan Ødegaard', 'Blank vote'] },
];
const secrets = polls.flatMap((p) => [p.title, ...p.options]);

async function fillStore(eventDir: string, canaries: string[]): Promise<void> {
  const db = open({ path: eventDir });
  await db.put('event', { id: 'evt-1', name: 'Annual meeting', canaries });
  for (const p of polls) await db.put(`poll:${p.id}`, { title: p.title, options: p.options.map((label, i) => ({ id: `o${i}`, label })) });
  // Enough unrelated records that the markers sit among many pages, and old page versions exist.
  for (let i = 0; i < 2000; i++) void db.put(`roll:p1:${i.toString().padStart(5, '0')}`, { voted: true, filler: 'x'.repeat(64) });
  await db.put('tally:p1', { for: '123', against: '45' });
  await db.flushed;
  await db.close();
}

test('folder wipe of a real LMDB event leaves no canary, title or label and an attestation that verifies', async () => {
  const dataDir = join(root, 'data');
  const eventDir = join(dataDir, 'event');
  const deviceDir = join(dataDir, 'device');
  await mkdir(eventDir, { recursive: true });
  const canaries = plantCanaries();
  await fillStore(eventDir, canaries);

  // Positive control: the scanner sees every marker of at least 4 bytes in the raw LMDB files.
  const markers = [...canaries, ...secrets.filter((s) => Buffer.byteLength(s) >= 4)].map((s) => Buffer.from(s));
  const beforeScan = await scanForMarkers([eventDir], markers);
  assert.equal(beforeScan.found.size, markers.length, 'every marker is present before the wipe');

  let closed = false;
  const clock = createDeclaredClock();
  clock.declare('2026-12-03T20:00:00+01:00');
  const { attestation, serialized } = await wipeEvent(
    {
      wiper: createFolderWiper({ eventDir, scanRoots: [dataDir] }),
      identity,
      clock,
      software: { version: 'test', hash: 'sha256:00' },
      deviceDir,
      closeEvent: async () => {
        closed = true;
      },
    },
    { event: { id: 'evt-1', name: 'Annual meeting' }, canaries, secrets, auditHead: { entries: 7, hash: 'ab'.repeat(32) }, resultsDocumentDigest: 'cd'.repeat(32) },
  );
  assert.ok(closed);
  assert.equal(attestation.outcome, 'wiped');
  assert.equal(attestation.verification.result, 'clean');
  assert.equal(attestation.verification.found, 0);
  assert.equal(attestation.verification.canariesSearched, 4);
  assert.equal(attestation.verification.secretsSearched, 7, 'two titles and six labels, of which only "For" is too short');
  assert.equal(attestation.verification.secretsSkipped, 1);
  assert.ok(attestation.wiped.kind === 'folder' && attestation.wiped.files >= 2 && attestation.wiped.sizeBytes > 100_000);
  assert.equal(attestation.time.finished.declared?.slice(0, 16), '2026-12-03T19:00');
  assert.equal(attestation.time.finished.source, 'chair-console');
  assert.match(attestation.limitations.join(' '), /can guarantee a NIST SP 800-88 Purge of such media/);

  // Independent check: nothing in the whole data folder (attestation included) carries a marker.
  assert.deepEqual(await readdir(eventDir), []);
  const afterScan = await scanForMarkers([dataDir], markers);
  assert.equal(afterScan.found.size, 0);
  assert.ok(afterScan.bytesScanned > 0, 'the device folder (key, attestation) was read');

  const reopened = open({ path: eventDir });
  assert.equal(reopened.getKeysCount(), 0);
  assert.equal(reopened.get('event'), undefined);
  await reopened.close();

  // Served after the wipe exactly as signed, and checkable offline.
  assert.equal(await loadLatestAttestation(deviceDir), serialized);
  const file = join(root, 'attestation.json');
  const keyFile = join(root, 'device.pem');
  await writeFile(file, serialized);
  await writeFile(keyFile, identity.publicKeyPem);
  const lines: string[] = [];
  assert.equal(await verifyCommand([file, '--public-key', keyFile], { out: (l) => lines.push(l), err: (l) => lines.push(l) }), 0);
  assert.match(lines.join('\n'), /^VALID: wipe attestation for event "Annual meeting".*outcome WIPED/);

  const bytes = Buffer.from(serialized);
  const tampered = join(root, 'tampered.json');
  for (let i = 0; i < bytes.length; i++) {
    const copy = Buffer.from(bytes);
    copy[i] = copy[i]! ^ (i % 2 === 0 ? 0x01 : 0x20);
    await writeFile(tampered, copy);
    assert.equal(await verifyCommand([tampered, '--public-key', keyFile], silent), 1, `byte ${i} changed and still valid`);
  }
});

test('a marker left anywhere in the scanned data folder makes the attestation say the wipe is incomplete', async () => {
  const dataDir = join(root, 'data2');
  const eventDir = join(dataDir, 'event');
  await mkdir(eventDir, { recursive: true });
  const canaries = plantCanaries();
  await fillStore(eventDir, canaries);
  await writeFile(join(dataDir, 'stray.log'), `copied by mistake: ${canaries[2]}\n`);
  const { attestation } = await wipeEvent(
    {
      wiper: createFolderWiper({ eventDir, scanRoots: [dataDir] }),
      identity,
      clock: createDeclaredClock(),
      software: { version: 'test', hash: 'sha256:00' },
      deviceDir: join(dataDir, 'device'),
      closeEvent: async () => {},
    },
    { event: { id: 'evt-2', name: 'Second' }, canaries, secrets, auditHead: { entries: 1, hash: '00' }, resultsDocumentDigest: null },
  );
  assert.equal(attestation.outcome, 'incomplete');
  assert.equal(attestation.verification.result, 'markers-found');
  assert.equal(attestation.verification.found, 1);
  assert.match(attestation.statement, /did NOT complete/);
  assert.equal(attestation.time.finished.declared, null);
  assert.equal(attestation.time.finished.source, 'none');
});
