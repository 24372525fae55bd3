// The wipe by the physical button (long press arms it, a short press confirms): the chair console mirrors
// the armed LED, notices the wipe by itself and still offers the signed attestation, also after a reload.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import * as en from '../../webui/shared/i18n/en.js';
import { ARTIFACTS, LAPTOP, launchBrowser, startServer, watch, type Server } from './harness.js';

async function press(server: Server, kind: 'short' | 'long'): Promise<void> {
  const r = await fetch(`${server.url}/api/dev/button`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ press: kind }),
  });
  assert.equal(r.status, 204);
}

describe('wipe by the button, seen from the chair console', { timeout: 90_000 }, () => {
  let server: Server;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the armed LED, then the wiped state with the attestation to download', async () => {
    const context = await browser.newContext({ ...LAPTOP, locale: 'en-GB' });
    const chair = await context.newPage();
    const w = watch(chair);
    await chair.goto(`${server.url}/chair`);
    await chair.getByLabel(en.chair.passphrase).fill(server.demo.chairPassphrase);
    await chair.getByRole('button', { name: en.chair.signIn }).click();
    await chair.getByRole('heading', { name: en.chair.agendaTitle }).waitFor();
    const fingerprint = (await chair.locator('.fingerprint').innerText()).trim();

    await press(server, 'long');
    await chair.locator('.led[data-pattern="fast_blink"]', { hasText: en.chair.led_fast_blink }).waitFor();
    await press(server, 'short');
    await chair.getByRole('heading', { name: en.chair.wipedTitle }).waitFor({ timeout: 30_000 });
    assert.equal((await chair.locator('.attestation-fingerprint').innerText()).trim(), fingerprint);
    const [download] = await Promise.all([chair.waitForEvent('download'), chair.locator('chair-wipe a.download').click()]);
    assert.match(download.suggestedFilename(), /^conclave-wipe-attestation-Demo-members-meeting\.json$/);
    await chair.screenshot({ path: `${ARTIFACTS}/chair-console-button-wiped.png`, fullPage: true });
    assert.deepEqual(w.errors, []);

    // A reload (or a second console) still finds the attestation.
    await chair.reload();
    await chair.getByRole('heading', { name: en.chair.wipedTitle }).waitFor();
    assert.equal((await chair.locator('.attestation-fingerprint').innerText()).trim(), fingerprint);
    await context.close();
  });
});
