// `conclave-provision verify` on signed results documents: valid ones pass with a summary, anything altered,
// re-formatted or signed by another key fails with a reason.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { identityFromPrivateKey, type DeviceIdentity } from '../../firmware/device/identity.js';
import { buildResultsDocument, type ResultsView } from '../../firmware/wipe/results-document.js';
import { canonicalJson, documentDigest, serializeSignedDocument, signDocument } from '../../firmware/wipe/signed-document.js';
import { verifyCommand } from '../../provision/verify.js';

let dir: string;
let identity: DeviceIdentity;
let keyFile: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-verify-'));
  identity = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
  keyFile = join(dir, 'device.pem');
  await writeFile(keyFile, identity.publicKeyPem);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const view: ResultsView = {
  poll: {
    id: 'p1',
    title: 'Approve the annual accounts — “2026” ✓',
    description: 'As circulated',
    kind: 'motion',
    options: [
      { id: 'for', label: 'For' },
      { id: 'against', label: 'Against' },
      { id: 'abstain', label: 'Abstain' },
    ],
    minChoices: 1,
    maxChoices: 1,
    status: 'closed',
    rule: { kind: 'qualified', fraction: '2/3' },
    quorum: { of: 'present', measure: 'weight', atLeast: '1/2' },
  },
  tally: [
    { optionId: 'for', label: 'For', weight: '900000000000123', heads: 31 },
    { optionId: 'against', label: 'Against', weight: '17', heads: 2 },
    { optionId: 'abstain', label: 'Abstain', weight: '0', heads: 0 },
  ],
  cast: { weight: '900000000000140', heads: 33 },
  present: { weight: '900000000000150', heads: 35 },
  entitled: { weight: '1000000000000000', heads: 40 },
  verdict: { outcome: 'adopted', explanation: 'for 900000000000123 ≥ 2/3 of 900000000000140' },
  warnings: [{ code: 'dominant_weight', message: 'one card holds more than half of the cast weight' }],
};

function signedResults(): string {
  const doc = buildResultsDocument({
    event: { id: 'evt-1', name: 'Annual meeting' },
    polls: [view],
    auditHead: { entries: 42, hash: 'ab'.repeat(32) },
    device: identity,
    software: { version: '1.0.0', hash: 'sha256:' + '0'.repeat(64) },
    time: { declared: '2026-12-03T19:00:00.000Z', monotonicMs: 12345, source: 'chair-console' },
  });
  return serializeSignedDocument(signDocument(doc, identity));
}

async function run(text: string | Buffer, key = keyFile): Promise<{ code: number; out: string }> {
  const file = join(dir, 'doc.json');
  await writeFile(file, text);
  const lines: string[] = [];
  const code = await verifyCommand(['verify', file, '--public-key', key], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

test('a signed results document verifies and is summarised; its contents are what was built', async () => {
  const text = signedResults();
  const r = await run(text);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /^VALID: results document for event "Annual meeting" \(evt-1\); 1 poll\(s\) \[adopted\]; audit head 42 entries/);
  const doc = JSON.parse(text);
  assert.equal(doc.polls[0].poll.question, view.poll.title);
  assert.equal(doc.polls[0].tally[0].weight, '900000000000123');
  assert.equal(doc.polls[0].turnout.heads, '33 of 40 (82.5 %)');
  assert.equal(doc.device.fingerprint, identity.fingerprint);
  assert.equal(doc.signature.publicKeyFingerprint, identity.fingerprint);
  assert.match(documentDigest(doc), /^[0-9a-f]{64}$/);
});

test('the chair console download (same key order, indented by two spaces) verifies too', async () => {
  const text = signedResults();
  const r = await run(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, new RegExp(`document digest ${documentDigest(JSON.parse(text))}`));
});

for (const rendering of ['canonical', 'indented'] as const) {
test(`changing any single byte of a results document (${rendering}) makes verify fail`, async () => {
  const canonical = signedResults();
  const bytes = Buffer.from(rendering === 'canonical' ? canonical : `${JSON.stringify(JSON.parse(canonical), null, 2)}\n`);
  const file = join(dir, 'flip.json');
  const silent = { out: () => {}, err: () => {} };
  for (let i = 0; i < bytes.length; i++) {
    const copy = Buffer.from(bytes);
    copy[i] = copy[i]! ^ (i % 3 === 0 ? 0x01 : i % 3 === 1 ? 0x04 : 0x80);
    await writeFile(file, copy);
    assert.equal(await verifyCommand([file, '--public-key', keyFile], silent), 1, `byte ${i} changed and still valid`);
  }
});
}

test('reasons: re-formatted, another key, truncated, signature removed, re-signed field', async () => {
  const text = signedResults();
  const doc = JSON.parse(text);

  const pretty = await run(JSON.stringify(doc, null, 4));
  assert.equal(pretty.code, 1);
  assert.match(pretty.out, /INVALID: .*not in the exact form the device issued/);
  const { type, ...rest } = doc;
  assert.equal((await run(JSON.stringify({ ...rest, type }, null, 2))).code, 1, 'keys reordered');

  const other = identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
  const otherKey = join(dir, 'other.pem');
  await writeFile(otherKey, other.publicKeyPem);
  const wrong = await run(text, otherKey);
  assert.equal(wrong.code, 1);
  assert.match(wrong.out, /INVALID: signed by key .* not by the given key/);

  assert.equal((await run(text.slice(0, 100))).code, 1);

  const { signature: _s, ...unsigned } = doc;
  const bare = await run(canonicalJson(unsigned));
  assert.equal(bare.code, 1);
  assert.match(bare.out, /missing or malformed "signature"/);

  // A forger who edits a tally and re-serialises canonically still fails on the signature.
  doc.polls[0].tally[1].weight = '18';
  const edited = await run(`${canonicalJson(doc)}\n`);
  assert.equal(edited.code, 1);
  assert.match(edited.out, /signature does not match/);
});

test('the key may be the JSON of GET /api/device; usage errors exit 2', async () => {
  const deviceJson = join(dir, 'device.json');
  await writeFile(deviceJson, JSON.stringify({ deviceId: identity.deviceId, publicKey: identity.publicKeyPem, fingerprint: identity.fingerprint }));
  assert.equal((await run(signedResults(), deviceJson)).code, 0);
  const silent = { out: () => {}, err: () => {} };
  assert.equal(await verifyCommand(['verify'], silent), 2);
  assert.equal(await verifyCommand(['verify', 'x.json'], silent), 2);
  assert.equal(await verifyCommand(['verify', 'x.json', '--public-key', keyFile, '--bogus'], silent), 2);
  assert.equal(await verifyCommand([join(dir, 'missing.json'), '--public-key', keyFile], silent), 1);
});
