// Starts the real Koa app over a real socket on a real LMDB in a temp folder, in this process.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../firmware/api/app.js';
import type { AppDeps, Controls } from '../../firmware/api/deps.js';
import { createDeclaredClock } from '../../firmware/device/clock.js';
import { loadOrCreateIdentity } from '../../firmware/device/identity.js';
import { createLogger } from '../../firmware/log.js';
import { importBundle } from '../../firmware/meeting/import-bundle.js';
import { Meeting } from '../../firmware/meeting/meeting.js';
import { SessionRegistry } from '../../firmware/meeting/sessions.js';
import { Store } from '../../firmware/store/store.js';
import type { TestBundle } from './bundle.js';

export interface TestServer {
  url: string;
  store: Store;
  meeting: Meeting;
  /** Every log line written during the test, as text. */
  logs: string[];
  /** Advances the session registry's clock (for the 30 s liveness window). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startServer(tb: TestBundle | null, extra: Partial<AppDeps> = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'conclave-test-'));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger(sink, 'debug');
  const clock = createDeclaredClock();
  const store = Store.open(join(dir, 'event'));
  if (tb) {
    const r = await importBundle(store, tb.bundle, clock);
    if (!r.ok) throw new Error(r.error.detail);
  }
  let offset = 0;
  const sessions = new SessionRegistry(() => Date.now() + offset);
  const meeting = new Meeting({ store, clock, logger, sessions });
  const ledListeners: ((p: string) => void)[] = [];
  const controls: Controls = {
    async press(kind, source) {
      if (kind === 'short') await meeting.closeOpenPoll(source);
    },
    ledPattern: () => (meeting.openPoll() ? 'slow-blink' : 'on'),
    onLedChange: (l) => ledListeners.push(l),
  };
  const device = await loadOrCreateIdentity(join(dir, 'device'));
  const deps: AppDeps = {
    meeting,
    logger,
    device,
    software: { version: 'test', hash: 'test' },
    join: () => ({ ssid: 'Test', url: 'http://test/', wifiQr: null, urlQr: 'data:image/svg+xml;base64,' }),
    network: { mode: 'onboard', clientLimit: 19, clients: () => 0 },
    storage: () => store.check(),
    controls,
    simulate: true,
    hub: { coalesceMs: 20 },
    ...extra,
  };
  const { app, hub } = createApp(deps);
  const server: Server = createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    meeting,
    logs,
    advance: (ms) => {
      offset += ms;
    },
    async close() {
      hub.closeAll();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
