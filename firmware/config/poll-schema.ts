// The shape of a poll as the chair (or a prepared agenda in the bundle) defines it. Shared by the
// bundle schema and the chair API so an agenda item and a console-created poll are validated alike.
import { z } from 'zod';

export const FRACTION = /^[1-9]\d{0,2}\/[1-9]\d{0,2}$/;

export const ruleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('simple') }),
  z.strictObject({ kind: z.literal('absolute') }),
  z.strictObject({ kind: z.literal('qualified'), fraction: z.string().regex(FRACTION, 'a fraction like 2/3') }),
  z.strictObject({ kind: z.literal('entitled'), fraction: z.string().regex(FRACTION, 'a fraction like 1/2') }),
]);
export type Rule = z.infer<typeof ruleSchema>;

export const quorumSchema = z.strictObject({
  of: z.enum(['present', 'cast']),
  measure: z.enum(['weight', 'heads']),
  /** An integer ("12") or a fraction of the entitled total ("1/2"). */
  atLeast: z.string().regex(/^(\d{1,16}|[1-9]\d{0,2}\/[1-9]\d{0,2})$/, 'an integer or a fraction like 1/2'),
});
export type Quorum = z.infer<typeof quorumSchema>;

const text = (max: number) =>
  z
    .string()
    .max(max)
    // Control characters have no place in a title shown on a projector; newlines are allowed in descriptions only.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), 'no control characters');

export const pollInputSchema = z.strictObject({
  title: text(200).refine((s) => s.trim().length > 0, 'must not be empty').refine((s) => !/[\n\r\t]/.test(s), 'one line'),
  description: text(2000).optional(),
  kind: z.enum(['motion', 'choice', 'multi']),
  options: z.array(text(120).refine((s) => s.trim().length > 0, 'must not be empty')).min(2).max(30).optional(),
  minChoices: z.number().int().min(0).max(30).optional(),
  maxChoices: z.number().int().min(1).max(30).optional(),
  blank: z.boolean().optional(),
  rule: ruleSchema.optional(),
  quorum: quorumSchema.nullable().optional(),
  liveResults: z.boolean().optional(),
});
export type PollInput = z.infer<typeof pollInputSchema>;
