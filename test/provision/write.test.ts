// `write`: the bundle goes into conclave/ on the FAT boot partition of a real disk image (made with
// truncate + sfdisk + mkfs.vfat) without mounting, and mtools reads it back; or onto a mounted folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { provisionEvent } from '../../provision/event.js';
import { findBootPartition } from '../../provision/partition-table.js';
import { writeBundle } from '../../provision/write.js';

const run = promisify(execFile);
const MTOOLS_ENV = { ...process.env, MTOOLS_SKIP_CHECK: '1' };

let dir: string;
let bundlePath: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-write-test-'));
  const voters = join(dir, 'voters.csv');
  await writeFile(voters, 'label,weight\nA,1\nB,2\n');
  const r = await provisionEvent({ voters, name: 'Write test', out: join(dir, 'event') });
  assert.equal(r.ok, true);
  bundlePath = join(dir, 'event', 'bundle.json');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A 24 MiB disk image: partition table from sfdisk, a FAT file system made in place at the boot partition. */
async function makeImage(name: string, table: string, fatStartSector: number): Promise<string> {
  const img = join(dir, name);
  await run('truncate', ['-s', '24M', img]);
  const sfdisk = run('sfdisk', ['-q', img]);
  sfdisk.child.stdin?.end(table);
  await sfdisk;
  await run('mkfs.vfat', ['--offset', String(fatStartSector), '-n', 'BOOTFS', img, '8192']);
  // What a Pi boot partition holds, so the image looks like the real thing.
  await writeFile(join(dir, 'config.txt'), 'arm_64bit=1\n');
  await run('mcopy', ['-i', `${img}@@${fatStartSector * 512}`, join(dir, 'config.txt'), '::/config.txt'], { env: MTOOLS_ENV });
  return img;
}

