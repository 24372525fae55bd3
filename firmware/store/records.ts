// Records as they sit in LMDB. Everything read back is parsed: a damaged or foreign record is reported,
// not trusted.
import { z } from 'zod';
import { networkSchema } from '../config/network-schema.js';
import { hardwareSchema } from '../config/bundle.js';
import { quorumSchema, ruleSchema } from '../config/poll-schema.js';

export const eventRecord = z.strictObject({
  id: z.string(),
  name: z.string(),
  date: z.string().optional(),
  languages: z.array(z.enum(['nl', 'en'])),
  network: networkSchema,
  hardware: hardwareSchema,
  issued: z.number().int(),
  entitledWeight: z.string(),
});
export type EventRecord = z.infer<typeof eventRecord>;

export const cardRecord = z.strictObject({ label: z.string(), weight: z.number().int().positive(), group: z.string().optional() });
export type CardRecord = z.infer<typeof cardRecord>;

const measure = z.strictObject({ weight: z.string().regex(/^\d+$/), heads: z.number().int().min(0) });

export const pollRecord = z.strictObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(['motion', 'choice', 'multi']),
  options: z.array(z.strictObject({ id: z.string(), label: z.string() })),
  minChoices: z.number().int(),
  maxChoices: z.number().int(),
  blank: z.boolean(),
  rule: ruleSchema,
  quorum: quorumSchema.nullable(),
  liveResults: z.boolean(),
  status: z.enum(['draft', 'open', 'closed', 'published']),
  presentAtClose: measure.nullable(),
});

export const tallyRecord = z.strictObject({ options: z.record(z.string(), measure), cast: measure });

export const auditRecord = z.strictObject({
  seq: z.number().int(),
  type: z.string(),
  source: z.enum(['console', 'button', 'system', 'dev']),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  time: z.strictObject({ declared: z.string().nullable(), monotonicMs: z.number(), source: z.enum(['chair-console', 'none']) }),
  prev: z.string(),
  hash: z.string(),
});
