// Byte-level search for marker strings in files, folders or raw block devices, streamed in chunks so a
// whole SD-card partition can be scanned in constant memory.
import { open, readdir, lstat } from 'node:fs/promises';
import { join } from 'node:path';

export interface ScanResult {
  bytesScanned: number;
  /** Indexes into the markers array of the markers that were found. */
  found: Set<number>;
}

const CHUNK = 1 << 20;

async function scanFile(path: string, markers: Buffer[], found: Set<number>): Promise<number> {
  const longest = markers.reduce((m, b) => Math.max(m, b.length), 0);
  const keep = Math.max(0, longest - 1);
  const handle = await open(path, 'r');
  let scanned = 0;
  try {
    const buf = Buffer.alloc(CHUNK + keep);
    let carried = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, carried, CHUNK, null);
      if (bytesRead === 0) break;
      scanned += bytesRead;
      const window = buf.subarray(0, carried + bytesRead);
      markers.forEach((m, i) => {
        if (!found.has(i) && window.indexOf(m) !== -1) found.add(i);
      });
      // Carry the tail so a marker split across two reads is still seen.
      carried = Math.min(keep, window.length);
      window.copy(buf, 0, window.length - carried);
    }
  } finally {
    await handle.close();
  }
  return scanned;
}

async function scanPath(path: string, markers: Buffer[], found: Set<number>, explicit: boolean): Promise<number> {
  let st;
  try {
    st = await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  if (st.isDirectory()) {
    let total = 0;
    for (const name of (await readdir(path)).sort()) total += await scanPath(join(path, name), markers, found, false);
    return total;
  }
  // Block devices only when named explicitly; never follow links out of the scanned tree.
  if (st.isFile() || (explicit && st.isBlockDevice())) return scanFile(path, markers, found);
  return 0;
}

export async function scanForMarkers(paths: string[], markers: Buffer[]): Promise<ScanResult> {
  const found = new Set<number>();
  let bytesScanned = 0;
  for (const p of paths) bytesScanned += await scanPath(p, markers, found, true);
  return { bytesScanned, found };
}
