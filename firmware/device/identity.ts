// The device key: Ed25519, made on first start, kept outside the event data so it survives wipes.
// Its fingerprint (SHA-256 of the raw public key) is what the organisation compares on paper.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DeviceIdentity {
  deviceId: string;
  /** SPKI PEM */
  publicKeyPem: string;
  /** SHA-256 of the raw 32-byte public key, hex pairs separated by colons */
  fingerprint: string;
  sign(data: Buffer): Buffer;
}

export function fingerprintOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return createHash('sha256').update(raw).digest('hex').toUpperCase().match(/../g)!.join(':');
}

export function identityFromPrivateKey(privateKey: KeyObject): DeviceIdentity {
  const publicKey = createPublicKey(privateKey);
  const fingerprint = fingerprintOf(publicKey);
  return {
    deviceId: `conclave-${fingerprint.replace(/:/g, '').slice(0, 12).toLowerCase()}`,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint,
    sign: (data) => sign(null, data, privateKey),
  };
}

/** Loads `dir/device-key.pem`, or makes and stores a new key (mode 0600) when there is none. */
export async function loadOrCreateIdentity(dir: string): Promise<DeviceIdentity> {
  const path = join(dir, 'device-key.pem');
  try {
    return identityFromPrivateKey(createPrivateKey(await readFile(path, 'utf8')));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  await writeFile(`${path}.tmp`, pem, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
  return identityFromPrivateKey(privateKey);
}

export function verifySignature(data: Buffer, signature: Buffer, publicKeyPem: string): boolean {
  try {
    return verify(null, data, createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}
