// Signed attestations live in the device folder, outside the event data, so they survive the wipe they
// describe and can still be downloaded afterwards. Stored as the exact bytes that were signed.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Attestation } from './attestation.js';
import { serializeSignedDocument, type Signed } from './signed-document.js';

const LATEST = 'latest.json';

function folder(deviceDir: string): string {
  return join(deviceDir, 'attestations');
}

async function writeDurably(path: string, text: string): Promise<void> {
  const handle = await open(`${path}.tmp`, 'w', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(`${path}.tmp`, path);
}

/** Writes `attestations/<event id>-<n>.json` and `attestations/latest.json`; returns the serialised bytes. */
export async function saveAttestation(deviceDir: string, signed: Signed<Attestation>): Promise<string> {
  const dir = folder(deviceDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const text = serializeSignedDocument(signed);
  const safeId = signed.event.id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  await writeDurably(join(dir, `${safeId}-${Date.now()}.json`), text);
  await writeDurably(join(dir, LATEST), text);
  const handle = await open(dir, 'r');
  await handle.sync().finally(() => handle.close());
  return text;
}

/** The last attestation exactly as signed, or null when this device has never wiped an event. */
export async function loadLatestAttestation(deviceDir: string): Promise<string | null> {
  try {
    return await readFile(join(folder(deviceDir), LATEST), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
