// Accessibility in Chromium against a real conclaved. The voter app (WCAG 2.2 AA is required there): axe-core
// finds no serious or critical violation on any voter screen in either language, touch targets are at least
// 44 px, the page reflows at 200 % zoom without horizontal scrolling, and state changes are announced. The
// chair console and the projector screen are held to the same axe check.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as en from '../../webui/shared/i18n/en.js';
import * as nl from '../../webui/shared/i18n/nl.js';
import { ARTIFACTS, LAPTOP, PHONE, PROJECTOR, chairClient, launchBrowser, startServer, type Server } from './harness.js';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const EN = { ...en.common, ...en.voter };
const NL = { ...nl.common, ...nl.voter };
const MINUTES = 'Approve the minutes of the previous meeting';
const BOARD = 'Elect two members of the supervisory board';

async function axe(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  }
  const violations = (await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe.run;
    const result = await run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations;
  })) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
  );
}

/** Every control a finger has to hit is at least 44 × 44 CSS px (WCAG 2.5.5 level, beyond AA's 24 px). */
async function targets(page: Page, screen: string): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, input:not([type=radio]):not([type=checkbox]), label.option, a[href]')]
      .map((el) => ({ el: el.outerHTML.slice(0, 60), box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
      .map(({ el, box }) => `${el} ${box.width.toFixed(0)}×${box.height.toFixed(0)}`),
  );
  assert.deepEqual(small, [], `${screen}: small touch targets`);
}

async function reflows(page: Page, screen: string): Promise<void> {
  // 200 % zoom of a 390 px phone is a 195 px wide layout viewport.
  await page.setViewportSize({ width: 195, height: 422 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `${screen}: scrolls sideways by ${overflow}px at 200 % zoom`);
  await page.setViewportSize(PHONE.viewport);
}

async function check(page: Page, screen: string): Promise<void> {
  await axe(page, screen);
  await targets(page, screen);
  await reflows(page, screen);
}

describe('accessibility', { timeout: 120_000 }, () => {
  let server: Server;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const phone = async (locale: string) => {
    // The axe script is injected by the test, so only this context bypasses the CSP.
    const c = await browser.newContext({ ...PHONE, locale, bypassCSP: true });
    contexts.push(c);
    return c.newPage();
  };

  it('has no serious violations on the sign-in screen, with and without an error, in both languages', async () => {
    for (const [locale, text] of [['en-GB', EN], ['nl-NL', NL]] as const) {
      const page = await phone(locale);
      await page.goto(server.url);
      await page.getByRole('heading', { name: text.loginTitle }).waitFor();
      await check(page, `login ${locale}`);
      await page.getByLabel(text.codeLabel).fill('AAAA-AAAA-AAAA-A');
      await page.getByRole('button', { name: text.signIn }).click();
      await page.locator('#code-error').waitFor();
      // The error is tied to the field and announced.
      assert.match((await page.getByLabel(text.codeLabel).getAttribute('aria-describedby')) ?? '', /code-error/);
      assert.equal(await page.locator('#code-error').getAttribute('role'), 'alert');
      await check(page, `login error ${locale}`);
    }
  });

  it('has no serious violations while waiting, voting, confirming, counted and closed, and announces changes', async () => {
    const chair = await chairClient(server);
    const voters: [Page, typeof EN][] = [];
    for (const [label, locale, text] of [['A-004', 'en-GB', EN], ['A-005', 'nl-NL', NL]] as const) {
      const page = await phone(locale);
      const code = server.demo.codes.find((c) => c.label === label)!.code;
      await page.goto(`${server.url}/#code=${code}`);
      await page.getByRole('heading', { name: text.waitingTitle }).waitFor();
      await check(page, `waiting ${locale}`);
      voters.push([page, text]);
    }

    await chair.act(BOARD, 'open');
    for (const [page, text] of voters) {
      await page.getByRole('heading', { name: BOARD }).waitFor();
      // The live region says that voting started, and focus moved to the ballot's heading.
      await page.locator('[role=status][aria-live=polite]', { hasText: text.pollOpened.replace('{title}', BOARD) }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), BOARD);
      await check(page, `ballot multi ${text.loginTitle}`);
      await page.getByLabel('Chen Li', { exact: true }).check();
      await page.getByRole('button', { name: text.review }).click();
      await page.getByRole('heading', { name: text.confirmTitle }).waitFor();
      await check(page, `confirm ${text.loginTitle}`);
      await page.getByRole('button', { name: text.castVote }).click();
      await page.getByRole('heading', { name: text.countedTitle }).waitFor();
      await check(page, `counted ${text.loginTitle}`);
    }
    await voters[0]![0].screenshot({ path: `${ARTIFACTS}/voter-a11y-counted.png` });
    await chair.act(BOARD, 'close');
    await chair.act(MINUTES, 'open');
    for (const [page, text] of voters) {
      await page.getByRole('heading', { name: MINUTES }).waitFor();
      await check(page, `ballot motion ${text.loginTitle}`);
    }
    await chair.act(MINUTES, 'close');
    for (const [page, text] of voters) {
      await page.getByRole('heading', { name: text.closedTitle }).waitFor();
      await check(page, `closed ${text.loginTitle}`);
    }
  });

  it('has no serious violations on the chair console and the projector screen', async () => {
    const chairContext = await browser.newContext({ ...LAPTOP, locale: 'en-GB', bypassCSP: true });
    contexts.push(chairContext);
    const chair = await chairContext.newPage();
    await chair.goto(`${server.url}/chair`);
    await chair.getByLabel(en.chair.passphrase).waitFor();
    await axe(chair, 'chair login');
    await chair.getByLabel(en.chair.passphrase).fill(server.demo.chairPassphrase);
    await chair.getByRole('button', { name: en.chair.signIn }).click();
    await chair.getByRole('heading', { name: en.chair.agendaTitle }).waitFor();
    await chair.locator('chair-results .tally-row').first().waitFor();
    await axe(chair, 'chair console');

    const screenContext = await browser.newContext({ ...PROJECTOR, locale: 'nl-NL', bypassCSP: true });
    contexts.push(screenContext);
    const screen = await screenContext.newPage();
    await screen.goto(`${server.url}/screen`);
    await screen.getByRole('heading', { name: nl.screen.joinTitle }).waitFor();
    await axe(screen, 'screen');
  });
});
