// A whole meeting in Debian's Chromium against a real conclaved in simulation: the chair, the projector
// screen and three voters (one with weight 1000), each in its own browser context. Voters join by QR link
// and by typing; a second phone with a code in use is refused; every poll kind is voted; one poll is closed
// by the (fake) physical button; results are published and the screen shows the bars and the verdict. The
// voter pages must follow all of it without a reload.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as en from '../../webui/shared/i18n/en.js';
import * as nl from '../../webui/shared/i18n/nl.js';
import { generateCode } from '../../firmware/config/codes.js';
import { ARTIFACTS, EXPECTED_FAILURES, LAPTOP, PHONE, PROJECTOR, launchBrowser, startServer, watch, type Server } from './harness.js';

type VoterText = typeof en.voter & typeof en.common;
const EN: VoterText = { ...en.common, ...en.voter };
const NL: VoterText = { ...nl.common, ...nl.voter };

const MINUTES = 'Approve the minutes of the previous meeting';
const VENUE = 'Venue of the next annual meeting';
const BOARD = 'Elect two members of the supervisory board';
const LUNCH = 'Lunch at the next meeting';

function unexpected(failures: string[]): string[] {
  return failures.filter((f) => !EXPECTED_FAILURES.test(f));
}

interface Voter {
  page: Page;
  text: VoterText;
  errors: string[];
  failures: string[];
  loads: () => number;
}

async function vote(v: Voter, choices: string[]): Promise<void> {
  const { page, text } = v;
  await page.getByRole('button', { name: text.review }).waitFor({ timeout: 10_000 });
  for (const choice of choices) await page.getByLabel(choice, { exact: true }).check();
  await page.getByRole('button', { name: text.review }).click();
  await page.getByRole('heading', { name: text.confirmTitle }).waitFor();
  await page.getByRole('button', { name: text.castVote }).click();
  await page.getByRole('heading', { name: text.countedTitle }).waitFor({ timeout: 10_000 });
}

