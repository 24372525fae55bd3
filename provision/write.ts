// `conclave-provision write`: puts bundle.json into `conclave/` on the SD card's boot partition, either
// through a mounted boot partition (--boot DIR) or straight into an image file (--image IMG) by finding
// the FAT partition in its partition table and writing with mtools, without mounting (no root, no loop
// devices). The bundle is checked against the appliance's schema first and read back afterwards.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Result } from '../firmware/result.js';
import { err, ok } from '../firmware/result.js';
import { bundleSchema, formatZodError } from '../firmware/config/bundle.js';
import { findBootPartition } from './partition-table.js';

export const BUNDLE_DIR = 'conclave';
export const BUNDLE_NAME = 'bundle.json';

export interface WriteOptions {
  bundle: string;
  boot?: string;
  image?: string;
  dryRun?: boolean;
  /** Write to a --boot folder that does not look like a Raspberry Pi boot partition. */
  force?: boolean;
}

export interface WriteSummary {
  destination: string;
  bytes: number;
  eventName: string;
  cards: number;
  dryRun: boolean;
  replaced: boolean;
}

function mtool(cmd: string, args: string[]): Promise<Result<Buffer, string>> {
  return new Promise((resolvePromise) =>
    execFile(
      cmd,
      args,
      // MTOOLS_SKIP_CHECK: images made by other tools often have geometry fields mtools would otherwise refuse.
      { encoding: 'buffer', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MTOOLS_SKIP_CHECK: '1' } },
      (e, stdout, stderr) => {
        if (e && (e as NodeJS.ErrnoException).code === 'ENOENT') {
          resolvePromise(err(`${cmd} is not installed; install mtools (apt-get install mtools) and try again`));
        } else if (e) resolvePromise(err(`${cmd} failed: ${stderr.toString().trim() || e.message}`));
        else resolvePromise(ok(stdout));
      },
    ),
  );
}

async function readBundle(path: string): Promise<Result<{ text: string; eventName: string; cards: number }, string[]>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return err([`--bundle ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err([`--bundle ${path}: is not JSON; pass the bundle.json that "conclave-provision event" wrote (not codes.csv or report.txt)`]);
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) return err([`--bundle ${path}: the appliance would refuse it: ${formatZodError(parsed.error)}; make it again with "conclave-provision event"`]);
  return ok({ text, eventName: parsed.data.event.name, cards: parsed.data.cards.length });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function writeToBoot(dir: string, text: string, options: WriteOptions): Promise<Result<{ destination: string; replaced: boolean }, string[]>> {
  const boot = resolve(dir);
  const info = await stat(boot).catch(() => null);
  if (info === null || !info.isDirectory()) return err([`--boot ${dir}: is not a folder; pass the mount point of the SD card's boot partition`]);
  const markers = ['config.txt', 'cmdline.txt'];
  const isBoot = (await Promise.all(markers.map((m) => exists(join(boot, m))))).some(Boolean);
  if (!isBoot && !options.force) {
    return err([`--boot ${dir}: does not look like a Raspberry Pi boot partition (no config.txt or cmdline.txt); check the mount point, or add --force to write there anyway`]);
  }
  const target = join(boot, BUNDLE_DIR, BUNDLE_NAME);
  const replaced = await exists(target);
  if (options.dryRun) return ok({ destination: target, replaced });
  await mkdir(join(boot, BUNDLE_DIR), { recursive: true });
  const tmp = `${target}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(text);
    // The card is often pulled right after this command returns: make the bytes durable first.
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, target);
  const dh = await open(join(boot, BUNDLE_DIR), 'r');
  await dh.sync().catch(() => undefined);
  await dh.close();
  const back = await readFile(target, 'utf8');
  if (back !== text) return err([`${target}: reading the bundle back gave different bytes; the card may be faulty`]);
  return ok({ destination: target, replaced });
}

async function writeToImage(image: string, text: string, options: WriteOptions): Promise<Result<{ destination: string; replaced: boolean }, string[]>> {
  if (/\.(xz|gz|zst|bz2|zip)$/i.test(image)) {
    return err([`--image ${image}: is compressed; decompress it first (e.g. xz -dk ${image}) and pass the .img, then flash that .img`]);
  }
  const info = await stat(image).catch(() => null);
  if (info === null || !info.isFile()) return err([`--image ${image}: no such image file`]);
  const part = await findBootPartition(image);
  if (!part.ok) return err([part.error]);
  const drive = `${image}@@${part.value.offset}`;
  const destination = `${image} partition ${part.value.index} (offset ${part.value.offset}) ::/${BUNDLE_DIR}/${BUNDLE_NAME}`;
  const listing = await mtool('mdir', ['-b', '-i', drive, `::/${BUNDLE_DIR}`]);
  const dirExists = listing.ok;
  const replaced = listing.ok && listing.value.toString().split('\n').some((l) => l.trim().toLowerCase().endsWith(`/${BUNDLE_NAME}`));
  if (options.dryRun) return ok({ destination, replaced });
  if (!dirExists) {
    const made = await mtool('mmd', ['-i', drive, `::/${BUNDLE_DIR}`]);
    if (!made.ok) return err([made.error]);
  }
  const tmp = await mkdtemp(join(tmpdir(), 'conclave-write-'));
  try {
    const local = join(tmp, BUNDLE_NAME);
    await writeFile(local, text, { mode: 0o600 });
    const copied = await mtool('mcopy', ['-o', '-i', drive, local, `::/${BUNDLE_DIR}/${BUNDLE_NAME}`]);
    if (!copied.ok) return err([copied.error]);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const back = await mtool('mtype', ['-i', drive, `::/${BUNDLE_DIR}/${BUNDLE_NAME}`]);
  if (!back.ok) return err([back.error]);
  if (back.value.toString('utf8') !== text) return err([`${destination}: reading the bundle back gave different bytes`]);
  return ok({ destination, replaced });
}

export async function writeBundle(options: WriteOptions): Promise<Result<WriteSummary, string[]>> {
  if ((options.boot === undefined) === (options.image === undefined)) {
    return err(['give exactly one of --boot DIR (a mounted boot partition) or --image IMG (an image file)']);
  }
  const bundle = await readBundle(options.bundle);
  if (!bundle.ok) return bundle;
  const written = options.boot !== undefined ? await writeToBoot(options.boot, bundle.value.text, options) : await writeToImage(options.image as string, bundle.value.text, options);
  if (!written.ok) return written;
  return ok({
    destination: written.value.destination,
    bytes: Buffer.byteLength(bundle.value.text),
    eventName: bundle.value.eventName,
    cards: bundle.value.cards,
    dryRun: options.dryRun === true,
    replaced: written.value.replaced,
  });
}
