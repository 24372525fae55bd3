// The test-variant additions to the root partition: the units and scripts in test/image/guest, the phone's
// credentials, and the symlinks that enable the units. The release image never contains any of this.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageFixture } from './fixture.js';
import type { GuestFile } from './image-file.js';

const GUEST = join(import.meta.dirname, 'guest');
const LIB = '/usr/lib/conclave-test';
const UNITS = '/etc/systemd/system';
const TEST_UNITS = ['conclave-test-net.service', 'conclave-test-hostport.service', 'conclave-test-phone.service', 'conclave-test-report.service'];

/** `wipeCheck`: after voting, the guest also runs the privileged wipe path (wipe-check.sh) and reports it. */
export async function testVariantFiles(fixture: ImageFixture, opts: { wipeCheck?: boolean } = {}): Promise<{ files: GuestFile[]; symlinks: { path: string; target: string }[] }> {
  const read = (name: string) => readFile(join(GUEST, name));
  const files: GuestFile[] = [];
  for (const s of ['net-setup.sh', 'phone.sh', 'udhcpc.sh', 'report.sh', 'wipe-check.sh']) files.push({ path: `${LIB}/${s}`, content: await read(s), mode: 0o755 });
  files.push({ path: `${LIB}/phone.mjs`, content: await read('phone.mjs'), mode: 0o644 });
  for (const u of TEST_UNITS) files.push({ path: `${UNITS}/${u}`, content: await read(u), mode: 0o644 });
  files.push({ path: `${UNITS}/conclave-netconfig.service.d/test-radio.conf`, content: await read('netconfig-radio.conf'), mode: 0o644 });
  // The test's own throw-away event: its Wi-Fi passphrase, one voter code and the chair passphrase.
  files.push({ path: `${LIB}/phone.env`, content: `SSID='${fixture.ssid}'\nPSK='${fixture.wifiPassphrase}'\n`, mode: 0o600 });
  files.push({
    path: `${LIB}/phone.json`,
    content: JSON.stringify({ code: fixture.codes[0], chairPassphrase: fixture.chairPassphrase }),
    mode: 0o600,
  });
  if (opts.wipeCheck) files.push({ path: `${LIB}/wipe-check.enabled`, content: '', mode: 0o644 });
  const symlinks = TEST_UNITS.map((u) => ({ path: `${UNITS}/multi-user.target.wants/${u}`, target: `${UNITS}/${u}` }));
  return { files, symlinks };
}
