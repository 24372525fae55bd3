// The signed results document (DESIGN §9): what the chair takes home and the organisation can check offline.
// Built from the same per-poll results view the chair API serves, reduced to an explicit, stable field list
// so that the schema below can reject anything unexpected when the document is verified later.
import { z } from 'zod';
import { quorumSchema, ruleSchema } from '../config/poll-schema.js';
import type { TimeStamp } from '../device/clock.js';
import type { Measure, Poll, Verdict } from '../voting/types.js';
import type { SecrecyWarning } from '../voting/secrecy.js';

export const RESULTS_DOCUMENT_TYPE = 'conclave.results-document';

const decimal = z.string().regex(/^(0|[1-9]\d*)$/);
const measureSchema = z.strictObject({ weight: decimal, heads: z.number().int().nonnegative() });

export const timeStampSchema = z.strictObject({
  declared: z.string().nullable(),
  monotonicMs: z.number().int().nonnegative(),
  source: z.enum(['chair-console', 'none']),
});

export const auditHeadSchema = z.strictObject({
  /** Number of entries in the chain. */
  entries: z.number().int().nonnegative(),
  /** Hash of the last entry (hex), or the genesis value when the chain is empty. */
  hash: z.string().min(1),
});
export type AuditHead = z.infer<typeof auditHeadSchema>;

export const deviceRefSchema = z.strictObject({ deviceId: z.string(), fingerprint: z.string() });
export const softwareRefSchema = z.strictObject({ version: z.string(), hash: z.string() });
export const eventRefSchema = z.strictObject({ id: z.string(), name: z.string() });

const pollResultSchema = z.strictObject({
  poll: z.strictObject({
    id: z.string(),
    question: z.string(),
    description: z.string(),
    kind: z.enum(['motion', 'choice', 'multi']),
    options: z.array(z.strictObject({ id: z.string(), label: z.string() })),
    minChoices: z.number().int(),
    maxChoices: z.number().int(),
    status: z.enum(['draft', 'open', 'closed', 'published']),
    rule: ruleSchema,
    quorum: quorumSchema.nullable(),
  }),
  tally: z.array(z.strictObject({ optionId: z.string(), label: z.string(), weight: decimal, heads: z.number().int().nonnegative() })),
  cast: measureSchema,
  present: measureSchema,
  entitled: measureSchema,
  turnout: z.strictObject({ heads: z.string(), weight: z.string() }),
  verdict: z.strictObject({ outcome: z.enum(['adopted', 'rejected', 'no_quorum', 'none']), explanation: z.string(), winner: z.string().optional() }),
  warnings: z.array(z.strictObject({ code: z.string(), message: z.string() })),
});

export const resultsDocumentSchema = z.strictObject({
  type: z.literal(RESULTS_DOCUMENT_TYPE),
  version: z.literal(1),
  event: eventRefSchema,
  device: deviceRefSchema,
  software: softwareRefSchema,
  issued: timeStampSchema,
  auditHead: auditHeadSchema,
  polls: z.array(pollResultSchema),
});
export type ResultsDocument = z.infer<typeof resultsDocumentSchema>;

/** The shape of `GET /api/chair/polls/:id/results` (API.md). Extra fields on the lead's objects are ignored. */
export interface ResultsView {
  poll: Pick<Poll, 'id' | 'title' | 'kind' | 'options' | 'minChoices' | 'maxChoices' | 'status' | 'rule' | 'quorum'> & { description?: string };
  tally: Array<{ optionId: string; label: string; weight: string | number; heads: number }>;
  cast: Measure | { weight: number; heads: number };
  present: Measure | { weight: number; heads: number };
  entitled: Measure | { weight: number; heads: number };
  verdict: Verdict;
  warnings: Array<SecrecyWarning | string>;
}

export interface ResultsDocumentInput {
  event: { id: string; name: string };
  polls: ResultsView[];
  auditHead: AuditHead;
  device: { deviceId: string; fingerprint: string };
  software: { version: string; hash: string };
  time: TimeStamp;
}

const measure = (m: { weight: string | number; heads: number }) => ({ weight: String(m.weight), heads: m.heads });

/** "12 of 40 (30.0 %)" — written out so a reader needs no calculator; exact integers, one rounded percentage. */
function share(part: bigint, whole: bigint): string {
  if (whole === 0n) return `${part} of 0`;
  const permille = (part * 1000n + whole / 2n) / whole;
  return `${part} of ${whole} (${permille / 10n}.${permille % 10n} %)`;
}

export function buildResultsDocument(input: ResultsDocumentInput): ResultsDocument {
  const doc: ResultsDocument = {
    type: RESULTS_DOCUMENT_TYPE,
    version: 1,
    event: { id: input.event.id, name: input.event.name },
    device: { deviceId: input.device.deviceId, fingerprint: input.device.fingerprint },
    software: { version: input.software.version, hash: input.software.hash },
    issued: { declared: input.time.declared, monotonicMs: input.time.monotonicMs, source: input.time.source },
    auditHead: { entries: input.auditHead.entries, hash: input.auditHead.hash },
    polls: input.polls.map((r) => {
      const cast = measure(r.cast);
      const entitled = measure(r.entitled);
      return {
        poll: {
          id: r.poll.id,
          question: r.poll.title,
          description: r.poll.description ?? '',
          kind: r.poll.kind,
          options: r.poll.options.map((o) => ({ id: o.id, label: o.label })),
          minChoices: r.poll.minChoices,
          maxChoices: r.poll.maxChoices,
          status: r.poll.status,
          rule: r.poll.rule,
          quorum: r.poll.quorum ?? null,
        },
        tally: r.tally.map((t) => ({ optionId: t.optionId, label: t.label, weight: String(t.weight), heads: t.heads })),
        cast,
        present: measure(r.present),
        entitled,
        turnout: {
          heads: share(BigInt(cast.heads), BigInt(entitled.heads)),
          weight: share(BigInt(cast.weight), BigInt(entitled.weight)),
        },
        verdict: r.verdict.winner === undefined
          ? { outcome: r.verdict.outcome, explanation: r.verdict.explanation }
          : { outcome: r.verdict.outcome, explanation: r.verdict.explanation, winner: r.verdict.winner },
        warnings: r.warnings.map((w) => (typeof w === 'string' ? { code: 'warning', message: w } : { code: w.code, message: w.message })),
      };
    }),
  };
  // Parsing our own output keeps a malformed view from ever being signed.
  return resultsDocumentSchema.parse(doc);
}
