// The partition wiper against a disk-image file standing in for the raw partition, and a stand-in for the
// privileged one-shot that erases it: the service-side logic (trigger, report, raw scan, honesty on failure).
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { plantCanaries } from '../../firmware/wipe/canaries.js';
import { createPartitionWiper } from '../../firmware/wipe/partition-wiper.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-partwipe-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SIZE = 4 * 1024 * 1024;

async function imageWith(markers: string[]): Promise<string> {
  const img = Buffer.alloc(SIZE, 0x5a);
  // One marker straddles the 1 MiB read boundary of the scanner.
  markers.forEach((m, i) => img.write(m, i === 0 ? (1 << 20) - 7 : 100_000 * (i + 1), 'utf8'));
  const path = join(dir, `part-${markers.length}-${Date.now()}.img`);
  await writeFile(path, img);
  return path;
}

async function script(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

test('a successful one-shot erases the partition; the raw scan finds nothing and the unit report is kept', async () => {
  const canaries = plantCanaries();
  const device = await imageWith([...canaries, 'Elect the treasurer']);
  const reportPath = join(dir, 'report.json');
  const erase = await script(
    'erase.sh',
    `dd if=/dev/zero of="$1" bs=1M count=4 conv=notrunc status=none && echo '{"steps":[{"name":"luks-erase","ok":true,"detail":"header and 8 keyslots erased"},{"name":"discard","ok":true,"detail":"blkdiscard"}]}' > "$2"`,
  );
  const wiper = createPartitionWiper({ device, trigger: [erase, device, reportPath], reportPath, timeoutMs: 10_000 });
  const report = await wiper.wipe({ canaries, secrets: ['Elect the treasurer', 'No'] });
  assert.deepEqual(report.steps.map((s) => [s.name, s.ok]), [
    ['privileged-one-shot', true],
    ['luks-erase', true],
    ['discard', true],
    ['raw-scan', true],
  ]);
  assert.deepEqual(report.target, { kind: 'partition', device, sizeBytes: SIZE });
  assert.equal(report.verification.bytesScanned, SIZE);
  assert.equal(report.verification.clean, true);
  assert.equal(report.verification.secretsSearched, 1);
  assert.equal(report.verification.secretsSkipped, 1);
});

test('a failed one-shot is reported, and surviving markers (one across a read boundary) are found', async () => {
  const canaries = plantCanaries();
  const device = await imageWith(canaries);
  const fail = await script('fail.sh', 'echo "cryptsetup: device busy" >&2; exit 3');
  const report = await createPartitionWiper({ device, trigger: [fail], reportPath: join(dir, 'none.json') }).wipe({ canaries, secrets: [] });
  assert.equal(report.steps[0]!.ok, false);
  assert.match(report.steps[0]!.detail, /exited 3: cryptsetup: device busy/);
  assert.equal(report.verification.found, 4);
  assert.equal(report.verification.clean, false);
});

test('an unreadable partition is never reported clean', async () => {
  const ok = await script('ok.sh', 'exit 0');
  const report = await createPartitionWiper({ device: join(dir, 'no-such-device'), trigger: [ok], reportPath: join(dir, 'none.json') }).wipe({ canaries: plantCanaries(), secrets: [] });
  assert.equal(report.steps.at(-1)!.name, 'raw-scan');
  assert.equal(report.steps.at(-1)!.ok, false);
  assert.equal(report.verification.clean, false);
});
