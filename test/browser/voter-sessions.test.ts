// The voter's session from the phone's side: through a restart of conclaved (power blip, service restart)
// the phone says the connection is lost, keeps trying by itself and comes back without a reload; a
// returning phone gets in by its cookie; a phone that scans a second card's QR switches to that card.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import * as en from '../../webui/shared/i18n/en.js';
import { ARTIFACTS, PHONE, chairClient, launchBrowser, startServer, watch, type Server } from './harness.js';

const EN = { ...en.common, ...en.voter };
const MINUTES = 'Approve the minutes of the previous meeting';

describe('voter sessions', { timeout: 90_000 }, () => {
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

  it('shows the lost connection, reconnects by itself and follows the poll that opened meanwhile', async (t) => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    const w = watch(page);
    const code = server.demo.codes.find((c) => c.label === 'A-006')!.code;
    await page.goto(`${server.url}/#code=${code}`);
    await page.getByRole('heading', { name: EN.waitingTitle }).waitFor();

    const { dir, port } = server;
    await server.stop({ keepData: true });
    await page.locator('.banner', { hasText: EN.connectionLost }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${ARTIFACTS}/voter-phone-connection-lost.png` });

    server = await startServer({ dir, port });
    const chair = await chairClient(server);
    await chair.act(MINUTES, 'open');
    // Back without a reload: either straight onto the ballot (the session survived the restart) or onto
    // the code form with an explanation (it did not); never stuck on the banner.
    await page.locator('.banner').waitFor({ state: 'detached', timeout: 20_000 });
    const ballot = page.getByRole('heading', { name: MINUTES });
    const signIn = page.getByText(EN.sessionEnded);
    await ballot.or(signIn).waitFor({ timeout: 20_000 });
    const signedOut = await signIn.isVisible();
    t.diagnostic(signedOut ? 'session did not survive the restart: signed in again' : 'session survived the restart');
    if (signedOut) {
      await page.getByLabel(EN.codeLabel).fill(code);
      await page.getByRole('button', { name: EN.signIn }).click();
      await ballot.waitFor();
    }
    assert.equal(w.loads(), 1, 'the page reloaded');
    assert.deepEqual(w.errors, []);

    // A returning phone (the portal sheet was closed and opened again) is let back in by its cookie alone.
    await page.close();
    const again = await context.newPage();
    await again.goto(server.url);
    await again.getByRole('heading', { name: MINUTES }).waitFor();
    // …and still says which card it holds, from the server's state (nothing is kept in the phone).
    await again.locator('footer', { hasText: 'A-006' }).waitFor();
    await context.close();
  });

  it('switches a phone to another card when that card’s QR is scanned, and keeps the session on a rescan', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    const w = watch(page);
    const codeOf = (label: string) => server.demo.codes.find((c) => c.label === label)!.code;
    await page.goto(`${server.url}/#code=${codeOf('A-007')}`);
    await page.locator('footer', { hasText: 'A-007' }).waitFor();
    // The same QR again, while this phone's session of that card is live: it simply stays signed in.
    await page.goto(`${server.url}/#code=${codeOf('A-007')}`);
    await page.locator('main h1').waitFor();
    assert.equal(await page.getByText(EN.error_code_in_use).count(), 0);
    // A proxy holder scans the next card.
    await page.goto(`${server.url}/#code=${codeOf('A-008')}`);
    await page.locator('footer', { hasText: 'A-008 · weight 25' }).waitFor();
    // Back to the first card at once: it was active seconds ago, so the server refuses it for now, and the
    // phone says it is still on the second card rather than failing silently.
    await page.goto(`${server.url}/#code=${codeOf('A-007')}`);
    await page.getByText(EN.linkNotUsed.replace('{label}', 'A-008')).waitFor();
    assert.equal(new URL(page.url()).hash, '');
    assert.deepEqual(w.errors, []);
    await context.close();
  });
});
