// Runs the built conclaved (dist/conclaved.js, as shipped) as a child process on a temp folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bundle } from '../../firmware/config/bundle.js';

export const CONCLAVED = join(process.cwd(), 'dist', 'conclaved.js');

export interface Child {
  proc: ChildProcess;
  url: string;
  output: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function writeBundle(dir: string, bundle: Bundle): Promise<string> {
  const path = join(dir, 'bundle.json');
  await writeFile(path, JSON.stringify(bundle));
  return path;
}

/** `nodeArgs` go to node itself (e.g. --cpu-prof for profiling a benchmark). */
export async function startConclaved(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Child> {
  if (!existsSync(CONCLAVED)) throw new Error('dist/conclaved.js is missing: run npm run build first (npm test does)');
  const proc = spawn(process.execPath, [...nodeArgs, CONCLAVED, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`conclaved did not start:\n${output.join('')}`)), 20_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      for (const line of text.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const j = JSON.parse(line) as { msg?: string; url?: string };
          if (j.msg === 'listening' && j.url) {
            clearTimeout(timer);
            resolve(j.url);
          }
        } catch {
          /* partial line */
        }
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    proc.on('exit', (code) => reject(new Error(`conclaved exited with ${code}:\n${output.join('')}`)));
  });
  return {
    proc,
    url,
    output,
    kill: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
}
