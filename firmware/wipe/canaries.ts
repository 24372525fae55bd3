// Canaries: random marker strings stored with the event at its start. Nothing else on the device could
// contain them by chance, so finding one after a wipe is proof that event data survived.
import { randomBytes } from 'node:crypto';

export const CANARY_COUNT = 4;

export function plantCanaries(count = CANARY_COUNT): string[] {
  return Array.from({ length: count }, () => `cnry-${randomBytes(24).toString('base64url')}`);
}

/**
 * Poll titles and option labels shorter than this are not searched: a three-letter label such as "For"
 * occurs in unrelated bytes (keys, logs, the attestation itself) and would make the scan meaningless.
 * The attestation reports how many were skipped.
 */
export const MIN_SECRET_BYTES = 4;

export interface MarkerSet {
  markers: Buffer[];
  canaries: number;
  secrets: number;
  skipped: number;
}

export function markerSet(canaries: string[], secrets: string[]): MarkerSet {
  const seen = new Set<string>();
  const markers: Buffer[] = [];
  for (const c of canaries) {
    if (!seen.has(c)) markers.push(Buffer.from(c, 'utf8'));
    seen.add(c);
  }
  let searched = 0;
  let skipped = 0;
  for (const s of new Set(secrets)) {
    if (Buffer.byteLength(s, 'utf8') < MIN_SECRET_BYTES) {
      skipped++;
      continue;
    }
    searched++;
    if (!seen.has(s)) markers.push(Buffer.from(s, 'utf8'));
    seen.add(s);
  }
  return { markers, canaries: new Set(canaries).size, secrets: searched, skipped };
}
