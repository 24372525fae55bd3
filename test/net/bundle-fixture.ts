// Builds real provision bundles for the net tests with the shared code and passphrase modules, validated by the
// same bundleSchema conclaved and conclave-netconfig use.
import { randomBytes, randomUUID } from 'node:crypto';
import { bundleSchema, BUNDLE_FORMAT, type Bundle } from '../../firmware/config/bundle.js';
import { generateCode, hashCode, parseCode } from '../../firmware/config/codes.js';
import { hashPassphrase } from '../../firmware/config/passphrase.js';

export interface FixtureBundle {
  bundle: Bundle;
  /** Plain codes, as printed on the cards (tests only). */
  codes: string[];
  chairPassphrase: string;
}

let chairHash: Promise<string> | null = null;

export async function makeBundle(network: Record<string, unknown>, cards = 3): Promise<FixtureBundle> {
  const pepper = randomBytes(32);
  const codes = Array.from({ length: cards }, () => generateCode());
  const chairPassphrase = 'chair passphrase for tests';
  chairHash ??= hashPassphrase(chairPassphrase);
  const raw = {
    format: BUNDLE_FORMAT,
    event: { id: randomUUID(), name: 'Net test event' },
    pepper: pepper.toString('base64'),
    chair: { passphraseHash: await chairHash },
    cards: codes.map((c, i) => {
      const p = parseCode(c);
      if (!p.ok) throw new Error('generated code does not parse');
      return { label: `A-${String(i + 1).padStart(3, '0')}`, codeHash: hashCode(pepper, p.normalised), weight: 1 };
    }),
    network,
  };
  return { bundle: bundleSchema.parse(raw), codes, chairPassphrase };
}
