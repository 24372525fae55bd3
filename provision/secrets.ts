// Secrets made at provisioning that a person has to read or type: the chair passphrase and per-card
// Wi-Fi passphrases. Lowercase Crockford base32 (no i, l, o, u) in groups of four, so they survive being
// read aloud or copied from paper; 32 divides 256, so taking 5 bits of each random byte has no bias.
import { pbkdf2, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** `groups` groups of four characters, 20 bits each, from the OS's secure random source. */
export function readableSecret(groups: number): string {
  const bytes = randomBytes(groups * 4);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31] as string).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/** The WPA2 pre-shared key hostapd derives from a passphrase: PBKDF2-HMAC-SHA1(passphrase, ssid, 4096, 32), hex. */
export function wpaPsk(passphrase: string, ssid: string): Promise<string> {
  return new Promise((resolve, reject) =>
    pbkdf2(Buffer.from(passphrase, 'utf8'), Buffer.from(ssid, 'utf8'), 4096, 32, 'sha1', (e, key) =>
      e ? reject(e) : resolve(key.toString('hex')),
    ),
  );
}
