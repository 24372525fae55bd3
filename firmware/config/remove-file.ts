// Removes a file that held secrets (the provision bundle) after overwriting its bytes, so a FAT boot
// partition does not keep the pepper and hashes in a deleted-but-intact cluster.
import { randomBytes } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';

export async function overwriteAndRemove(path: string): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    const { size } = await fh.stat();
    await fh.write(randomBytes(size), 0, size, 0);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await unlink(path);
}
