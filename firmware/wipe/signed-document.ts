// Signing and checking of the documents the appliance hands to the organisation (results, wipe attestation).
// The signature covers the RFC 8785 canonical JSON of the document without its `signature` member. A file
// is accepted only in one of two exact renderings of the signed document: its canonical JSON, or that same
// key order indented by two spaces (what the chair console's download produces), each with or without one
// trailing newline. Requiring exact bytes is what makes *any* changed byte detectable: whitespace, a
// re-encoded base64 character or an escaped string would otherwise survive a purely semantic check.
import canonicalize from 'canonicalize';
import { createHash, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { fingerprintOf, verifySignature, type DeviceIdentity } from '../device/identity.js';
import { err, ok, type Result } from '../result.js';

export const signatureSchema = z.strictObject({
  alg: z.literal('Ed25519'),
  publicKeyFingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type DocumentSignature = z.infer<typeof signatureSchema>;

export type Signed<T> = T & { signature: DocumentSignature };

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export function signDocument<T extends object>(doc: T, identity: DeviceIdentity): Signed<T> {
  if ('signature' in doc) throw new TypeError('document is already signed');
  const value = identity.sign(Buffer.from(canonicalJson(doc), 'utf8')).toString('base64');
  return { ...doc, signature: { alg: 'Ed25519', publicKeyFingerprint: identity.fingerprint, value } };
}

/** The exact bytes to store or serve: canonical JSON plus a trailing newline. */
export function serializeSignedDocument(doc: Signed<object>): string {
  return `${canonicalJson(doc)}\n`;
}

/**
 * The signed document as a plain object whose keys are in canonical order, so that an ordinary
 * JSON.stringify (Koa's response body) emits exactly the canonical bytes.
 */
export function canonicalObject<T extends object>(doc: Signed<T>): Signed<T> {
  return JSON.parse(canonicalJson(doc)) as Signed<T>;
}

/** SHA-256 (hex) of the canonical JSON of the whole signed document: the same whatever the rendering. */
export function documentDigest(doc: Signed<object> | Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(doc), 'utf8').digest('hex');
}

function acceptedRenderings(record: Record<string, unknown>): string[] {
  const canonical = canonicalJson(record);
  const indented = JSON.stringify(JSON.parse(canonical), null, 2);
  return [canonical, `${canonical}\n`, indented, `${indented}\n`];
}

export type VerifyFailure =
  | 'not_json'
  | 'not_canonical'
  | 'no_signature'
  | 'bad_public_key'
  | 'wrong_key'
  | 'bad_signature'
  | 'invalid_document';

export interface VerifyError {
  reason: VerifyFailure;
  detail: string;
}

/**
 * Checks a serialised signed document against a public key and, when given, a schema for its body.
 * Returns the parsed document (without any coercion) when every byte is accounted for.
 */
export function verifySignedDocument<S extends z.ZodType>(
  text: string,
  publicKeyPem: string,
  bodySchema?: S,
): Result<Record<string, unknown>, VerifyError> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return err({ reason: 'not_json', detail: `not valid JSON: ${(e as Error).message}` });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return err({ reason: 'invalid_document', detail: 'the document is not a JSON object' });
  }
  const record = parsed as Record<string, unknown>;
  if (!acceptedRenderings(record).includes(text)) {
    return err({ reason: 'not_canonical', detail: 'the file is not in the exact form the device issued (RFC 8785 canonical JSON, or the same indented by two spaces); it has been altered or re-formatted' });
  }
  const sig = signatureSchema.safeParse(record.signature);
  if (!sig.success) {
    return err({ reason: 'no_signature', detail: 'missing or malformed "signature" member' });
  }
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(createPublicKey(publicKeyPem));
  } catch {
    return err({ reason: 'bad_public_key', detail: 'the public key is not a readable PEM key' });
  }
  if (sig.data.publicKeyFingerprint !== fingerprint) {
    return err({ reason: 'wrong_key', detail: `signed by key ${sig.data.publicKeyFingerprint}, not by the given key ${fingerprint}` });
  }
  const signatureBytes = Buffer.from(sig.data.value, 'base64');
  // Buffer's base64 decoder is lenient; only the one strict encoding of these bytes is accepted.
  if (signatureBytes.length !== 64 || signatureBytes.toString('base64') !== sig.data.value) {
    return err({ reason: 'bad_signature', detail: 'the signature value is not a canonical Ed25519 signature' });
  }
  const { signature: _signature, ...body } = record;
  if (!verifySignature(Buffer.from(canonicalJson(body), 'utf8'), signatureBytes, publicKeyPem)) {
    return err({ reason: 'bad_signature', detail: 'the signature does not match the document contents' });
  }
  if (bodySchema) {
    const checked = bodySchema.safeParse(body);
    if (!checked.success) {
      return err({ reason: 'invalid_document', detail: `signature valid but the document does not match its schema: ${z.prettifyError(checked.error)}` });
    }
  }
  return ok(record);
}
