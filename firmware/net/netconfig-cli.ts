// conclave-netconfig --bundle F [--out DIR] [--radio wlan0] [--uplink eth0] [--scan-file F] (see README.md here)
// Run by systemd as root before hostapd and dnsmasq. Renders hostapd.conf, dnsmasq.conf, nftables.conf,
// sysctl.conf (and hostapd.psk with per-card keys) for the bundle's network settings. With --out it only
// renders into DIR; without it, it renders into /run/conclave/net and puts the plan into effect.
// Exit 0 done, 2 invalid bundle or settings (field and rule named), 1 anything else it cannot do.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { z } from 'zod';
import { bundleSchema, formatZodError } from '../config/bundle.js';
import { applyPlan } from './apply.js';
import { FirstScanner, IwScanner, NodeWifiScanner, RecordedScanner, type Scanner } from './channel.js';
import { discoverInterfaces } from './interfaces.js';
import { ALL_FILES, buildNetconfig, DEFAULT_OUT_DIR } from './netconfig.js';
import { writeFileAtomic } from './write-atomic.js';

const log = pino({ name: 'conclave-netconfig' });
const USAGE = 'usage: conclave-netconfig --bundle FILE [--out DIR] [--radio IFACE] [--uplink IFACE] [--scan-file FILE]';

function fail(code: number, lines: string[]): never {
  for (const l of lines) process.stderr.write(`conclave-netconfig: ${l}\n`);
  process.exit(code);
}

const recordedScanSchema = z.array(z.strictObject({ channel: z.number().int(), signalDbm: z.number().nullable() }));

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        bundle: { type: 'string' },
        out: { type: 'string' },
        radio: { type: 'string' },
        uplink: { type: 'string' },
        'scan-file': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    fail(2, [e instanceof Error ? e.message : String(e), USAGE]);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!args.bundle) fail(2, ['--bundle is required', USAGE]);
  for (const [flag, v] of [['radio', args.radio], ['uplink', args.uplink]] as const)
    if (v !== undefined && !/^[A-Za-z0-9_.:-]{1,15}$/.test(v)) fail(2, [`--${flag}: not an interface name`]);

  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(args.bundle, 'utf8'));
  } catch (e) {
    fail(2, [`bundle ${args.bundle}: ${e instanceof Error ? e.message : String(e)}`]);
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) fail(2, [`bundle ${args.bundle} is invalid: ${formatZodError(parsed.error)}`]);
  const settings = parsed.data.network;

  const apply = args.out === undefined;
  let scanner: Scanner = new FirstScanner([new NodeWifiScanner(), new IwScanner({ bringUp: apply })]);
  if (args['scan-file']) {
    const scan = recordedScanSchema.safeParse(JSON.parse(await readFile(args['scan-file'], 'utf8')));
    if (!scan.success) fail(2, [`--scan-file: ${formatZodError(scan.error)}`]);
    scanner = new RecordedScanner(scan.data);
  }

  const outDir = resolve(args.out ?? DEFAULT_OUT_DIR);
  const result = await buildNetconfig({
    settings,
    interfaces: discoverInterfaces(),
    radio: args.radio,
    uplink: args.uplink,
    allowGuess: !apply,
    scanner,
    outDir,
  });
  if (!result.ok) {
    if (result.kind === 'invalid') fail(2, result.issues.map((i) => `${i.message} [rule ${i.rule}]`));
    fail(1, [result.message]);
  }
  const { plan, files, notes } = result.value;
  for (const n of notes) log.warn({ note: n }, 'netconfig note');

  await mkdir(outDir, { recursive: true, mode: 0o755 });
  for (const f of files) await writeFileAtomic(join(outDir, f.name), f.content, f.mode);
  const written = new Set<string>(files.map((f) => f.name));
  for (const name of ALL_FILES) if (!written.has(name)) await rm(join(outDir, name), { force: true });
  log.info({ mode: plan.mode, serving: plan.serving, radio: plan.radio, uplink: plan.uplink, channel: result.value.state.channel, outDir, files: [...written] }, 'network configuration rendered');

  if (apply) {
    try {
      await applyPlan(plan, settings, outDir);
    } catch (e) {
      fail(1, [`could not apply the network configuration: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`]);
    }
    log.info({ mode: plan.mode }, 'network configuration applied');
  }
}

main().catch((e: unknown) => {
  log.error({ err: e }, 'conclave-netconfig failed');
  process.exit(1);
});
