// Folder wipe (simulation and tests): overwrite every event file with random bytes of the same length,
// flush, delete, then scan what is left of the folder and the whole data directory for the markers.
// Honest limit: on a journaling or copy-on-write host file system the old blocks may survive elsewhere;
// this mode exists to exercise the procedure, the appliance uses the partition wipe.
import { randomFillSync } from 'node:crypto';
import { lstat, open, readdir, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { markerSet } from './canaries.js';
import { scanForMarkers } from './marker-scan.js';
import type { WipeInput, WipeReport, WipeStep, Wiper } from './wiper.js';

export interface FolderWiperOptions {
  /** The folder holding the event (the LMDB environment and anything else of the event). Kept, emptied. */
  eventDir: string;
  /** Further folders scanned after the wipe, e.g. the whole data directory. */
  scanRoots?: string[];
}

const CHUNK = 1 << 20;

async function overwrite(path: string, size: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const buf = Buffer.alloc(Math.min(CHUNK, Math.max(size, 1)));
    for (let pos = 0; pos < size; pos += buf.length) {
      const n = Math.min(buf.length, size - pos);
      randomFillSync(buf, 0, n);
      await handle.write(buf, 0, n, pos);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

interface Tally {
  files: number;
  bytes: number;
  failures: string[];
}

async function wipeTree(dir: string, tally: Tally): Promise<void> {
  for (const name of await readdir(dir)) {
    const p = join(dir, name);
    const st = await lstat(p);
    try {
      if (st.isDirectory()) {
        await wipeTree(p, tally);
        await rmdir(p);
        continue;
      }
      if (st.isFile()) {
        await overwrite(p, st.size);
        tally.files++;
        tally.bytes += st.size;
      }
      await unlink(p);
    } catch (e) {
      tally.failures.push(`${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  await syncDir(dir);
}

export function createFolderWiper(options: FolderWiperOptions): Wiper {
  return {
    mode: 'folder',
    async wipe(input: WipeInput): Promise<WipeReport> {
      const steps: WipeStep[] = [];
      const tally: Tally = { files: 0, bytes: 0, failures: [] };
      try {
        await wipeTree(options.eventDir, tally);
        steps.push({
          name: 'overwrite-and-delete',
          ok: tally.failures.length === 0,
          detail:
            tally.failures.length === 0
              ? `${tally.files} file(s), ${tally.bytes} bytes overwritten with random data, flushed (fsync) and deleted`
              : `failed on ${tally.failures.length} path(s): ${tally.failures.slice(0, 5).join('; ')}`,
        });
      } catch (e) {
        steps.push({ name: 'overwrite-and-delete', ok: false, detail: (e as Error).message });
      }
      const left = await readdir(options.eventDir).catch(() => []);
      steps.push({ name: 'folder-empty', ok: left.length === 0, detail: left.length === 0 ? 'the event folder is empty' : `${left.length} entries remain` });

      const set = markerSet(input.canaries, input.secrets);
      const scope = [options.eventDir, ...(options.scanRoots ?? [])];
      const scan = await scanForMarkers(scope, set.markers);
      return {
        mode: 'folder',
        target: { kind: 'folder', path: options.eventDir, files: tally.files, sizeBytes: tally.bytes },
        technique: 'overwrite every file once with random bytes of the same length, fsync, unlink; fsync the folder',
        steps,
        verification: {
          method: 'byte-level search of every remaining file in the scope for the planted canaries and the event\'s poll titles and option labels (UTF-8)',
          scope,
          bytesScanned: scan.bytesScanned,
          canariesSearched: set.canaries,
          secretsSearched: set.secrets,
          secretsSkipped: set.skipped,
          found: scan.found.size,
          clean: scan.found.size === 0,
        },
      };
    },
  };
}
