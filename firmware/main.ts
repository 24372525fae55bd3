// conclaved's composition root: parses the command line, chooses real or fake devices, opens the store,
// imports a bundle when there is no event, and listens. The only place that picks implementations.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Middleware } from 'koa';
import QRCode from 'qrcode';
import { wifiQrPayload } from './config/qr-payloads.js';
import { createApp } from './api/app.js';
import type { AppDeps, JoinInfo } from './api/deps.js';
import { parseServiceOptions, USAGE, type ServiceOptions } from './config/service-options.js';
import { createDeclaredClock } from './device/clock.js';
import { loadOrCreateIdentity } from './device/identity.js';
import { demoBundle, readDemoSecrets, writeDemoSecrets, type DemoSecrets } from './demo.js';
import { createLogger } from './log.js';
import { importBundle, readBundle } from './meeting/import-bundle.js';
import { Meeting, type MeetingDeps } from './meeting/meeting.js';
import { createApplianceControls } from './hardware/controls.js';
import { createFakeLed } from './hardware/fake-devices.js';
import { createGpiodButton } from './hardware/gpiod-button.js';
import { createGpiodLed } from './hardware/gpiod-led.js';
import { createAttestor } from './wipe/attestor.js';
import { createFolderWiper } from './wipe/folder-wiper.js';
import { createPartitionWiper, DEFAULT_DATA_PARTITION } from './wipe/partition-wiper.js';
import { softwareIdentity } from './wipe/software-identity.js';
import { Store } from './store/store.js';
import { SOFTWARE_VERSION } from './version.js';
import { overwriteAndRemove } from './config/remove-file.js';
import { captivePortal } from './portal/index.js';
import { clientLimit, FakeStationCounter, stationCounterFor } from './net/stations.js';
import { netStateSchema, type NetState } from './net/net-state.js';

const here = dirname(fileURLToPath(import.meta.url));
const NET_STATE_PATH = '/run/conclave/net/network.json';

async function readNetState(path: string): Promise<NetState | null> {
  try {
    return netStateSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return null;
  }
}

async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

function notifySystemd(message: string): void {
  if (!process.env.NOTIFY_SOCKET) return;
  const child = spawn('systemd-notify', [message], { stdio: 'ignore' });
  child.on('error', () => undefined);
}

