// Shared set-up for the browser suites: a real conclaved in simulation on a free port with the demo event,
// and Debian's Chromium through playwright-core. Both are torn down by the returned stop functions.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = 'test-artifacts';

export interface DemoSecrets {
  codes: { label: string; weight: number; code: string }[];
  chairPassphrase: string;
}

export interface Server {
  url: string;
  port: number;
  dir: string;
  demo: DemoSecrets;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** dist/ must be built (npm test builds first); build it here when a single file is run on a fresh checkout. */
export async function ensureBuilt(): Promise<void> {
  if (!existsSync('dist/conclaved.js') || !existsSync('dist/webui/manifest.json')) {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build exited ${code}`))));
    });
  }
}

/** Starts conclaved; pass `dir` and `port` of a stopped server (stop({keepData: true})) to restart it. */
export async function startServer(options: { dir?: string; port?: number } = {}): Promise<Server> {
  await ensureBuilt();
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'conclave-browser-')));
  const port = String(options.port ?? 0);
  const child: ChildProcess = spawn(
    process.execPath,
    ['dist/conclaved.js', '--demo', '--simulate-hardware', '--port', port, '--data', join(dir, 'data'), '--device-dir', join(dir, 'device')],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => { stderr += c.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`conclaved did not start: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`conclaved exited ${code}: ${stderr}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      try {
        const entry = JSON.parse(line) as { url?: string };
        if (entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
  });
  const demo = (await (await fetch(`${url}/api/dev/demo`)).json()) as DemoSecrets;
  return {
    url,
    port: Number(new URL(url).port),
    dir,
    demo,
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (!keepData) await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const PROJECTOR = { viewport: { width: 1920, height: 1080 } };
export const LAPTOP = { viewport: { width: 1366, height: 900 } };

/**
 * Collects what would signal a broken page: uncaught errors, console errors (a CSP violation is one) and
 * full page loads after the first (the apps must update without reloads).
 */
export function watch(page: Page): { errors: string[]; failures: string[]; loads: () => number } {
  const errors: string[] = [];
  const failures: string[] = [];
  let loads = 0;
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Chromium logs every 4xx as "Failed to load resource"; those are checked by URL in `failures` instead.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) failures.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('load', () => { loads += 1; });
  return { errors, failures, loads: () => loads };
}

/** 4xx answers the apps provoke on purpose: "am I signed in?" probes and the wrong codes a test types. */
export const EXPECTED_FAILURES = /^(401 GET \/api\/(voter\/state|chair\/overview)|(400|401|409) POST \/api\/voter\/session|401 POST \/api\/chair\/session)$/;

export async function newContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: 'en-GB', ...options });
}

/** The chair's side driven straight over HTTP, for suites that only look at the voter's pages. */
export async function chairClient(server: Server) {
  const login = await fetch(`${server.url}/api/chair/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-conclave-chair': '1' },
    body: JSON.stringify({ passphrase: server.demo.chairPassphrase, clock: new Date().toISOString() }),
  });
  if (login.status !== 201) throw new Error(`chair login ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers = { cookie, 'x-conclave-chair': '1' };
  const pollId = async (title: string) => {
    const overview = (await (await fetch(`${server.url}/api/chair/overview`, { headers })).json()) as { polls: { id: string; title: string }[] };
    const poll = overview.polls.find((p) => p.title === title);
    if (!poll) throw new Error(`no poll ${title}`);
    return poll.id;
  };
  const act = async (title: string, action: 'open' | 'close' | 'publish') => {
    const r = await fetch(`${server.url}/api/chair/polls/${await pollId(title)}/${action}`, { method: 'POST', headers });
    if (r.status !== 200) throw new Error(`${action} ${title}: ${r.status} ${await r.text()}`);
  };
  return { act, headers };
}
