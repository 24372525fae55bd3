// The real Koa app on a real socket and a real LMDB store, with the appliance's physical controls and
// attestor wired exactly as firmware/main.ts wires them (fake button and LED, folder wipe).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../firmware/api/app.js';
import type { AppDeps } from '../../firmware/api/deps.js';
import { createDeclaredClock } from '../../firmware/device/clock.js';
import { loadOrCreateIdentity, type DeviceIdentity } from '../../firmware/device/identity.js';
import { createApplianceControls, type ApplianceControls } from '../../firmware/hardware/controls.js';
import { createFakeButton, createFakeLed, type FakeButton, type FakeLed } from '../../firmware/hardware/fake-devices.js';
import type { GestureClock } from '../../firmware/hardware/gesture-clock.js';
import { createLogger } from '../../firmware/log.js';
import { importBundle } from '../../firmware/meeting/import-bundle.js';
import { Meeting, type MeetingDeps } from '../../firmware/meeting/meeting.js';
import { Store } from '../../firmware/store/store.js';
import { createAttestor, type ApplianceAttestor } from '../../firmware/wipe/attestor.js';
import { createFolderWiper } from '../../firmware/wipe/folder-wiper.js';
import type { TestBundle } from '../helpers/bundle.js';

export interface ApplianceApp {
  base: string;
  root: string;
  dataDir: string;
  deviceDir: string;
  meeting: Meeting;
  store(): Store;
  device: DeviceIdentity;
  controls: ApplianceControls;
  attestor: ApplianceAttestor;
  button: FakeButton;
  led: FakeLed;
  logs: string[];
  close(): Promise<void>;
}

export async function startApplianceApp(tb: TestBundle, opts: { gestureClock?: GestureClock } = {}): Promise<ApplianceApp> {
  const root = await mkdtemp(join(tmpdir(), 'conclave-appliance-'));
  const dataDir = join(root, 'event');
  const deviceDir = join(root, 'device');
  const logs: string[] = [];
  const logger = createLogger(new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) }), 'info');
  const clock = createDeclaredClock();
  const store = Store.open(dataDir);
  const imported = await importBundle(store, tb.bundle, clock);
  if (!imported.ok) throw new Error(imported.error.detail);
  const meetingDeps: MeetingDeps = { store, clock, logger };
  const meeting = new Meeting(meetingDeps);
  const device = await loadOrCreateIdentity(deviceDir);
  const software = { version: 'test', hash: 'sha256:test' };
  const led = createFakeLed();
  const button = createFakeButton();
  const attestor = createAttestor({
    meeting,
    store: () => meetingDeps.store,
    identity: device,
    clock,
    software,
    deviceDir,
    wiper: createFolderWiper({ eventDir: dataDir, scanRoots: [deviceDir] }),
    closeStore: () => meetingDeps.store.close(),
    reopenStore: async () => {
      meetingDeps.store = Store.open(dataDir);
      meeting.reset();
    },
    onPhase: (phase) => controls.led.setState(phase === 'failed' ? 'fault' : phase),
    logger,
  });
  await attestor.init();
  const controls = createApplianceControls({
    meeting,
    store: () => meetingDeps.store,
    clock,
    led,
    button,
    ...(opts.gestureClock ? { gestureClock: opts.gestureClock } : {}),
    wipe: (source) => attestor.wipe(source),
    logger,
  });
  controls.refresh();
  const deps: AppDeps = {
    meeting,
    logger,
    device,
    software,
    join: () => null,
    network: { mode: 'onboard', clientLimit: 19, clients: () => 0 },
    storage: () => meetingDeps.store.check(),
    controls,
    attestor,
    simulate: true,
    hub: { coalesceMs: 20 },
  };
  const { app, hub } = createApp(deps);
  const server = createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  return {
    base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`,
    root,
    dataDir,
    deviceDir,
    meeting,
    store: () => meetingDeps.store,
    device,
    controls,
    attestor,
    button,
    led,
    logs,
    async close() {
      hub.closeAll();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await controls.stop();
      await meetingDeps.store.close().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}
