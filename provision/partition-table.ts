// Finds the FAT boot partition inside a disk image by reading its partition table (MBR, or GPT behind a
// protective MBR), so the bundle can be written into an image file without mounting it. Only reads.
import { open } from 'node:fs/promises';
import type { Result } from '../firmware/result.js';
import { err, ok } from '../firmware/result.js';

export interface Partition {
  index: number;
  /** Byte offset of the partition in the image. */
  offset: number;
  size: number;
  type: string;
}

const SECTOR = 512;
const FAT_MBR_TYPES = new Set([0x01, 0x04, 0x06, 0x0b, 0x0c, 0x0e]);
/** GPT "Microsoft basic data" and "EFI System" partition types, which carry FAT file systems. */
const FAT_GPT_TYPES = new Set(['EBD0A0A2-B9E5-4433-87C0-68B6B72699C7', 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B']);

function guid(b: Buffer): string {
  const hex = (buf: Buffer) => buf.toString('hex').toUpperCase();
  const le = (start: number, len: number) => hex(Buffer.from(b.subarray(start, start + len)).reverse());
  return `${le(0, 4)}-${le(4, 2)}-${le(6, 2)}-${hex(b.subarray(8, 10))}-${hex(b.subarray(10, 16))}`;
}

async function readAt(fd: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** A FAT12/16/32 boot sector: 0x55AA signature and a plausible BIOS parameter block. */
export function looksLikeFat(sector: Buffer): boolean {
  if (sector.length < SECTOR || sector[510] !== 0x55 || sector[511] !== 0xaa) return false;
  const bytesPerSector = sector.readUInt16LE(11);
  const sectorsPerCluster = sector[13] as number;
  const fats = sector[16] as number;
  const fatTag = sector.toString('latin1', 54, 59) === 'FAT12' || sector.toString('latin1', 54, 59) === 'FAT16' || sector.toString('latin1', 82, 87) === 'FAT32';
  return [512, 1024, 2048, 4096].includes(bytesPerSector) && sectorsPerCluster > 0 && (sectorsPerCluster & (sectorsPerCluster - 1)) === 0 && fats >= 1 && fats <= 2 && fatTag;
}

export async function listPartitions(image: string): Promise<Result<Partition[], string>> {
  const fd = await open(image, 'r');
  try {
    const { size: imageSize } = await fd.stat();
    const mbr = await readAt(fd, 0, SECTOR);
    if (mbr.length < SECTOR || mbr[510] !== 0x55 || mbr[511] !== 0xaa) {
      return err(`${image} has no partition table (no MBR signature); is it a whole-disk image (.img), not a single partition or a compressed .img.xz?`);
    }
    const entries: Partition[] = [];
    let gpt = false;
    for (let i = 0; i < 4; i++) {
      const e = mbr.subarray(446 + i * 16, 446 + (i + 1) * 16);
      const type = e[4] as number;
      if (type === 0) continue;
      if (type === 0xee) gpt = true;
      entries.push({ index: i + 1, offset: e.readUInt32LE(8) * SECTOR, size: e.readUInt32LE(12) * SECTOR, type: `0x${type.toString(16).padStart(2, '0')}` });
    }
    if (!gpt) return ok(entries.filter((p) => p.offset < imageSize));
    const header = await readAt(fd, SECTOR, SECTOR);
    if (header.toString('latin1', 0, 8) !== 'EFI PART') return err(`${image} has a protective MBR but no GPT header`);
    const entriesLba = Number(header.readBigUInt64LE(72));
    const count = header.readUInt32LE(80);
    const entrySize = header.readUInt32LE(84);
    if (count > 1024 || entrySize < 128 || entrySize > 4096) return err(`${image}: implausible GPT (${count} entries of ${entrySize} bytes)`);
    const table = await readAt(fd, entriesLba * SECTOR, count * entrySize);
    const parts: Partition[] = [];
    for (let i = 0; i < count; i++) {
      const e = table.subarray(i * entrySize, (i + 1) * entrySize);
      if (e.length < 128 || e.subarray(0, 16).every((b) => b === 0)) continue;
      const first = Number(e.readBigUInt64LE(32));
      const last = Number(e.readBigUInt64LE(40));
      parts.push({ index: i + 1, offset: first * SECTOR, size: (last - first + 1) * SECTOR, type: guid(e.subarray(0, 16)) });
    }
    return ok(parts);
  } finally {
    await fd.close();
  }
}

/** The first partition that is typed FAT and really holds a FAT file system. */
export async function findBootPartition(image: string): Promise<Result<Partition, string>> {
  const listed = await listPartitions(image);
  if (!listed.ok) return listed;
  const fd = await open(image, 'r');
  try {
    for (const p of listed.value) {
      const typed = p.type.startsWith('0x') ? FAT_MBR_TYPES.has(Number(p.type)) : FAT_GPT_TYPES.has(p.type);
      if (!typed) continue;
      if (looksLikeFat(await readAt(fd, p.offset, SECTOR))) return ok(p);
    }
  } finally {
    await fd.close();
  }
  const seen = listed.value.map((p) => `#${p.index} type ${p.type}`).join(', ') || 'none';
  return err(`${image}: no FAT boot partition found (partitions: ${seen}); is this a Conclave image?`);
}
