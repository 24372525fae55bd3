// The software identity printed on results and attestations: the version, and a SHA-256 over the installed
// bundle (dist/conclaved.js plus the web UI files when present) so a document names exactly what ran.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { SOFTWARE_VERSION } from '../version.js';

export interface SoftwareIdentity {
  version: string;
  /** "sha256:<hex>" over a sorted manifest of "<sha256>  <path>" lines, like sha256sum's output. */
  hash: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    const st = await stat(p);
    if (st.isDirectory()) out.push(...(await filesUnder(p)));
    else if (st.isFile()) out.push(p);
  }
  return out;
}

export async function softwareIdentity(distDir: string, version: string = SOFTWARE_VERSION): Promise<SoftwareIdentity> {
  const main = join(distDir, 'conclaved.js');
  try {
    await stat(main);
  } catch {
    return { version, hash: 'unavailable: no installed bundle (running from source)' };
  }
  const files = [main, ...(await filesUnder(join(distDir, 'webui')))];
  const lines: string[] = [];
  for (const f of files) {
    const digest = createHash('sha256').update(await readFile(f)).digest('hex');
    lines.push(`${digest}  ${relative(distDir, f).split(sep).join('/')}`);
  }
  lines.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : a.slice(66) > b.slice(66) ? 1 : 0));
  return { version, hash: `sha256:${createHash('sha256').update(`${lines.join('\n')}\n`).digest('hex')}` };
}
