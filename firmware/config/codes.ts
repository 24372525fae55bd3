// Voter codes: 12 Crockford base32 characters (60 bits) plus one check character, printed as
// ABCD-EFGH-JKMN-P. The check character is Luhn mod 32 over the alphabet, so every single-character
// typo and every swap of two adjacent characters is reported as a typo instead of an unknown code.
import { createHmac, randomBytes } from 'node:crypto';

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_BODY_LENGTH = 12;

export type CodeParse =
  | { ok: true; normalised: string }
  | { ok: false; reason: 'length' | 'character' | 'check' };

function luhnCheckIndex(body: string): number {
  const n = CODE_ALPHABET.length;
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = factor * CODE_ALPHABET.indexOf(body[i] as string);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return (n - (sum % n)) % n;
}

/** The check character for a 12-character body (already normalised). */
export function checkCharacter(body: string): string {
  return CODE_ALPHABET[luhnCheckIndex(body)] as string;
}

/** Forgives case, spaces, dashes and the look-alikes O→0, I/L→1; then verifies length and check character. */
export function parseCode(input: string): CodeParse {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_BODY_LENGTH + 1) return { ok: false, reason: 'length' };
  for (const ch of cleaned) if (!CODE_ALPHABET.includes(ch)) return { ok: false, reason: 'character' };
  const body = cleaned.slice(0, CODE_BODY_LENGTH);
  if (checkCharacter(body) !== cleaned[CODE_BODY_LENGTH]) return { ok: false, reason: 'check' };
  return { ok: true, normalised: cleaned };
}

/** A fresh code from the OS's secure random source, formatted for printing. */
export function generateCode(): string {
  // 60 bits = 12 symbols of 5 bits; take them from 8 random bytes.
  const bytes = randomBytes(8);
  let bits = bytes.readBigUInt64BE(0) >> 4n;
  let body = '';
  for (let i = 0; i < CODE_BODY_LENGTH; i++) {
    body = CODE_ALPHABET[Number(bits & 31n)] + body;
    bits >>= 5n;
  }
  return formatCode(body + checkCharacter(body));
}

/** ABCDEFGHJKMNP → ABCD-EFGH-JKMN-P */
export function formatCode(normalised: string): string {
  return `${normalised.slice(0, 4)}-${normalised.slice(4, 8)}-${normalised.slice(8, 12)}-${normalised.slice(12)}`;
}

/** The only form in which a code is stored: HMAC-SHA256 under the event pepper, hex. */
export function hashCode(pepper: Buffer, normalised: string): string {
  return createHmac('sha256', pepper).update(normalised, 'utf8').digest('hex');
}
