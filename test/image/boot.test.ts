// The image boot test (npm run test:image): boots a test variant of the built SD-card image under
// qemu-system-aarch64 -M virt and checks it from outside (forwarded port) and inside (markers that the
// test-variant units print on the serial console). Needs a built image (npm run image) and runs for many minutes.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeBundle } from '../../provision/write.js';
import { provisionFixture, type ImageFixture } from './fixture.js';
import { testVariantFiles } from './guest-files.js';
import { call, waitForHealth } from './http.js';
import { addToRoot, locateImage, makeVariant, type Variant } from './image-file.js';
import { boot } from './qemu.js';

const BOOT_MS = 10 * 60_000;
const STEP_MS = 5 * 60_000;
const PHONE_STEPS = ['host-link', 'hwsim', 'wifi-associated', 'dhcp-lease', 'dns-probe', 'portal-redirect', 'chair-login', 'poll-open', 'voter-login', 'ballot'];
// Then the privileged wipe path, as conclaved triggers it (see image/README.md).
const WIPE_STEPS = ['wipe-request', 'wipe-recreated', 'wipe-raw-read', 'wipe-service-back'];

let scratch = '';
let source = '';
let fixture: ImageFixture;

const consoleLog = (name: string) => join('test-artifacts', `image-${name}-console.log`);

async function variantWithEvent(opts: { wipeCheck?: boolean } = {}): Promise<Variant> {
  const v = await makeVariant(source);
  const { files, symlinks } = await testVariantFiles(fixture, opts);
  await addToRoot(v, files, symlinks);
  // The technician's path: the bundle goes onto the boot partition of the card (here, of the image file).
  const written = await writeBundle({ bundle: fixture.bundlePath, image: v.image });
  if (!written.ok) throw new Error(`conclave-provision write: ${written.error.join('; ')}`);
  return v;
}

describe('SD-card image under qemu-system-aarch64 -M virt', { timeout: 60 * 60_000 }, () => {
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'conclave-image-'));
    source = await locateImage(scratch);
    fixture = await provisionFixture(join(scratch, 'fixture'));
  });
  after(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  test('boots, /api/health answers, no unit failed; a simulated phone joins the Wi-Fi, gets a lease, meets the portal and votes; the wipe helper crypto-erases', async (t) => {
    const v = await variantWithEvent({ wipeCheck: true });
    const guest = await boot(v, { consoleLog: consoleLog('boot') });
    try {
      const ms = await waitForHealth(guest.port, fixture.address, guest.startedAt, BOOT_MS, guest.alive);
      t.diagnostic(`boot to /api/health under emulation: ${(ms / 1000).toFixed(1)} s`);
      const health = await call(guest.port, fixture.address, 'GET', '/api/health');
      assert.equal((health.json as { ok?: unknown }).ok, true);
      assert.equal((health.json as { event?: unknown }).event, true, 'the provisioned event is loaded');

      const report = await guest.waitFor(/CONCLAVE-TEST system /, STEP_MS);
      t.diagnostic(report.trim());
      assert.match(report, /failed=\[\]/, 'no unit may fail');
      for (const step of [...PHONE_STEPS, ...WIPE_STEPS]) {
        const line = await guest.waitFor(new RegExp(`CONCLAVE-TEST ${step} `), STEP_MS);
        t.diagnostic(line.trim());
        assert.match(line, new RegExp(`CONCLAVE-TEST ${step} ok`), line);
      }
    } finally {
      await guest.kill();
      await rm(v.dir, { recursive: true, force: true });
    }
  });

  test('power cut while ballots are cast: every acknowledged ballot is there after the next boot', async (t) => {
    const v = await variantWithEvent();
    const host = fixture.address;
    let guest = await boot(v, { consoleLog: consoleLog('power-cut-1') });
    let acknowledged = 0;
    let attempted = 0;
    try {
      await waitForHealth(guest.port, host, guest.startedAt, BOOT_MS, guest.alive);
      const chair = await call(guest.port, host, 'POST', '/api/chair/session', { body: { passphrase: fixture.chairPassphrase }, chair: true });
      assert.equal(chair.status, 201);
      const overview = (await call(guest.port, host, 'GET', '/api/chair/overview', { cookie: chair.cookie })).json as { polls: { id: string; status: string }[] };
      const pollId = overview.polls[0]!.id;
      if (overview.polls[0]!.status !== 'open') {
        // The phone unit of the test variant may have opened it already.
        const opened = await call(guest.port, host, 'POST', `/api/chair/polls/${pollId}/open`, { cookie: chair.cookie, chair: true });
        assert.ok([200, 409].includes(opened.status), `open: ${opened.status}`);
      }
      // Voters 2..n (the phone in the guest uses the first code). The power goes after the fifth acknowledgement,
      // while the next ballots are in flight.
      const g = guest;
      let cut: Promise<void> | undefined;
      for (const code of fixture.codes.slice(1)) {
        attempted++;
        try {
          const voter = await call(g.port, host, 'POST', '/api/voter/session', { body: { code } });
          const state = (await call(g.port, host, 'GET', '/api/voter/state', { cookie: voter.cookie })).json as { poll: { id: string; options: { id: string }[] } };
          const ballot = await call(g.port, host, 'POST', '/api/voter/ballots', {
            cookie: voter.cookie,
            body: { pollId: state.poll.id, choices: [state.poll.options[0]!.id] },
          });
          if (ballot.status === 201) acknowledged++;
        } catch {
          break; // the power is gone
        }
        if (acknowledged === 5 && !cut) cut = new Promise((r) => setTimeout(r, 150)).then(() => g.kill());
      }
      await cut;
      await g.kill();
      t.diagnostic(`power cut after ${acknowledged} acknowledged of ${attempted} attempted ballots`);
      assert.ok(acknowledged >= 5, 'ballots were acknowledged before the cut');

      guest = await boot(v, { consoleLog: consoleLog('power-cut-2') });
      await waitForHealth(guest.port, host, guest.startedAt, BOOT_MS, guest.alive);
      const chair2 = await call(guest.port, host, 'POST', '/api/chair/session', { body: { passphrase: fixture.chairPassphrase }, chair: true });
      const results = await call(guest.port, host, 'GET', `/api/chair/polls/${pollId}/results`, { cookie: chair2.cookie });
      assert.equal(results.status, 200, JSON.stringify(results.json));
      const cast = (results.json as { cast: { heads: number } }).cast.heads;
      t.diagnostic(`after the reboot the poll holds ${cast} ballots`);
      // The guest's own phone may have voted too (one more), and unacknowledged ballots may have landed.
      assert.ok(cast >= acknowledged, `${cast} ballots after the cut, ${acknowledged} were acknowledged`);
      assert.ok(cast <= attempted + 1);
    } finally {
      await guest.kill();
      await rm(v.dir, { recursive: true, force: true });
    }
  });
});
