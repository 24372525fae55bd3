// The CLI as the technician runs it: bundled by esbuild exactly like scripts/build.mjs does, then executed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);
let dir: string;
let cli: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-cli-'));
  cli = join(dir, 'conclave-provision.js');
  await build({
    entryPoints: ['provision/cli.ts'],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['lmdb', 'msgpackr', 'msgpackr-extract', 'node-gyp-build-optional-packages', 'playwright-core'],
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    define: { __CONCLAVE_VERSION__: '"test"' },
    logLevel: 'error',
  });
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function provision(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

test('--help is the specification: every command and flag is described', async () => {
  const r = await provision('--help');
  assert.equal(r.code, 0);
  for (const word of ['event', 'write', 'reprint', 'verify', '--label', '--pdf', '--voters', '--name', '--out', '--date', '--language', '--chair-passphrase', '--polls', '--print-weight', '--mode', '--ssid', '--wifi-passphrase', '--per-card-wifi', '--security', '--country', '--band', '--channel', '--join-wifi', '--host', '--address', '--tls-cert', '--tls-key', '--dry-run', '--force', '--bundle', '--boot', '--image', '--public-key']) {
    assert.ok(r.stdout.includes(word), `help mentions ${word}`);
  }
  assert.equal((await provision('event', '--help')).code, 0);
  assert.equal((await provision('verify', '--help')).code, 0);
  const none = await provision();
  assert.equal(none.code, 2);
});

test('unknown commands and flags are errors that say what to do next', async () => {
  const cmd = await provision('evnt');
  assert.equal(cmd.code, 2);
  assert.match(cmd.stderr, /unknown command evnt\nThe commands are event, write, reprint and verify; run conclave-provision --help\./);
  const flag = await provision('event', '--voterz', 'x.csv', '--name', 'X', '--out', join(dir, 'o'));
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /unknown option --voterz\nRun conclave-provision --help for the options\./);
  const missing = await provision('event');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /3 errors, nothing written:\n {2}--voters is required\n {2}--name is required\n {2}--out is required/);
  const badMode = await provision('event', '--voters', 'v', '--name', 'n', '--out', 'o', '--mode', 'mesh');
  assert.match(badMode.stderr, /--mode mesh: must be one of onboard, usb-radio, external-ap, venue/);
  const sw = await provision('event', '--dry-run=yes');
  assert.match(sw.stderr, /--dry-run is a switch and takes no value/);
});

test('a bad voter list: every bad line on stderr, exit 2, nothing written', async () => {
  const csv = join(dir, 'bad.csv');
  await writeFile(csv, '\uFEFFlabel;weight\r\nA;1\r\nA;2\r\nB;1,5\r\n');
  const out = join(dir, 'bad-out');
  const r = await provision('event', '--voters', csv, '--name', 'X', '--out', out);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    `conclave-provision: 2 errors, nothing written:\n` +
      `  ${csv}: line 3: label "A" is already used on line 2\n` +
      `  ${csv}: line 4: weight 1,5 is not a whole number; weights are whole numbers from 1 to 1000000000000 (no decimals or separators)\n` +
      'Fix the items above and run the command again.\n',
  );
  await assert.rejects(stat(out));
});

test('event then write --image: the whole technician flow from the command line', async () => {
  const out = join(dir, 'event');
  const dry = await provision('event', '--voters', 'test/fixtures/voters-board.csv', '--name', 'Bestuur', '--out', out, '--dry-run', '--language', 'nl');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Dry run: checked 7 voters; would write into/);
  await assert.rejects(stat(out));

  const r = await provision('event', '--voters', 'test/fixtures/voters-board.csv', '--name', 'Bestuur', '--out', out, '--per-card-wifi', '--ssid', 'Bestuurskamer', '--date', '2026-12-10');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Provisioned 7 cards into /);
  assert.match(r.stdout, /certificate SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  assert.deepEqual((await readdir(out)).sort(), ['bundle.json', 'cards.pdf', 'codes.csv', 'report.txt']);

  const img = join(dir, 'sd.img');
  await run('truncate', ['-s', '16M', img]);
  const s = run('sfdisk', ['-q', img]);
  s.child.stdin?.end('label: dos\nstart=2048, size=16384, type=c\n');
  await s;
  await run('mkfs.vfat', ['--offset', '2048', img, '8192']);
  const w = await provision('write', '--bundle', join(out, 'bundle.json'), '--image', img);
  assert.equal(w.code, 0, w.stderr);
  assert.match(w.stdout, /^Wrote the bundle of "Bestuur" \(7 cards, \d+ bytes\) to .* partition 1 \(offset 1048576\) ::\/conclave\/bundle\.json\./);
  const { stdout } = await run('mtype', ['-i', `${img}@@1048576`, '::/conclave/bundle.json'], { env: { ...process.env, MTOOLS_SKIP_CHECK: '1' } });
  assert.equal(stdout, await readFile(join(out, 'bundle.json'), 'utf8'));
  const noTarget = await provision('write', '--bundle', join(out, 'bundle.json'));
  assert.equal(noTarget.code, 2);
  assert.match(noTarget.stderr, /give exactly one of --boot DIR/);
});

test('verify is dispatched to the verify command', async () => {
  const r = await provision('verify', join(dir, 'missing.json'), '--public-key', join(dir, 'missing.pem'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /INVALID: cannot read/);
});
