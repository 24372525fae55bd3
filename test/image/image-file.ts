// Finds the built image and makes throw-away test variants of it: a sparse copy, the boot files read out of its
// FAT partition with mtools, and files added to its root partition with debugfs — no mounts, no loop devices.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);
const MTOOLS_ENV = { ...process.env, MTOOLS_SKIP_CHECK: '1' };

export interface PartitionInfo {
  index: number;
  offset: number;
  size: number;
}

const sfdiskSchema = z.object({
  partitiontable: z.object({
    sectorsize: z.number().optional(),
    partitions: z.array(z.object({ node: z.string(), start: z.number(), size: z.number() })),
  }),
});

/** The raw image left by `npm run image` (image/work/), or the released .img.xz unpacked into `scratch`. */
export async function locateImage(scratch: string): Promise<string> {
  const work = 'image/work';
  if (existsSync(work)) {
    const img = readdirSync(work).find((f) => /^conclave-.*-arm64\.img$/.test(f));
    if (img) return join(work, img);
  }
  const xz = existsSync('dist') ? readdirSync('dist').find((f) => /^conclave-.*-arm64\.img\.xz$/.test(f)) : undefined;
  if (!xz) throw new Error('no image: build one first with `npm run image` (as root)');
  const out = join(scratch, xz.replace(/\.xz$/, ''));
  await run('sh', ['-c', 'xz -dc "$1" > "$2"', 'sh', join('dist', xz), out], { maxBuffer: 1 << 20 });
  return out;
}

export async function partitions(image: string): Promise<PartitionInfo[]> {
  const { stdout } = await run('sfdisk', ['--json', image]);
  const table = sfdiskSchema.parse(JSON.parse(stdout)).partitiontable;
  const sector = table.sectorsize ?? 512;
  return table.partitions.map((p, i) => ({ index: i + 1, offset: p.start * sector, size: p.size * sector }));
}

export interface Variant {
  dir: string;
  image: string;
  kernel: string;
  initrd: string;
  boot: PartitionInfo;
  root: PartitionInfo;
}

/** A sparse copy of the image in a new temporary folder, with its kernel and initrd extracted. */
export async function makeVariant(source: string): Promise<Variant> {
  const dir = await mkdtemp(join(tmpdir(), 'conclave-image-test-'));
  const image = join(dir, 'variant.img');
  await run('cp', ['--sparse=always', source, image]);
  // A card is larger than the image: the first boot gives the rest to the event partition.
  await run('truncate', ['-s', '+1G', image]);
  const parts = await partitions(image);
  const boot = parts.find((p) => p.index === 1);
  const root = parts.find((p) => p.index === 2);
  if (!boot || !root) throw new Error(`unexpected partition table in ${source}`);
  const fat = `${image}@@${boot.offset}`;
  const { stdout } = await run('mdir', ['-b', '-i', fat, '::/'], { env: MTOOLS_ENV });
  const names = stdout.split('\n').map((l) => l.trim().replace(/^::\//, '')).filter(Boolean);
  const kernelName = names.filter((n) => /^vmlinuz-/.test(n)).sort().at(-1);
  const initrdName = names.filter((n) => /^initrd\.img-/.test(n)).sort().at(-1);
  if (!kernelName || !initrdName) throw new Error(`no kernel/initrd on the boot partition (found: ${names.join(' ')})`);
  const kernel = join(dir, 'vmlinuz');
  const initrd = join(dir, 'initrd.img');
  await run('mcopy', ['-n', '-i', fat, `::/${kernelName}`, kernel], { env: MTOOLS_ENV });
  await run('mcopy', ['-n', '-i', fat, `::/${initrdName}`, initrd], { env: MTOOLS_ENV });
  return { dir, image, kernel, initrd, boot, root };
}

/** A file for the root partition: its content, path in the guest, and mode. */
export interface GuestFile {
  path: string;
  content: string | Buffer;
  mode: number;
}

/**
 * Writes files (and their folders) into the root ext4 partition of the variant with `debugfs -w`, plus symlinks
 * (e.g. to enable units). Existing files at those paths are replaced.
 */
export async function addToRoot(v: Variant, files: GuestFile[], symlinks: { path: string; target: string }[] = []): Promise<void> {
  const staging = await mkdtemp(join(v.dir, 'files-'));
  const cmds: string[] = [];
  const dirs = new Set<string>();
  for (const f of [...files.map((x) => x.path), ...symlinks.map((x) => x.path)]) {
    const parts = f.split('/').slice(1, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}`);
  }
  // mkdir on an existing folder only prints an error; debugfs carries on.
  for (const d of [...dirs].sort()) cmds.push(`mkdir ${d}`);
  let n = 0;
  for (const f of files) {
    const local = join(staging, String(n++));
    await writeFile(local, f.content);
    cmds.push(`rm ${f.path}`, `write ${local} ${f.path}`, `set_inode_field ${f.path} mode 0${(0o100000 | f.mode).toString(8)}`);
    cmds.push(`set_inode_field ${f.path} uid 0`, `set_inode_field ${f.path} gid 0`);
  }
  for (const s of symlinks) cmds.push(`rm ${s.path}`, `symlink ${s.path} ${s.target}`);
  const script = join(staging, 'debugfs.cmd');
  await writeFile(script, `${cmds.join('\n')}\n`);
  await run('debugfs', ['-w', '-f', script, `${v.image}?offset=${v.root.offset}`]);
}

/** Reads a file back from the root partition (to check what addToRoot wrote). */
export async function catFromRoot(v: Variant, path: string): Promise<string> {
  const { stdout } = await run('debugfs', ['-R', `cat ${path}`, `${v.image}?offset=${v.root.offset}`], { maxBuffer: 1 << 24 });
  return stdout;
}
