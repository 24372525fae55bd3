// Everything the HTTP app is built from. main.ts chooses the real or fake implementations.
import type { Middleware } from 'koa';
import type { DeviceIdentity } from '../device/identity.js';
import type { Logger } from '../log.js';
import type { Meeting, Problem } from '../meeting/meeting.js';
import type { Result } from '../result.js';
import type { AuditSource } from '../audit/chain.js';
import type { HubOptions } from './sse.js';
import type { LimiterOptions } from './middleware/rate-limit.js';

export interface JoinInfo {
  ssid: string;
  url: string;
  /** data: URL of an SVG QR code, or null (per-card Wi-Fi keys are printed on the cards only). */
  wifiQr: string | null;
  urlQr: string;
}

/** The physical controls as the app sees them: the button (or its console/dev stand-ins) and the LED. */
export interface Controls {
  press(kind: 'short' | 'long', source: AuditSource): Promise<void>;
  ledPattern(): string;
  onLedChange(listener: (pattern: string) => void): void;
}

/** Signed results, wipe and attestation (DESIGN §9). */
export interface Attestor {
  resultsDocument(): Promise<Result<unknown, Problem>>;
  wipe(source: AuditSource): Promise<Result<unknown, Problem>>;
  lastAttestation(): unknown | null;
}

export interface AppDeps {
  meeting: Meeting;
  logger: Logger;
  device: DeviceIdentity;
  software: { version: string; hash: string };
  join: () => JoinInfo | null;
  network: { mode: string; clientLimit: number; clients: () => number };
  storage: () => { ok: boolean; detail: string };
  /** Start-up problems a technician must see without logging in (a rejected bundle). */
  notices?: () => string[];
  controls: Controls;
  attestor?: Attestor;
  /** Simulation only: enables /api/dev/* for loopback clients. */
  simulate: boolean;
  demo?: { codes: { label: string; weight: number; code: string }[]; chairPassphrase: string };
  /** Captive-portal middleware (mounted first), absent in venue mode and in tests that do not need it. */
  portal?: Middleware;
  /** The web UI's static files. */
  staticFiles?: Middleware;
  hub?: HubOptions;
  limits?: { code?: LimiterOptions; passphrase?: LimiterOptions };
}