function printDemoBanner(url: string, secrets: DemoSecrets): void {
  // A terminal banner for the person running the simulation, not a log line: it is the only place the
  // demo codes are shown, and it is never written in appliance mode.
  const lines = [
    '',
    '  Conclave simulation — demo event "Demo members meeting"',
    `  Voter app:      ${url}/`,
    `  Chair console:  ${url}/chair     passphrase: ${secrets.chairPassphrase}`,
    `  Screen:         ${url}/screen`,
    '  Demo codes (label, weight, code):',
    ...secrets.codes.map((c) => `    ${c.label.padEnd(6)} ${String(c.weight).padStart(5)}  ${c.code}   ${url}/#code=${c.code}`),
    '  Fake button: Enter = short press (close poll), l + Enter = long press. Ctrl-C stops.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function listen(server: Server | ReturnType<typeof createHttpsServer>, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A room of phones connects at once when a poll opens; Node's default accept backlog (511) overflows
    // and each dropped SYN costs that phone a 1-3 s retransmit. The kernel caps this at net.core.somaxconn.
    server.listen({ port, host, backlog: 4096 }, () => resolve());
  });
  const addr = server.address();
  return typeof addr === 'object' && addr ? addr.port : port;
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseServiceOptions(argv);
  if (!parsed.ok) {
    process.stderr.write(`conclaved: ${parsed.error}\n`);
    return 2;
  }
  if (parsed.value.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const opts: ServiceOptions = parsed.value;
  const logger = createLogger();
  const clock = createDeclaredClock();
  const device = await loadOrCreateIdentity(opts.deviceDir);
  const store = Store.open(opts.dataDir);
  const storage = store.check();
  logger.info({ storage }, 'store opened');

  let demo: DemoSecrets | undefined;
  /** A bundle that could not be imported: shown by the LED (SOS) and on /api/health until fixed. */
  let bundleProblem: string | null = null;
  if (!store.event()) {
    if (opts.demo) {
      const { bundle, secrets } = await demoBundle();
      const r = await importBundle(store, bundle, clock);
      if (!r.ok) throw new Error(r.error.detail);
      await writeDemoSecrets(opts.dataDir, secrets);
      demo = secrets;
    } else if (opts.bundle && existsSync(opts.bundle)) {
      const bundle = await readBundle(opts.bundle);
      if (!bundle.ok) {
        logger.error({ problem: bundle.error.code, detail: bundle.error.detail }, 'bundle rejected; left in place');
        bundleProblem = `the provision bundle was rejected: ${bundle.error.detail}`;
      } else {
        const r = await importBundle(store, bundle.value, clock);
        if (!r.ok) {
          logger.error({ problem: r.error.code, detail: r.error.detail }, 'bundle import failed');
          bundleProblem = `the provision bundle could not be imported: ${r.error.detail}`;
        }
        else {
          logger.info({ cards: r.value.cards, polls: r.value.polls }, 'bundle imported');
          if (opts.removeBundle) await overwriteAndRemove(opts.bundle);
        }
      }
    }
  } else if (opts.demo) {
    demo = (await readDemoSecrets(opts.dataDir)) ?? undefined;
  }

  // The attestor swaps in a fresh, empty store after a wipe.
  const meetingDeps: MeetingDeps = { store, clock, logger };
  const meeting = new Meeting(meetingDeps);
  const event = store.event();
  const network = event?.network;
  // Physical controls and the wipe (DESIGN §8, §9): fakes in simulation, libgpiod v2 helpers on the appliance.
  const pins = event?.hardware ?? { gpioChip: 'gpiochip0', buttonLine: 17, ledLine: 27 };
  const led = opts.simulate
    ? createFakeLed((pattern) => logger.info({ led: pattern }, 'LED'))
    : createGpiodLed({ chip: pins.gpioChip, line: pins.ledLine, logger });
  const button = opts.simulate ? undefined : createGpiodButton({ chip: pins.gpioChip, line: pins.buttonLine, logger });
  const software = await softwareIdentity(here);
  const wiper =
    !opts.simulate && existsSync(DEFAULT_DATA_PARTITION)
      ? createPartitionWiper({ device: DEFAULT_DATA_PARTITION })
      : createFolderWiper({ eventDir: opts.dataDir, scanRoots: [opts.deviceDir] });
  const attestor = createAttestor({
    meeting,
    store: () => meetingDeps.store,
    identity: device,
    clock,
    software,
    deviceDir: opts.deviceDir,
    wiper,
    closeStore: () => meetingDeps.store.close(),
    reopenStore: async () => {
      meetingDeps.store = Store.open(opts.dataDir);
      meeting.reset();
    },
    onPhase: (phase) => controls.led.setState(phase === 'failed' ? 'fault' : phase),
    logger,
  });
  await attestor.init();
  const controls = createApplianceControls({ meeting, store: () => meetingDeps.store, clock, led, ...(button ? { button } : {}), wipe: (source) => attestor.wipe(source), logger });
  if (!storage.ok || bundleProblem) controls.led.setState('fault');
  // No event but an attestation on record: this box was wiped and stays dark until a new event arrives.
  else if (!meeting.hasEvent() && attestor.lastAttestation()) controls.led.setState('wiped');
  let publicUrl = '';
  let joinInfo: JoinInfo | null = null;
  const refreshJoin = async () => {
    const n = meetingDeps.store.event()?.network;
    if (!n) return (joinInfo = null);
    const url = opts.simulate ? `${publicUrl}/` : `${n.tls?.trusted ? 'https' : 'http'}://${n.host}/`;
    joinInfo = {
      ssid: n.ssid,
      url,
      wifiQr: n.wifiPassphrase && !n.cardPsks ? await qrDataUrl(wifiQrPayload(n.ssid, n.wifiPassphrase)) : null,
      urlQr: await qrDataUrl(url),
    };
    return joinInfo;
  };

  let staticFiles: AppDeps['staticFiles'];
  const webuiDir = opts.webui ?? join(here, 'webui');
  if (existsSync(webuiDir)) {
    const { staticFiles: make } = await import('./api/static-files.js');
    staticFiles = make(webuiDir);
  }

  // Wi-Fi clients are counted in the background so the chair's overview never waits on hostapd.
  // conclave-netconfig records which radio it configured; --radio is the fallback when it has not run.
  const netState = opts.simulate ? null : await readNetState(NET_STATE_PATH);
  const stations = opts.simulate
    ? new FakeStationCounter(0)
    : stationCounterFor(network?.mode ?? 'onboard', netState ? { ...(netState.radio ? { radio: netState.radio } : {}), ctrlDir: netState.ctrlDir, leaseFile: netState.leaseFile } : { radio: opts.radio });
  let stationCount = 0;
  const countStations = () =>
    stations.count().then(
      (n) => (stationCount = n),
      (e: unknown) => logger.warn({ err: e }, 'could not count Wi-Fi clients'),
    );
  void countStations();
  setInterval(() => void countStations(), 5_000).unref();

  const deps: AppDeps = {
    meeting,
    logger,
    device,
    software,
    join: () => joinInfo,
    network: { mode: network?.mode ?? 'onboard', clientLimit: netState?.clientLimit ?? clientLimit(network?.mode ?? 'onboard'), clients: () => stationCount },
    storage: () => storage,
    notices: () => (bundleProblem ? [bundleProblem] : []),
    controls,
    attestor,
    simulate: opts.simulate,
    ...(demo ? { demo } : {}),
    ...(staticFiles ? { staticFiles } : {}),
  };
  // The portal's redirect names our port, known only once listening (port 0 in tests): built then.
  let portal: Middleware | null = null;
  if (network && network.mode !== 'venue') deps.portal = (ctx, next) => (portal ? portal(ctx, next) : next());
  const { app, hub } = createApp(deps);
  const callback = app.callback();
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 }, callback);
  const port = await listen(server, opts.port, opts.listen);
  publicUrl = `http://${opts.listen.includes(':') ? `[${opts.listen}]` : opts.listen}:${port}`;
  if (network && network.mode !== 'venue') {
    portal = captivePortal({
      host: network.host,
      address: network.address,
      tlsTrusted: network.tls?.trusted ?? false,
      ...(opts.tlsPort !== null ? { httpsPort: opts.tlsPort } : {}),
      ...(port !== 80 ? { httpPort: port } : {}),
    });
  }
  await refreshJoin();

  let tlsServer: ReturnType<typeof createHttpsServer> | null = null;
  if (network?.tls && opts.tlsPort !== null) {
    tlsServer = createHttpsServer({ cert: network.tls.certPem, key: network.tls.keyPem, requestTimeout: 30_000, headersTimeout: 10_000 }, callback);
    const tlsPort = await listen(tlsServer, opts.tlsPort, opts.listen);
    logger.info({ port: tlsPort }, 'https listening');
  }

  logger.info({ url: publicUrl, port, simulate: opts.simulate, event: Boolean(event), version: SOFTWARE_VERSION, fingerprint: device.fingerprint }, 'listening');
  if (opts.demo && demo) printDemoBanner(publicUrl, demo);
  else if (opts.demo) process.stdout.write(`Demo event already loaded in ${opts.dataDir}; its codes were not found. Delete the folder to start afresh.\n`);

  controls.refresh();
  notifySystemd('--ready');
  const watchdogUsec = Number(process.env.WATCHDOG_USEC ?? 0);
  if (watchdogUsec > 0) setInterval(() => notifySystemd('WATCHDOG=1'), Math.max(1000, watchdogUsec / 2000)).unref();

  if (opts.simulate && process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    rl.on('line', (line) => void controls.press(line.trim().toLowerCase() === 'l' ? 'long' : 'short', 'button'));
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    hub.closeAll();
    server.close();
    tlsServer?.close();
    server.closeAllConnections();
    await controls.stop();
    await meetingDeps.store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}

const isEntry = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry || process.env.CONCLAVED_MAIN === '1') {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (e: unknown) => {
      process.stderr.write(`conclaved: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
