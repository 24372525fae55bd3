// The event the image tests provision: made by the real provisioner, as a technician would, so the image boots
// with a real bundle on its boot partition.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { provisionEvent } from '../../provision/event.js';

export interface ImageFixture {
  bundlePath: string;
  ssid: string;
  wifiPassphrase: string;
  chairPassphrase: string;
  codes: string[];
  address: string;
}

export async function provisionFixture(dir: string, cards = 24): Promise<ImageFixture> {
  await mkdir(dir, { recursive: true });
  const voters = join(dir, 'voters.csv');
  await writeFile(voters, `label,weight\n${Array.from({ length: cards }, (_, i) => `Seat ${i + 1},1`).join('\n')}\n`);
  const polls = join(dir, 'polls.json');
  await writeFile(polls, JSON.stringify([{ title: 'Approve the annual accounts', kind: 'motion', liveResults: true }]));
  const ssid = 'Conclave Test';
  const wifiPassphrase = 'image-test-wifi-1';
  const chairPassphrase = 'image test chair passphrase';
  const out = join(dir, 'event');
  const result = await provisionEvent({
    voters,
    polls,
    name: 'Image boot test',
    out,
    chairPassphrase,
    mode: 'onboard',
    ssid,
    wifiPassphrase,
    country: 'NL',
    channel: 6,
    date: '2026-12-03',
  });
  if (!result.ok) throw new Error(`provisioning failed: ${result.error.join('; ')}`);
  const bundlePath = join(out, 'bundle.json');
  const address = (JSON.parse(await readFile(bundlePath, 'utf8')) as { network: { address: string } }).network.address;
  return { bundlePath, ssid, wifiPassphrase, chairPassphrase, codes: result.value.cards.map((c) => c.code), address };
}
