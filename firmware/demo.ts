// The simulation's demo event: a dozen cards with different weights and a small agenda. Its codes and
// chair passphrase are kept in the event folder (wiped with it) so a restart of `npm start` on the same
// folder keeps working with the codes it printed the first time.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BUNDLE_FORMAT, bundleSchema, type Bundle } from './config/bundle.js';
import { generateCode, hashCode, parseCode } from './config/codes.js';
import { hashPassphrase } from './config/passphrase.js';

export const demoSecretsSchema = z.strictObject({
  codes: z.array(z.strictObject({ label: z.string(), weight: z.number(), code: z.string() })),
  chairPassphrase: z.string(),
});
export type DemoSecrets = z.infer<typeof demoSecretsSchema>;

const CARDS: [string, number, string][] = [
  ['A-001', 1000, 'founders'],
  ['A-002', 1, 'members'],
  ['A-003', 1, 'members'],
  ['A-004', 2, 'members'],
  ['A-005', 5, 'members'],
  ['A-006', 10, 'members'],
  ['A-007', 1, 'members'],
  ['A-008', 25, 'delegates'],
  ['A-009', 3, 'members'],
  ['A-010', 1, 'members'],
  ['A-011', 50, 'delegates'],
  ['A-012', 1, 'members'],
];

export async function demoBundle(): Promise<{ bundle: Bundle; secrets: DemoSecrets }> {
  const pepper = randomBytes(32);
  const chairPassphrase = `demo-${randomBytes(5).toString('hex')}`;
  const codes = CARDS.map(([label, weight]) => ({ label, weight, code: generateCode() }));
  const bundle = bundleSchema.parse({
    format: BUNDLE_FORMAT,
    event: { id: randomUUID(), name: 'Demo members meeting', languages: ['nl', 'en'] },
    pepper: pepper.toString('base64'),
    chair: { passphraseHash: await hashPassphrase(chairPassphrase) },
    cards: CARDS.map(([label, weight, group], i) => {
      const parsed = parseCode(codes[i]!.code);
      if (!parsed.ok) throw new Error('generated code does not parse');
      return { label, weight, group, codeHash: hashCode(pepper, parsed.normalised) };
    }),
    network: { mode: 'onboard', ssid: 'Conclave demo', wifiPassphrase: 'demo-wifi-2026', address: '10.42.0.1' },
    polls: [
      { title: 'Approve the minutes of the previous meeting', kind: 'motion', rule: { kind: 'simple' }, blank: true },
      { title: 'Venue of the next annual meeting', kind: 'choice', options: ['Utrecht', 'Amsterdam', 'Online'], rule: { kind: 'simple' } },
      { title: 'Elect two members of the supervisory board', kind: 'multi', options: ['Anna de Vries', 'Bram Jansen', 'Chen Li', 'Daan Bakker'], minChoices: 1, maxChoices: 2, blank: true },
      { title: 'Amend article 12 of the statutes', kind: 'motion', rule: { kind: 'qualified', fraction: '2/3' }, quorum: { of: 'present', measure: 'weight', atLeast: '1/2' } },
    ],
  });

  return { bundle, secrets: { codes, chairPassphrase } };
}

export const demoSecretsPath = (dataDir: string) => join(dataDir, 'demo-secrets.json');

export async function readDemoSecrets(dataDir: string): Promise<DemoSecrets | null> {
  try {
    return demoSecretsSchema.parse(JSON.parse(await readFile(demoSecretsPath(dataDir), 'utf8')));
  } catch {
    return null;
  }
}

export async function writeDemoSecrets(dataDir: string, secrets: DemoSecrets): Promise<void> {
  await writeFile(demoSecretsPath(dataDir), JSON.stringify(secrets, null, 2), { mode: 0o600 });
}