async function mtype(img: string, offset: number, path: string): Promise<string> {
  const { stdout } = await run('mtype', ['-i', `${img}@@${offset}`, path], { env: MTOOLS_ENV, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

const layouts = [
  { name: 'MBR, FAT first (Raspberry Pi OS / Debian raspi layout)', table: 'label: dos\nstart=2048, size=16384, type=c, bootable\nstart=18432, type=83\n', fat: 2048, index: 1 },
  { name: 'MBR, FAT second', table: 'label: dos\nstart=2048, size=4096, type=83\nstart=8192, size=16384, type=e\n', fat: 8192, index: 2 },
  { name: 'GPT, EFI system partition', table: 'label: gpt\nstart=2048, size=16384, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B\nstart=18432, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n', fat: 2048, index: 1 },
  { name: 'GPT, basic data partition second', table: 'label: gpt\nstart=2048, size=4096, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\nstart=8192, size=16384, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\n', fat: 8192, index: 2 },
];

for (const layout of layouts) {
  test(`write --image: ${layout.name}`, async () => {
    const img = await makeImage(`${layout.name.replace(/\W+/g, '-')}.img`, layout.table, layout.fat);
    const part = await findBootPartition(img);
    assert.equal(part.ok, true, part.ok ? '' : part.error);
    if (part.ok) assert.deepEqual([part.value.index, part.value.offset], [layout.index, layout.fat * 512]);

    const dry = await writeBundle({ bundle: bundlePath, image: img, dryRun: true });
    assert.equal(dry.ok, true);
    await assert.rejects(mtype(img, layout.fat * 512, '::/conclave/bundle.json'), 'dry run writes nothing');

    const r = await writeBundle({ bundle: bundlePath, image: img });
    assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
    if (r.ok) assert.equal(r.value.replaced, false);
    const original = await readFile(bundlePath, 'utf8');
    assert.equal(await mtype(img, layout.fat * 512, '::/conclave/bundle.json'), original);
    const { stdout: listing } = await run('mdir', ['-b', '-i', `${img}@@${layout.fat * 512}`, '::/conclave'], { env: MTOOLS_ENV });
    assert.deepEqual(listing.trim().split('\n'), ['::/conclave/bundle.json']);
    // The rest of the boot partition is untouched.
    assert.equal(await mtype(img, layout.fat * 512, '::/config.txt'), 'arm_64bit=1\n');
    // The FAT file system is still consistent (fsck of the partition cut out of the image).
    const part1 = join(dir, 'partition.bin');
    await run('dd', [`if=${img}`, `of=${part1}`, 'bs=512', `skip=${layout.fat}`, 'count=16384', 'status=none']);
    await run('fsck.vfat', ['-n', part1]);
    await rm(part1);

    const again = await writeBundle({ bundle: bundlePath, image: img });
    assert.equal(again.ok, true);
    if (again.ok) assert.equal(again.value.replaced, true);
  });
}

test('write --image refuses images it cannot use, with what to do next', async () => {
  const blank = join(dir, 'blank.img');
  await run('truncate', ['-s', '4M', blank]);
  const noTable = await writeBundle({ bundle: bundlePath, image: blank });
  assert.deepEqual(noTable.ok ? [] : noTable.error, [`${blank} has no partition table (no MBR signature); is it a whole-disk image (.img), not a single partition or a compressed .img.xz?`]);

  const linuxOnly = join(dir, 'linux.img');
  await run('truncate', ['-s', '8M', linuxOnly]);
  const s = run('sfdisk', ['-q', linuxOnly]);
  s.child.stdin?.end('label: dos\nstart=2048, type=83\n');
  await s;
  const noFat = await writeBundle({ bundle: bundlePath, image: linuxOnly });
  assert.deepEqual(noFat.ok ? [] : noFat.error, [`${linuxOnly}: no FAT boot partition found (partitions: #1 type 0x83); is this a Conclave image?`]);

  const typedButEmpty = join(dir, 'typed.img');
  await run('truncate', ['-s', '8M', typedButEmpty]);
  const t = run('sfdisk', ['-q', typedButEmpty]);
  t.child.stdin?.end('label: dos\nstart=2048, type=c\n');
  await t;
  const unformatted = await writeBundle({ bundle: bundlePath, image: typedButEmpty });
  assert.equal(unformatted.ok, false, 'a FAT-typed partition without a FAT file system is not written to');

  const xz = await writeBundle({ bundle: bundlePath, image: join(dir, 'conclave.img.xz') });
  assert.match(xz.ok ? '' : (xz.error[0] ?? ''), /is compressed; decompress it first \(e\.g\. xz -dk .*\)/);
});

test('write refuses a file that is not a valid bundle', async () => {
  const codes = join(dir, 'event', 'codes.csv');
  const r = await writeBundle({ bundle: codes, boot: dir });
  assert.match(r.ok ? '' : (r.error[0] ?? ''), /is not JSON; pass the bundle.json that "conclave-provision event" wrote/);
  const tampered = join(dir, 'tampered.json');
  const b = JSON.parse(await readFile(bundlePath, 'utf8')) as { cards: Array<{ weight: number }> };
  (b.cards[0] as { weight: number }).weight = 0;
  await writeFile(tampered, JSON.stringify(b));
  const t = await writeBundle({ bundle: tampered, boot: dir });
  assert.match(t.ok ? '' : (t.error[0] ?? ''), /the appliance would refuse it: cards\.0\.weight: /);
});

test('write --boot: a mounted boot partition gets conclave/bundle.json; other folders need --force', async () => {
  const boot = join(dir, 'bootfs');
  await mkdir(boot);
  const refused = await writeBundle({ bundle: bundlePath, boot });
  assert.match(refused.ok ? '' : (refused.error[0] ?? ''), /does not look like a Raspberry Pi boot partition \(no config.txt or cmdline.txt\).*--force/);
  await assert.rejects(stat(join(boot, 'conclave')));
  await writeFile(join(boot, 'cmdline.txt'), 'console=tty1 root=LABEL=root\n');
  const r = await writeBundle({ bundle: bundlePath, boot });
  assert.equal(r.ok, true, r.ok ? '' : r.error.join('\n'));
  assert.equal(await readFile(join(boot, 'conclave', 'bundle.json'), 'utf8'), await readFile(bundlePath, 'utf8'));
  const forced = join(dir, 'plain');
  await mkdir(forced);
  assert.equal((await writeBundle({ bundle: bundlePath, boot: forced, force: true })).ok, true);
  const both = await writeBundle({ bundle: bundlePath, boot, image: 'x.img' });
  assert.deepEqual(both.ok ? [] : both.error, ['give exactly one of --boot DIR (a mounted boot partition) or --image IMG (an image file)']);
});
