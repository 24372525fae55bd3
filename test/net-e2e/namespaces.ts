// Network namespaces for the end-to-end test: uniquely named per run, always deleted.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

export class Namespaces {
  readonly names: string[] = [];
  readonly children: ChildProcess[] = [];

  add(name: string): string {
    sh('ip', ['netns', 'add', name]);
    this.names.push(name);
    sh('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    return name;
  }

  /** A veth pair between two namespaces, each end up, optionally with an address. */
  link(a: { ns: string; dev: string; addr?: string }, b: { ns: string; dev: string; addr?: string }): void {
    sh('ip', ['link', 'add', a.dev, 'netns', a.ns, 'type', 'veth', 'peer', 'name', b.dev, 'netns', b.ns]);
    for (const end of [a, b]) {
      if (end.addr) sh('ip', ['-n', end.ns, 'addr', 'add', end.addr, 'dev', end.dev]);
      sh('ip', ['-n', end.ns, 'link', 'set', end.dev, 'up']);
    }
  }

  exec(ns: string, cmd: string, args: string[]): string {
    return sh('ip', ['netns', 'exec', ns, cmd, ...args]);
  }

  /** A long-running process inside a namespace (ip netns exec execs it, so the pid is the program's). */
  start(ns: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess & { output: () => string } {
    const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    this.children.push(child);
    return Object.assign(child, { output: () => out });
  }

  async waitFor(check: () => boolean, what: string | (() => string), ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
  }

  async stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
  }

  async cleanup(): Promise<void> {
    for (const c of this.children) await this.stop(c);
    // Deleting a namespace deletes the veth ends inside it.
    for (const n of this.names) spawnSync('ip', ['netns', 'del', n], { timeout: 10_000 });
  }
}
