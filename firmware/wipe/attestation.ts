// The wipe attestation (DESIGN §9): a signed statement of what this device did to the event data and how it
// checked the result. Its wording claims no more than the steps prove.
import { z } from 'zod';
import type { TimeStamp } from '../device/clock.js';
import { auditHeadSchema, deviceRefSchema, eventRefSchema, softwareRefSchema, timeStampSchema, type AuditHead } from './results-document.js';
import type { WipeReport } from './wiper.js';

export const ATTESTATION_TYPE = 'conclave.wipe-attestation';

const TECHNIQUE_CLAIMS = {
  partition:
    'The event partition was crypto-erased: its LUKS2 header and keyslots were overwritten so the per-event key no longer exists, the partition was discarded (TRIM) and recreated empty.',
  folder:
    'Simulation mode: every file of the event data folder was overwritten with random bytes of the same length, flushed to disk and deleted.',
} as const;

const LIMITATIONS = [
  'This attestation proves that a device holding the private key with the fingerprint above performed the listed steps and observed the listed verification result; it does not prove what happened on any other device or copy.',
  'SD cards and other flash media remap blocks internally; no software on the device can guarantee a NIST SP 800-88 Purge of such media. On the appliance the protection rests on the destroyed encryption key.',
  'The declared time was supplied by the chair console at login; the device has no clock of its own. "monotonicMs" counts milliseconds since the service started, "sinceBootMs" since the device booted (CLOCK_MONOTONIC).',
];

export const attestationSchema = z.strictObject({
  type: z.literal(ATTESTATION_TYPE),
  version: z.literal(1),
  device: deviceRefSchema,
  software: softwareRefSchema,
  event: eventRefSchema,
  wiped: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('folder'), path: z.string(), files: z.number().int().nonnegative(), sizeBytes: z.number().int().nonnegative() }),
    z.strictObject({ kind: z.literal('partition'), device: z.string(), sizeBytes: z.number().int().nonnegative() }),
  ]),
  method: z.strictObject({
    mode: z.enum(['folder', 'partition']),
    technique: z.string(),
    steps: z.array(z.strictObject({ name: z.string(), ok: z.boolean(), detail: z.string() })),
  }),
  verification: z.strictObject({
    method: z.string(),
    scope: z.array(z.string()),
    bytesScanned: z.number().int().nonnegative(),
    canariesSearched: z.number().int().nonnegative(),
    secretsSearched: z.number().int().nonnegative(),
    secretsSkipped: z.number().int().nonnegative(),
    found: z.number().int().nonnegative(),
    result: z.enum(['clean', 'markers-found']),
  }),
  outcome: z.enum(['wiped', 'incomplete']),
  resultsDocument: z.strictObject({ digestAlg: z.literal('SHA-256'), digest: z.string().regex(/^[0-9a-f]{64}$/).nullable() }),
  auditHead: auditHeadSchema,
  time: z.strictObject({ started: timeStampSchema, finished: timeStampSchema, sinceBootMs: z.number().int().nonnegative() }),
  statement: z.string(),
  limitations: z.array(z.string()),
});
export type Attestation = z.infer<typeof attestationSchema>;

export interface AttestationInput {
  device: { deviceId: string; fingerprint: string };
  software: { version: string; hash: string };
  event: { id: string; name: string };
  report: WipeReport;
  /** documentDigest() of the last signed results document handed out, or null when none was. */
  resultsDocumentDigest: string | null;
  auditHead: AuditHead;
  started: TimeStamp;
  finished: TimeStamp;
  /** CLOCK_MONOTONIC at the end of the wipe, in ms: time since the device booted. */
  sinceBootMs: number;
}

export function buildAttestation(input: AttestationInput): Attestation {
  const { report } = input;
  const stepsOk = report.steps.every((s) => s.ok);
  const clean = report.verification.clean;
  const outcome = stepsOk && clean ? 'wiped' : 'incomplete';
  const statement =
    outcome === 'wiped'
      ? `${TECHNIQUE_CLAIMS[report.mode]} Afterwards a byte-level scan found none of the ${report.verification.canariesSearched} planted canaries and none of the ${report.verification.secretsSearched} poll titles and option labels searched for.`
      : `The wipe did NOT complete as intended: ${stepsOk ? '' : `failed steps: ${report.steps.filter((s) => !s.ok).map((s) => s.name).join(', ')}. `}${clean ? '' : `${report.verification.found} marker(s) were still found by the byte-level scan. `}Treat the event data as not erased.`;
  const v = report.verification;
  return attestationSchema.parse({
    type: ATTESTATION_TYPE,
    version: 1,
    device: { deviceId: input.device.deviceId, fingerprint: input.device.fingerprint },
    software: { version: input.software.version, hash: input.software.hash },
    event: { id: input.event.id, name: input.event.name },
    wiped: report.target,
    method: { mode: report.mode, technique: report.technique, steps: report.steps },
    verification: {
      method: v.method,
      scope: v.scope,
      bytesScanned: v.bytesScanned,
      canariesSearched: v.canariesSearched,
      secretsSearched: v.secretsSearched,
      secretsSkipped: v.secretsSkipped,
      found: v.found,
      result: clean ? 'clean' : 'markers-found',
    },
    outcome,
    resultsDocument: { digestAlg: 'SHA-256', digest: input.resultsDocumentDigest },
    auditHead: input.auditHead,
    time: { started: input.started, finished: input.finished, sinceBootMs: Math.round(input.sinceBootMs) },
    statement,
    limitations: LIMITATIONS,
  });
}