describe('a whole meeting in the browser', { timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let chair: Page;
  let chairWatch: ReturnType<typeof watch>;
  let screen: Page;
  let screenWatch: ReturnType<typeof watch>;
  const voters: Voter[] = [];

  const context = async (options: Parameters<Browser['newContext']>[0]) => {
    const c = await browser.newContext(options);
    contexts.push(c);
    return c;
  };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const card = (label: string) => {
    const found = server.demo.codes.find((c) => c.label === label);
    assert.ok(found, `demo card ${label}`);
    return found;
  };
  const pollRow = (title: string) => chair.locator('li.poll', { hasText: title });
  const chairAction = async (title: string, name: string) => {
    await pollRow(title).getByRole('button', { name, exact: true }).click();
  };

  it('signs the chair in on the console and shows the room', async () => {
    chair = await (await context({ ...LAPTOP, locale: 'en-GB' })).newPage();
    chairWatch = watch(chair);
    await chair.goto(`${server.url}/chair`);
    await chair.getByLabel(en.chair.passphrase).fill('not the passphrase');
    await chair.getByRole('button', { name: en.chair.signIn }).click();
    await chair.getByText(en.chair.error_bad_passphrase).waitFor();
    await chair.getByLabel(en.chair.passphrase).fill(server.demo.chairPassphrase);
    await chair.getByRole('button', { name: en.chair.signIn }).click();
    await chair.getByRole('heading', { name: en.chair.agendaTitle }).waitFor();
    await pollRow(MINUTES).waitFor();
    assert.match(await chair.locator('.present-heads').innerText(), /0 of 12 cards/);
    await chair.screenshot({ path: `${ARTIFACTS}/chair-console-start.png`, fullPage: true });
  });

  it('shows the projector screen with how to join', async () => {
    screen = await (await context({ ...PROJECTOR, locale: 'en-GB' })).newPage();
    screenWatch = watch(screen);
    await screen.goto(`${server.url}/screen`);
    await screen.getByRole('heading', { name: en.screen.joinTitle }).waitFor();
    await screen.getByText(en.screen.noPollTitle).waitFor();
    const qrs = screen.locator('img.qr');
    assert.equal(await qrs.count(), 2);
    for (const src of await qrs.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src))) {
      assert.match(src, /^data:image\/svg\+xml/);
    }
    // The QR images actually decoded (a CSP or data: problem would leave them at 0 × 0).
    const widths = await qrs.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    assert.ok(widths.every((w) => w > 0), `QR natural widths ${widths}`);
  });

  it('lets the weight-1000 voter in through the QR link, and takes the code out of the address bar', async () => {
    const page = await (await context({ ...PHONE, locale: 'en-GB' })).newPage();
    const w = watch(page);
    const v = { page, text: EN, ...w };
    voters.push(v);
    await page.goto(`${server.url}/#code=${card('A-001').code}`);
    await page.getByRole('heading', { name: EN.waitingTitle }).waitFor();
    assert.equal(new URL(page.url()).hash, '');
    assert.ok(!page.url().includes(card('A-001').code));
    assert.match(await page.locator('footer').innerText(), /A-001 · weight 1,000/);
    await page.screenshot({ path: `${ARTIFACTS}/voter-phone-waiting.png` });
  });

  it('explains a typo and an unknown code differently, then lets a typed code in', async () => {
    const page = await (await context({ ...PHONE, locale: 'en-GB' })).newPage();
    const w = watch(page);
    const v = { page, text: EN, ...w };
    voters.push(v);
    await page.goto(server.url);
    await page.getByRole('heading', { name: EN.loginTitle }).waitFor();
    const code = card('A-002').code;
    // Change one character of the body: the check character catches it as a typo.
    const typo = `${code[0] === 'A' ? 'B' : 'A'}${code.slice(1)}`;
    await page.getByLabel(EN.codeLabel).fill(typo);
    await page.getByRole('button', { name: EN.signIn }).click();
    await page.getByText(EN.error_code_typo).waitFor();
    assert.equal(await page.getByLabel(EN.codeLabel).getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: `${ARTIFACTS}/voter-phone-typo.png` });

    await page.getByLabel(EN.codeLabel).fill(generateCode());
    await page.getByRole('button', { name: EN.signIn }).click();
    await page.getByText(EN.error_unknown_code).waitFor();

    // Lower case without dashes is forgiven.
    await page.getByLabel(EN.codeLabel).fill(code.replace(/-/g, '').toLowerCase());
    await page.getByRole('button', { name: EN.signIn }).click();
    await page.getByRole('heading', { name: EN.waitingTitle }).waitFor();
  });

  it('lets a Dutch phone in by QR link and speaks Dutch', async () => {
    const page = await (await context({ ...PHONE, locale: 'nl-NL' })).newPage();
    const w = watch(page);
    const v = { page, text: NL, ...w };
    voters.push(v);
    await page.goto(`${server.url}/#code=${card('A-003').code}`);
    await page.getByRole('heading', { name: NL.waitingTitle }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  });

  it('refuses a second phone with a code that is in use, and tells the chair', async () => {
    const page = await (await context({ ...PHONE, locale: 'en-GB' })).newPage();
    await page.goto(`${server.url}/#code=${card('A-002').code}`);
    await page.getByText(EN.error_code_in_use).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/voter-phone-code-in-use.png` });
    await chair.locator('.alert[data-kind="code_in_use"]', { hasText: 'A-002' }).waitFor();
    await chair.locator('.present-heads', { hasText: '3 of 12 cards' }).waitFor();
    await chair.locator('.present-weight', { hasText: '1,002 of' }).waitFor();
    await page.context().close();
  });

  it('votes on a motion with a blank option; ballots appear without reloading', async () => {
    await chairAction(MINUTES, en.chair.action_open);
    // The console mirrors the box's LED: slow blink while a poll is open.
    await chair.locator('.led[data-pattern="slow_blink"]').waitFor();
    const [a, b, c] = voters as [Voter, Voter, Voter];
    await a.page.getByRole('heading', { name: MINUTES }).waitFor();
    await a.page.screenshot({ path: `${ARTIFACTS}/voter-phone-ballot-motion.png` });
    await screen.getByRole('heading', { name: MINUTES }).waitFor();
    await vote(a, [EN.option_for]);
    await a.page.screenshot({ path: `${ARTIFACTS}/voter-phone-counted.png` });
    await vote(b, [EN.option_against]);
    await c.page.screenshot({ path: `${ARTIFACTS}/voter-phone-nl-ballot-motion.png` });
    await vote(c, [NL.option_blank]);
    await c.page.screenshot({ path: `${ARTIFACTS}/voter-phone-nl-counted.png` });
    await chair.locator('chair-overview .turnout-heads', { hasText: '3 of 3' }).waitFor();
    assert.match(await a.page.locator('main').innerText(), new RegExp(`${EN.option_for}`));
    await screen.locator('.turnout-heads', { hasText: '3 of 3' }).waitFor();
    await screen.locator('.turnout-weight', { hasText: '1,002 of 1,002' }).waitFor();
    await screen.screenshot({ path: `${ARTIFACTS}/screen-projector-turnout.png` });
    await pollRow(MINUTES).locator('.poll-turnout', { hasText: '3 cards' }).waitFor();
    await chairAction(MINUTES, en.chair.action_close);
    for (const v of voters) await v.page.getByRole('heading', { name: v.text.closedTitle }).waitFor();
    await a.page.screenshot({ path: `${ARTIFACTS}/voter-phone-closed.png` });
  });

  it('warns the chair where one card decides, then publishes the motion with its verdict', async () => {
    await pollRow(MINUTES).locator('.secrecy').waitFor();
    await chair.screenshot({ path: `${ARTIFACTS}/chair-console-secrecy-warning.png`, fullPage: true });
    await chairAction(MINUTES, en.chair.action_publish);
    await screen.getByRole('heading', { name: MINUTES }).waitFor();
    await screen.locator('.tally-row[data-option="for"]').waitFor();
    assert.equal(await screen.locator('.verdict').getAttribute('data-outcome'), 'adopted');
    assert.match(await screen.locator('.tally-row[data-option="for"]').innerText(), /weight 1,000/);
  });

  it('votes on a choice and closes it with the physical button', async () => {
    await chairAction(VENUE, en.chair.action_open);
    const [a, b, c] = voters as [Voter, Voter, Voter];
    await vote(a, ['Utrecht']);
    await vote(b, ['Amsterdam']);
    await vote(c, ['Amsterdam']);
    const press = await fetch(`${server.url}/api/dev/button`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ press: 'short' }),
    });
    assert.equal(press.status, 204);
    for (const v of voters) await v.page.getByRole('heading', { name: v.text.closedTitle }).waitFor();
    await pollRow(VENUE).locator('.status-badge', { hasText: en.chair.status_closed }).waitFor();
    await pollRow(VENUE).locator('.verdict').waitFor();
    await chair.screenshot({ path: `${ARTIFACTS}/chair-console-closed.png`, fullPage: true });
  });

  it('publishes the choice; the screen shows the bars and the verdict', async () => {
    await chairAction(VENUE, en.chair.action_publish);
    await screen.getByRole('heading', { name: VENUE }).waitFor();
    await screen.locator('.status-published', { hasText: en.screen.results }).waitFor();
    const rows = screen.locator('.tally-row');
    await rows.first().waitFor();
    const utrecht = screen.locator('.tally-row', { hasText: 'Utrecht' });
    const amsterdam = screen.locator('.tally-row', { hasText: 'Amsterdam' });
    assert.match(await utrecht.innerText(), /weight 1,000 · 1 vote\b/);
    assert.match(await amsterdam.innerText(), /weight 2 · 2 votes/);
    // Bar widths are the weight shares: 1000/1002 and 2/1002 of the track.
    const ratio = async (row: typeof utrecht) =>
      row.locator('.bar-fill').evaluate((el) => el.getBoundingClientRect().width / (el.parentElement as HTMLElement).getBoundingClientRect().width);
    assert.ok(Math.abs((await ratio(utrecht)) - 1000 / 1002) < 0.01);
    assert.ok(Math.abs((await ratio(amsterdam)) - 2 / 1002) < 0.01);
    const verdict = screen.locator('.verdict');
    assert.equal(await verdict.getAttribute('data-outcome'), 'adopted');
    assert.match(await verdict.innerText(), new RegExp(en.common.outcome_adopted));
    await screen.screenshot({ path: `${ARTIFACTS}/screen-projector-results.png` });
  });

  it('votes on a multiple choice within min and max, including a blank vote', async () => {
    await chairAction(BOARD, en.chair.action_open);
    const [a, b, c] = voters as [Voter, Voter, Voter];
    await b.page.getByRole('button', { name: EN.review }).waitFor();
    // A third tick is refused on the phone itself.
    await b.page.getByLabel('Anna de Vries', { exact: true }).check();
    await b.page.getByLabel('Bram Jansen', { exact: true }).check();
    await b.page.getByLabel('Chen Li', { exact: true }).click();
    await b.page.getByText(EN.tooMany.replace('{max}', '2')).waitFor();
    assert.equal(await b.page.getByLabel('Chen Li', { exact: true }).isChecked(), false);
    await b.page.screenshot({ path: `${ARTIFACTS}/voter-phone-ballot-multi.png` });
    await b.page.getByLabel('Bram Jansen', { exact: true }).uncheck();
    await b.page.getByRole('button', { name: EN.review }).click();
    await b.page.getByRole('button', { name: EN.castVote }).click();
    await b.page.getByRole('heading', { name: EN.countedTitle }).waitFor();
    await vote(a, ['Anna de Vries', 'Chen Li']);
    await vote(c, [NL.option_blank]);
    await chairAction(BOARD, en.chair.action_close);
    await pollRow(BOARD).locator('.tally-row', { hasText: 'Anna de Vries' }).waitFor();
    assert.match(await pollRow(BOARD).locator('.tally-row', { hasText: 'Anna de Vries' }).innerText(), /weight 1,001 · 2 votes/);
    await chairAction(BOARD, en.chair.action_publish);
    await screen.locator('.tally-row', { hasText: 'Chen Li' }).waitFor();
  });

  it('creates a poll in the console with options, blank vote, quorum and live results, and runs it', async () => {
    const form = chair.locator('chair-poll-form');
    await form.getByLabel(en.chair.pollTitle).fill(LUNCH);
    await form.getByLabel(en.chair.pollKind).selectOption('choice');
    await form.getByLabel(en.chair.pollOptions).fill('Soup\nSandwiches\n');
    await form.getByLabel(en.chair.offerBlank).check();
    await form.getByLabel(en.chair.useQuorum).check();
    await form.getByLabel(en.chair.quorumMeasure).selectOption('heads');
    await form.getByLabel(en.chair.quorumAtLeast).fill('2');
    await form.getByLabel(en.chair.liveResultsOption).check();
    await form.getByRole('button', { name: en.chair.createPoll }).click();
    await pollRow(LUNCH).waitFor();
    assert.match(await pollRow(LUNCH).innerText(), /quorum: at least 2 cards present/);
    assert.match(await pollRow(LUNCH).innerText(), /Blank vote/);
    assert.equal(await form.getByLabel(en.chair.pollTitle).inputValue(), '', 'the form is cleared');

    await chairAction(LUNCH, en.chair.action_open);
    const [a, b, c] = voters as [Voter, Voter, Voter];
    await vote(a, ['Soup']);
    await vote(b, [EN.option_blank]);
    // Live results: the chair sees the tally while voting is still open.
    await pollRow(LUNCH).locator('.tally-row', { hasText: 'Soup' }).filter({ hasText: 'weight 1,000' }).waitFor();
    await vote(c, ['Sandwiches']);
    await chairAction(LUNCH, en.chair.action_close);
    await chairAction(LUNCH, en.chair.action_publish);
    await screen.getByRole('heading', { name: LUNCH }).waitFor();
    await screen.locator('.tally-row', { hasText: 'Sandwiches' }).waitFor();
  });

  it('releases a card from the console: that phone is signed out and gets back in with its code', async () => {
    const b = voters[1]!;
    await chair.getByLabel(en.chair.cardLabel).fill('A-002');
    await chair.getByRole('button', { name: en.chair.release, exact: true }).click();
    await chair.getByText(en.chair.released.replace('{label}', 'A-002')).waitFor();
    await b.page.getByText(EN.sessionEnded).waitFor({ timeout: 15_000 });
    await b.page.getByLabel(EN.codeLabel).fill(card('A-002').code);
    await b.page.getByRole('button', { name: EN.signIn }).click();
    await b.page.getByRole('heading', { name: EN.closedTitle }).waitFor();
  });

  it('offers the signed results document as a download', async () => {
    await chair.getByRole('button', { name: en.chair.prepareResults }).click();
    const link = chair.locator('chair-export a.download');
    await link.waitFor();
    const [download] = await Promise.all([chair.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^conclave-results-.*\.json$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { signature?: { alg?: string } };
    assert.equal(doc.signature?.alg, 'Ed25519');
  });

  it('shows the chair console and the screen in Dutch with every message present', async () => {
    for (const page of [chair, screen]) await page.getByRole('button', { name: 'Nederlands' }).click();
    await chair.getByRole('heading', { name: nl.chair.agendaTitle }).waitFor();
    await chair.getByText(nl.chair.wipeTitle, { exact: true }).first().waitFor();
    await screen.getByText(nl.screen.results, { exact: true }).first().waitFor();
    assert.equal(await screen.locator('html').getAttribute('lang'), 'nl');
    await chair.screenshot({ path: `${ARTIFACTS}/chair-console-nl.png`, fullPage: true });
    await screen.screenshot({ path: `${ARTIFACTS}/screen-projector-nl.png` });
    // A missing message would have been reported on the console (see translator.ts).
    assert.deepEqual([...chairWatch.errors, ...screenWatch.errors], []);
    for (const page of [chair, screen]) await page.getByRole('button', { name: 'English' }).click();
  });

  it('never reloaded a page and logged no errors', async () => {
    for (const w of [...voters, screenWatch, chairWatch]) {
      assert.equal(w.loads(), 1, 'a page reloaded');
      assert.deepEqual(w.errors, []);
      assert.deepEqual(unexpected(w.failures), []);
    }
  });

  it('saves screenshots of each app at phone and projector sizes', async () => {
    const pages: [string, Page][] = [['voter', voters[0]!.page], ['chair', chair], ['screen', screen]];
    for (const [name, page] of pages) {
      await page.setViewportSize(PHONE.viewport);
      await page.screenshot({ path: `${ARTIFACTS}/${name}-phone.png`, fullPage: true });
      await page.setViewportSize(PROJECTOR.viewport);
      await page.screenshot({ path: `${ARTIFACTS}/${name}-projector.png`, fullPage: true });
    }
  });

  it('wipes the event after the name is typed, and offers the attestation with the key fingerprint', async () => {
    const fingerprint = (await chair.locator('.fingerprint').innerText()).trim();
    const wipe = chair.getByRole('button', { name: en.chair.wipeButton });
    assert.equal(await wipe.isDisabled(), true);
    await chair.getByLabel(en.chair.wipeConfirmLabel.replace('{name}', 'Demo members meeting')).fill('Demo members meeting');
    await wipe.click();
    await chair.getByRole('heading', { name: en.chair.wipedTitle }).waitFor({ timeout: 30_000 });
    assert.equal((await chair.locator('.attestation-fingerprint').innerText()).trim(), fingerprint);
    assert.match(await chair.locator('.attestation-digest').innerText(), /^[0-9a-f]{64}$/);
    const [download] = await Promise.all([chair.waitForEvent('download'), chair.locator('chair-wipe a.download').click()]);
    assert.match(download.suggestedFilename(), /^conclave-wipe-attestation-.*\.json$/);
    await chair.screenshot({ path: `${ARTIFACTS}/chair-console-wiped.png`, fullPage: true });
  });

  // The apps react when their event stream ends; conclaved does not end the streams on a wipe yet.
  it('lets the phones and the projector notice by themselves that the meeting is gone', async () => {
    for (const v of voters) await v.page.getByText(v.text.error_no_event).first().waitFor({ timeout: 8_000 });
    await screen.getByText(en.screen.noEvent).waitFor({ timeout: 8_000 });
  });
});
