// The provision bundle: everything the appliance needs to run one event, and nothing that could log a
// voter in by itself (codes are present only as HMACs under the pepper). Written by conclave-provision,
// read by conclaved at import. Parsed strictly: unknown fields are an error, not ignored.
import { z } from 'zod';
import { PASSPHRASE_HASH_PATTERN } from './passphrase.js';
import { pollInputSchema } from './poll-schema.js';
import { networkSchema } from './network-schema.js';

export const BUNDLE_FORMAT = 'conclave-bundle/1';
export const MAX_WEIGHT = 1_000_000_000_000;

export const cardSchema = z.strictObject({
  label: z.string().min(1).max(40).regex(/^[\p{L}\p{N}][\p{L}\p{N} ._\-/]*$/u, 'letters, digits, space . _ - /'),
  codeHash: z.string().regex(/^[0-9a-f]{64}$/, 'HMAC-SHA256 in hex'),
  weight: z.number().int().min(1).max(MAX_WEIGHT),
  group: z.string().max(60).optional(),
});
export type Card = z.infer<typeof cardSchema>;

export const hardwareSchema = z.strictObject({
  gpioChip: z.string().regex(/^[\w\-.]+$/).default('gpiochip0'),
  buttonLine: z.number().int().min(0).max(511).default(17),
  ledLine: z.number().int().min(0).max(511).default(27),
});

export const bundleSchema = z
  .strictObject({
    format: z.literal(BUNDLE_FORMAT),
    event: z.strictObject({
      id: z.string().regex(/^[0-9a-f-]{36}$/, 'a UUID'),
      name: z.string().min(1).max(120),
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      languages: z.array(z.enum(['nl', 'en'])).min(1).default(['nl', 'en']),
      createdAt: z.string().optional(),
    }),
    /** 32 random bytes, base64; the key of the code HMAC. Never shown. */
    pepper: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '32 bytes in base64'),
    chair: z.strictObject({ passphraseHash: z.string().regex(PASSPHRASE_HASH_PATTERN, 'an scrypt hash') }),
    cards: z.array(cardSchema).min(1).max(100_000),
    network: networkSchema,
    hardware: hardwareSchema.default({ gpioChip: 'gpiochip0', buttonLine: 17, ledLine: 27 }),
    polls: z.array(pollInputSchema).max(200).default([]),
  })
  .superRefine((b, ctx) => {
    const labels = new Set<string>();
    const hashes = new Set<string>();
    b.cards.forEach((c, i) => {
      if (labels.has(c.label)) ctx.addIssue({ code: 'custom', path: ['cards', i, 'label'], message: `duplicate label ${c.label}` });
      if (hashes.has(c.codeHash)) ctx.addIssue({ code: 'custom', path: ['cards', i, 'codeHash'], message: 'duplicate code' });
      labels.add(c.label);
      hashes.add(c.codeHash);
    });
  });
export type Bundle = z.infer<typeof bundleSchema>;

export function formatZodError(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
