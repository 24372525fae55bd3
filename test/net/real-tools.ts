// Runs the real Debian tools over generated configs: hostapd 2.10 up to driver initialisation, dnsmasq --test
// and nft -c. Shared by the net tests; each call is bounded in time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToolVerdict {
  ok: boolean;
  output: string;
}

/**
 * hostapd -dd parses the whole file (and runs its post-parse consistency checks) before it touches the driver.
 * With no real radio here, "Failed to initialize driver" is the expected stopping point: reaching it means the
 * configuration was accepted. A config error prints "Line N: …" and "errors found in configuration file".
 */
export function hostapdParses(confPath: string): ToolVerdict {
  const r = spawnSync('hostapd', ['-dd', confPath], { encoding: 'utf8', timeout: 10_000 });
  const output = `${r.stdout}${r.stderr}`;
  const configErrors = /^Line \d+:/m.test(output) || /errors? found in configuration file/.test(output);
  const reachedDriver = /Failed to initialize driver|nl80211: (Driver|Initialize)|interface state UNINITIALIZED/.test(output);
  return { ok: !configErrors && reachedDriver, output };
}

/** The SSID bytes wpa_supplicant parsed, from its "ssid - hexdump_ascii(len=N):" debug lines. */
function ssidDumps(output: string): Buffer[] {
  const lines = output.split('\n');
  const out: Buffer[] = [];
  lines.forEach((line, i) => {
    const m = /^ssid - hexdump_ascii\(len=(\d+)\):/.exec(line);
    if (!m) return;
    const want = Number(m[1]);
    const bytes: number[] = [];
    for (let j = i + 1; bytes.length < want && j < lines.length; j++) {
      const tokens = (lines[j] ?? '').trim().split(/\s+/).slice(0, Math.min(16, want - bytes.length));
      for (const t of tokens) bytes.push(parseInt(t, 16));
    }
    out.push(Buffer.from(bytes));
  });
  return out;
}

/** wpa_supplicant -dd: same idea as hostapd; it parses the file, then fails to initialise the missing driver. */
export function wpaSupplicantParses(confPath: string): ToolVerdict & { ssids: Buffer[] } {
  const r = spawnSync('wpa_supplicant', ['-dd', '-i', 'cnvnone0', '-c', confPath], { encoding: 'utf8', timeout: 10_000 });
  const output = `${r.stdout}${r.stderr}`;
  const configErrors = /^Line \d+:/m.test(output) || /Failed to read or parse configuration/.test(output);
  const reachedDriver = /Failed to initialize driver|Could not read interface/.test(output);
  return { ok: !configErrors && reachedDriver, output, ssids: ssidDumps(output) };
}

export function dnsmasqTests(confPath: string): ToolVerdict {
  const r = spawnSync('dnsmasq', ['--test', `--conf-file=${confPath}`], { encoding: 'utf8', timeout: 10_000 });
  const output = `${r.stdout}${r.stderr}`;
  return { ok: r.status === 0 && /syntax check OK/.test(output), output };
}

/** nft -c checks the ruleset against the kernel's netlink without committing it; a private netns keeps it so. */
export function nftChecks(confPath: string): ToolVerdict {
  const r = spawnSync('unshare', ['-n', 'nft', '-c', '-f', confPath], { encoding: 'utf8', timeout: 10_000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'conclave-net-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function withTempDirAsync<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'conclave-net-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function writeTemp(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
