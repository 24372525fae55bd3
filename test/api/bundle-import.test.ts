// conclaved's import of a provision bundle at start: a valid one becomes the event (and is removed
// with --remove-bundle); a broken one is left in place, shown on /api/health and by the LED (SOS).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeBundle } from '../helpers/bundle.js';
import { Device, loginVoter } from '../helpers/client.js';
import { startConclaved, writeBundle } from '../helpers/child.js';

describe('bundle import at start', () => {
  it('imports a valid bundle, removes it with --remove-bundle, and keeps the event on restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conclave-import-'));
    const tb = await makeBundle({ count: 3, polls: [{ title: 'Prepared', kind: 'motion' }] });
    const path = await writeBundle(dir, tb.bundle);
    const args = ['--data', join(dir, 'event'), '--device-dir', join(dir, 'device'), '--simulate-hardware'];
    let child = await startConclaved([...args, '--bundle', path, '--remove-bundle']);
    try {
      assert.equal(existsSync(path), false, 'the bundle is gone after import');
      const health = (await new Device(child.url).get('/api/health')).body;
      assert.deepEqual(health, { ok: true, event: true, notices: [] });
      await loginVoter(child.url, tb.cards[0]!.code);
      await child.kill();
      // Another bundle offered later does not replace the loaded event.
      const other = await makeBundle({ count: 1, name: 'Other' });
      const otherPath = await writeBundle(dir, other.bundle);
      child = await startConclaved([...args, '--bundle', otherPath]);
      const state = (await new Device(child.url).get('/api/screen/state')).body;
      assert.equal(state.event.name, 'Test meeting');
    } finally {
      await child.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves a broken bundle in place and signals it on /api/health and the LED', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conclave-import-'));
    const tb = await makeBundle({ count: 2 });
    const path = join(dir, 'bundle.json');
    await writeFile(path, JSON.stringify({ ...tb.bundle, cards: [{ ...tb.bundle.cards[0], weight: -5 }] }));
    const child = await startConclaved(['--data', join(dir, 'event'), '--device-dir', join(dir, 'device'), '--simulate-hardware', '--bundle', path, '--remove-bundle']);
    try {
      assert.equal(existsSync(path), true, 'a rejected bundle stays for the technician');
      const health = (await new Device(child.url).get('/api/health')).body;
      assert.equal(health.event, false);
      assert.match(health.notices[0], /rejected: cards\.0\.weight/);
      assert.equal((await new Device(child.url).get('/api/dev/led')).body.pattern, 'sos');
      const voter = await new Device(child.url).post('/api/voter/session', { code: tb.cards[0]!.code });
      assert.equal(voter.status, 503);
      assert.equal(voter.body.code, 'no_event');
    } finally {
      await child.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
