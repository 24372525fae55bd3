// The whole wipe as the service performs it: close the event, erase, verify, attest, sign, keep the
// attestation outside the event data. The caller gathers what must be known before the store closes.
import type { DeclaredClock } from '../device/clock.js';
import type { DeviceIdentity } from '../device/identity.js';
import { buildAttestation, type Attestation } from './attestation.js';
import { saveAttestation } from './attestation-store.js';
import type { AuditHead } from './results-document.js';
import { signDocument, type Signed } from './signed-document.js';
import type { SoftwareIdentity } from './software-identity.js';
import type { WipeInput, Wiper } from './wiper.js';

export interface WipeEventInput extends WipeInput {
  event: { id: string; name: string };
  /** The audit chain head after the wipe gesture was recorded, read before the store closes. */
  auditHead: AuditHead;
  resultsDocumentDigest: string | null;
}

export interface WipeEventDeps {
  wiper: Wiper;
  identity: DeviceIdentity;
  clock: DeclaredClock;
  software: SoftwareIdentity;
  /** Where the device key lives; attestations are stored beneath it. */
  deviceDir: string;
  /** Closes the store and every handle on the event files; the wipe starts only after it resolves. */
  closeEvent: () => Promise<void>;
}

export interface WipeEventResult {
  attestation: Signed<Attestation>;
  /** The exact bytes to serve. */
  serialized: string;
}

export async function wipeEvent(deps: WipeEventDeps, input: WipeEventInput): Promise<WipeEventResult> {
  const started = deps.clock.now();
  await deps.closeEvent();
  const report = await deps.wiper.wipe({ canaries: input.canaries, secrets: input.secrets });
  const attestation = signDocument(
    buildAttestation({
      device: { deviceId: deps.identity.deviceId, fingerprint: deps.identity.fingerprint },
      software: deps.software,
      event: input.event,
      report,
      resultsDocumentDigest: input.resultsDocumentDigest,
      auditHead: input.auditHead,
      started,
      finished: deps.clock.now(),
      // process.hrtime reads CLOCK_MONOTONIC, which on Linux counts from boot.
      sinceBootMs: Number(process.hrtime.bigint() / 1_000_000n),
    }),
    deps.identity,
  );
  const serialized = await saveAttestation(deps.deviceDir, attestation);
  return { attestation, serialized };
}
