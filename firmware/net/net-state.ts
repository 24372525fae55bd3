// network.json: what conclave-netconfig decided, for conclaved (which radio to count stations on, the mode's
// client limit) and for the technician. Parsed with zod where it is read back.
import { z } from 'zod';

export const netStateSchema = z.strictObject({
  mode: z.enum(['onboard', 'usb-radio', 'external-ap', 'venue']),
  host: z.string(),
  address: z.string(),
  prefix: z.number().int(),
  serving: z.string().nullable(),
  radio: z.string().nullable(),
  uplink: z.string().nullable(),
  channel: z.number().int().nullable(),
  channelSource: z.enum(['bundle', 'scan', 'fallback']).nullable(),
  clientLimit: z.number().int(),
  tlsTrusted: z.boolean(),
  ctrlDir: z.string(),
  leaseFile: z.string(),
  pool: z.strictObject({ start: z.string(), end: z.string(), size: z.number().int() }).nullable(),
});
export type NetState = z.infer<typeof netStateSchema>;
