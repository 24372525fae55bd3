// A whole test meeting over the real Koa app, real sockets and a real LMDB store, with the appliance
// controls (gesture machine, LED controller) and the attestor wired as main.ts wires them: the button
// closes the poll, the results document verifies, long press + confirm wipes the event in folder mode,
// nothing of the event is left in the data folder, voters get no_event and the attestation verifies.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { scanForMarkers } from '../../firmware/wipe/marker-scan.js';
import { verifyCommand } from '../../provision/verify.js';
import { makeBundle } from '../helpers/bundle.js';
import { Device, loginChair, loginVoter } from '../helpers/client.js';
import { startApplianceApp } from '../hardware/appliance-app.js';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'conclave-meeting-wipe-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('button-closed meeting, signed results, long press + confirm wipe, attestation', async () => {
  const tb = await makeBundle({ weights: [3, 1, 1, 2], name: 'Spring members meeting' });
  const app = await startApplianceApp(tb);
  const { base, meeting, device, attestor, led, logs, dataDir } = app;
  try {
    const dev = new Device(base);
    assert.deepEqual((await dev.get('/api/dev/led')).body, { pattern: 'on' });
    const chair = await loginChair(base, tb.passphrase);
    const title = 'Adopt the renovation budget of the clubhouse';
    const created = await chair.chairPost('/api/chair/polls', { title, kind: 'choice', options: ['Plan Oosterhout', 'Plan Vredenburg'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const pollId = created.body.id as string;
    assert.equal((await chair.chairPost(`/api/chair/polls/${pollId}/open`)).status, 200);
    assert.deepEqual((await dev.get('/api/dev/led')).body, { pattern: 'slow-blink' });
    assert.equal((await chair.get('/api/chair/results-document')).status, 409, 'polls_open');

    const optionIds = (created.body.options as { id: string }[]).map((o) => o.id);
    for (const [i, card] of tb.cards.entries()) {
      const voter = await loginVoter(base, card.code);
      const r = await voter.post('/api/voter/ballots', { pollId, choices: [optionIds[i % 2]] });
      assert.equal(r.status, 201);
    }
    // The (simulated) button closes the poll.
    assert.equal((await dev.post('/api/dev/button', { press: 'short' })).status, 204);
    assert.equal(meeting.polls()[0]!.status, 'closed');
    assert.deepEqual((await dev.get('/api/dev/led')).body, { pattern: 'on' });

    // The results document as served verifies byte for byte.
    const res = await fetch(`${base}/api/chair/results-document`, { headers: { cookie: chair.cookieHeader() } });
    assert.equal(res.status, 200);
    const resultsText = await res.text();
    const keyFile = join(root, 'device.pem');
    await writeFile(keyFile, device.publicKeyPem);
    await writeFile(join(root, 'results.json'), resultsText);
    const out: string[] = [];
    assert.equal(await verifyCommand([join(root, 'results.json'), '--public-key', keyFile], { out: (l) => out.push(l), err: (l) => out.push(l) }), 0, out.join('\n'));
    assert.match(out[0]!, /1 poll\(s\)/);
    const results = JSON.parse(resultsText);
    assert.deepEqual(results.polls[0].tally.map((t: { weight: string }) => t.weight), ['4', '3']);

    // Long press arms (LED fast blink), short press confirms: the wipe runs.
    await dev.post('/api/dev/button', { press: 'long' });
    assert.deepEqual((await dev.get('/api/dev/led')).body, { pattern: 'fast-blink' });
    await dev.post('/api/dev/button', { press: 'short' });
    assert.deepEqual((await dev.get('/api/dev/led')).body, { pattern: 'off' });
    assert.deepEqual(led.history(), ['heartbeat', 'on', 'slow-blink', 'on', 'fast-blink', 'very-fast', 'off']);

    const attestation = attestor.lastAttestation();
    assert.ok(attestation);
    assert.equal(attestation.outcome, 'wiped');
    assert.equal(attestation.verification.found, 0);
    assert.equal(attestation.verification.canariesSearched, 4);
    assert.equal(attestation.event.name, 'Spring members meeting');
    // The console that watched the button wipe still fetches the attestation with its session.
    const fetched = await chair.get('/api/chair/attestation');
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, JSON.parse(JSON.stringify(attestation)));
    assert.equal((await new Device(base).get('/api/chair/attestation')).status, 401);
    assert.equal(attestation.resultsDocument.digest, out[0]!.match(/document digest ([0-9a-f]{64})/)![1]);

    // Nothing of the event is left anywhere in the data folder; the store is empty; voters get no_event.
    const markers = [title, 'Plan Oosterhout', 'Plan Vredenburg', 'Spring members meeting'].map((s) => Buffer.from(s));
    assert.equal((await scanForMarkers([dataDir], markers)).found.size, 0);
    assert.equal(app.store().event(), undefined);
    assert.equal(app.store().polls().length, 0);
    const late = await new Device(base).post('/api/voter/session', { code: tb.cards[0]!.code });
    assert.equal(late.status, 503);
    assert.equal(late.body.code, 'no_event');

    const attFile = join(root, 'attestation.json');
    await writeFile(attFile, JSON.stringify(attestation));
    assert.equal(await verifyCommand([attFile, '--public-key', keyFile], { out: () => {}, err: () => {} }), 0);
    const flipped = Buffer.from(JSON.stringify(attestation));
    flipped[200] = flipped[200]! ^ 0x01;
    await writeFile(attFile, flipped);
    assert.equal(await verifyCommand([attFile, '--public-key', keyFile], { out: () => {}, err: () => {} }), 1);

    // The audit chain of the wiped event is gone with it; gesture entries were written while it lived.
    assert.ok(!logs.join('').includes(tb.cards[0]!.code), 'no code in the logs');
  } finally {
    await app.close();
  }
});
