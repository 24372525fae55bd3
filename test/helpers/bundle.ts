// Builds real provision bundles for tests: random codes and pepper, hashed exactly as provisioning does.
import { randomBytes, randomUUID } from 'node:crypto';
import { BUNDLE_FORMAT, bundleSchema, type Bundle } from '../../firmware/config/bundle.js';
import { generateCode, hashCode, parseCode } from '../../firmware/config/codes.js';
import { hashPassphrase } from '../../firmware/config/passphrase.js';
import type { PollInput } from '../../firmware/config/poll-schema.js';

export interface TestCard {
  label: string;
  weight: number;
  code: string;
}

export interface TestBundle {
  bundle: Bundle;
  cards: TestCard[];
  passphrase: string;
}

let cachedHash: { passphrase: string; hash: string } | null = null;

/** Cards get labels C-0001…; weights default to 1. The scrypt hash is made once per process (it is slow by design). */
export async function makeBundle(opts: { weights?: number[]; count?: number; polls?: PollInput[]; name?: string } = {}): Promise<TestBundle> {
  const weights = opts.weights ?? Array.from({ length: opts.count ?? 5 }, () => 1);
  const pepper = randomBytes(32);
  if (!cachedHash) {
    const passphrase = `chair-${randomBytes(6).toString('hex')}`;
    cachedHash = { passphrase, hash: await hashPassphrase(passphrase) };
  }
  const cards = weights.map((weight, i) => ({ label: `C-${String(i + 1).padStart(4, '0')}`, weight, code: generateCode() }));
  const bundle = bundleSchema.parse({
    format: BUNDLE_FORMAT,
    event: { id: randomUUID(), name: opts.name ?? 'Test meeting', languages: ['en'] },
    pepper: pepper.toString('base64'),
    chair: { passphraseHash: cachedHash.hash },
    cards: cards.map((c) => {
      const p = parseCode(c.code);
      if (!p.ok) throw new Error('bad generated code');
      return { label: c.label, weight: c.weight, codeHash: hashCode(pepper, p.normalised) };
    }),
    network: { mode: 'onboard', ssid: 'Test', wifiPassphrase: 'test-passphrase' },
    polls: opts.polls ?? [],
  });
  return { bundle, cards, passphrase: cachedHash.passphrase };
}
