// conclave-provision: the technician's CLI. `--help` is the specification; unknown flags are errors; every
// error says what to do next. Exit codes: 0 done, 1 verify found the document invalid, 2 bad input.
import type { Language } from './card-texts.js';
import type { FlagSpec, ParsedArgs } from './args.js';
import { flag, parseArgs } from './args.js';
import type { ProvisionOptions } from './event.js';
import { provisionEvent } from './event.js';
import { reprintCards } from './reprint.js';
import { writeBundle } from './write.js';

const HELP = `conclave-provision — prepare a Conclave voting appliance for one event

USAGE
  conclave-provision event --voters voters.csv --name NAME --out DIR [options]
  conclave-provision write --bundle DIR/bundle.json (--boot DIR | --image IMG) [--dry-run] [--force]
  conclave-provision reprint --out DIR --label LABEL [--label LABEL…] [--pdf FILE] [--print-weight]
  conclave-provision verify FILE --public-key KEY
  conclave-provision COMMAND --help

COMMANDS
  event    Turns the voter list into an event. Writes into DIR:
             bundle.json  the event for the appliance: hashed codes, weights, groups, network, TLS,
                          chair passphrase (scrypt hash), prepared polls. Contains no plain code.
             cards.pdf    A4 code cards with cut marks, 8 per page: event, label, code, Wi-Fi QR,
                          login QR, instructions.
             codes.csv    the organisation's copy (label,weight,group,code[,wifi_passphrase]).
             report.txt   chair passphrase, Wi-Fi settings, certificate fingerprint, counts and totals.
           Nothing is written when any input is wrong; every bad voter line is reported.
  write    Puts bundle.json into conclave/ on the SD card's boot partition: a mounted partition
           (--boot) or an image file (--image, written in place without mounting, using mtools).
           The appliance imports it at first boot and then removes it.
  reprint  Prints a lost or spoiled card again (same code) from DIR/bundle.json and DIR/codes.csv,
           into DIR/reprint.pdf. Each code is checked against the bundle's hash first.
  verify   Checks a signed results document or wipe attestation offline against the device's
           public key (PEM, or the JSON of GET /api/device). Exit 0 valid, 1 invalid.

EVENT OPTIONS
  --voters FILE            voters.csv: header label,weight[,group]; comma or semicolon separated;
                           UTF-8 with or without BOM. Labels unique (letters, digits, space . _ - /,
                           at most 40); weights whole numbers 1..1000000000000; group optional.
  --name NAME              event name, printed on every card (1-120 characters)
  --out DIR                output folder (created; refuses to overwrite an earlier run without --force)
  --date YYYY-MM-DD        event date (default today); the TLS certificate must be valid on it
  --language nl|en         card and appliance language; repeat or comma-separate for several
                           (default nl,en)
  --chair-passphrase P     the chair's passphrase (at least 10 characters; default: generated and
                           printed in report.txt)
  --polls FILE             prepared polls, JSON: [{"title":"…","kind":"motion"|"choice"|"multi",
                           "options":[…],"rule":{"kind":"simple"},…}]
  --print-weight           print each card's weight on the card
  --mode MODE              onboard (default; built-in radio, about 19 phones) | usb-radio (about 30)
                           | external-ap (the organisation's access points; hundreds) | venue (the
                           venue network; voters use the printed address)
  --ssid SSID              Wi-Fi name (default Conclave); in external-ap/venue mode the network the
                           voters join, printed in the Wi-Fi QR
  --wifi-passphrase P      WPA passphrase, 8-63 printable ASCII (default: generated for onboard and
                           usb-radio; printed on the cards and in report.txt)
  --per-card-wifi          a different Wi-Fi passphrase on every card (onboard/usb-radio, wpa2 only):
                           no voter can decrypt another voter's traffic
  --security wpa2|wpa3|transition   Wi-Fi security (default wpa2)
  --country CC             regulatory country, ISO 3166-1 (default NL)
  --band 2.4|5             Wi-Fi band (default 2.4)
  --channel auto|N         Wi-Fi channel (default auto: least crowded of 1/6/11 at boot)
  --join-wifi              venue mode: the appliance joins --ssid with --wifi-passphrase as a client
                           (default: Ethernet with DHCP)
  --host NAME              host name voters and chair use (default stem.conclave.internal)
  --address A.B.C.D        the appliance's address on the voter network (default 10.42.0.1)
  --tls-cert FILE          the organisation's certificate (PEM, full chain) for --host; with
  --tls-key FILE           its unencrypted private key. Checked: the pair matches, --host is covered,
                           valid on --date. Without them a per-device certificate (ECDSA P-256) is
                           made for the chair console and its SHA-256 fingerprint goes in report.txt.
  --dry-run                check everything and make everything in memory, write nothing
  --force                  replace the files of an earlier run in --out

WRITE OPTIONS
  --bundle FILE            the bundle.json made by "event" (checked against the appliance's schema)
  --boot DIR               the mounted boot partition (holds config.txt / cmdline.txt)
  --image IMG              an uncompressed disk image (.img); its FAT boot partition is found in the
                           MBR or GPT partition table
  --dry-run                say where the bundle would go, write nothing
  --force                  write to a --boot folder that does not look like a boot partition

REPRINT OPTIONS
  --out DIR                the event folder written by "event"
  --label LABEL            the card to print again; repeat for several
  --pdf FILE               where to write the cards (default DIR/reprint.pdf; not overwritten
                           without --force)
  --print-weight           print the weight on the card
  --dry-run                check the labels and files, write nothing
  --force                  replace an existing --pdf file

EXAMPLES
  conclave-provision event --voters leden.csv --name "ALV 2026" --out alv --date 2026-06-12 --per-card-wifi
  conclave-provision write --bundle alv/bundle.json --image conclave-0.1.0-arm64.img

EXIT STATUS
  0 done · 1 verify: invalid document · 2 wrong input (the message says what to change)
`;

const EVENT_FLAGS: Record<string, FlagSpec> = {
  voters: { value: true },
  name: { value: true },
  out: { value: true },
  date: { value: true },
  language: { value: true, repeat: true },
  'chair-passphrase': { value: true },
  polls: { value: true },
  'print-weight': { value: false },
  mode: { value: true },
  ssid: { value: true },
  'wifi-passphrase': { value: true },
  'per-card-wifi': { value: false },
  security: { value: true },
  country: { value: true },
  band: { value: true },
  channel: { value: true },
  'join-wifi': { value: false },
  host: { value: true },
  address: { value: true },
  'tls-cert': { value: true },
  'tls-key': { value: true },
  'dry-run': { value: false },
  force: { value: false },
  help: { value: false },
};

const WRITE_FLAGS: Record<string, FlagSpec> = {
  bundle: { value: true },
  boot: { value: true },
  image: { value: true },
  'dry-run': { value: false },
  force: { value: false },
  help: { value: false },
};

const REPRINT_FLAGS: Record<string, FlagSpec> = {
  out: { value: true },
  label: { value: true, repeat: true },
  pdf: { value: true },
  'print-weight': { value: false },
  'dry-run': { value: false },
  force: { value: false },
  help: { value: false },
};

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const stdio: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

function fail(io: CliIo, problems: string[], hint = 'Run conclave-provision --help for the options.'): number {
  io.err(`conclave-provision: ${problems.length === 1 ? 'error' : `${problems.length} errors`}, nothing written:`);
  for (const p of problems) io.err(`  ${p}`);
  io.err(hint);
  return 2;
}

function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], problems: string[]): T | undefined {
  const v = flag(args, name);
  if (v === undefined) return undefined;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  problems.push(`--${name} ${v}: must be one of ${allowed.join(', ')}`);
  return undefined;
}

function eventOptions(args: ParsedArgs): ProvisionOptions | string[] {
  const problems: string[] = [];
  const required = (name: string) => {
    const v = flag(args, name);
    if (v === undefined || v.trim() === '') problems.push(`--${name} is required`);
    return v ?? '';
  };
  const voters = required('voters');
  const name = required('name');
  const out = required('out');
  const languages: Language[] = [];
  for (const raw of args.flags.get('language') ?? []) {
    for (const l of raw.split(',').map((s) => s.trim().toLowerCase())) {
      if (l === 'nl' || l === 'en') languages.push(l);
      else problems.push(`--language ${l}: must be nl or en`);
    }
  }
  const channelRaw = flag(args, 'channel');
  let channel: 'auto' | number | undefined;
  if (channelRaw !== undefined) {
    if (channelRaw === 'auto') channel = 'auto';
    else if (/^\d{1,3}$/.test(channelRaw)) channel = Number(channelRaw);
    else problems.push(`--channel ${channelRaw}: must be auto or a channel number`);
  }
  const mode = oneOf(args, 'mode', ['onboard', 'usb-radio', 'external-ap', 'venue'] as const, problems);
  const security = oneOf(args, 'security', ['wpa2', 'wpa3', 'transition'] as const, problems);
  const band = oneOf(args, 'band', ['2.4', '5'] as const, problems);
  if (problems.length > 0) return problems;
  const optional = (name: string, key: keyof ProvisionOptions) => {
    const v = flag(args, name);
    return v === undefined ? {} : { [key]: v };
  };
  return {
    voters,
    name,
    out,
    ...optional('date', 'date'),
    ...optional('chair-passphrase', 'chairPassphrase'),
    ...optional('polls', 'polls'),
    ...optional('ssid', 'ssid'),
    ...optional('wifi-passphrase', 'wifiPassphrase'),
    ...optional('country', 'country'),
    ...optional('host', 'host'),
    ...optional('address', 'address'),
    ...optional('tls-cert', 'tlsCert'),
    ...optional('tls-key', 'tlsKey'),
    ...(languages.length > 0 ? { languages } : {}),
    ...(channel !== undefined ? { channel } : {}),
    ...(mode !== undefined ? { mode } : {}),
    ...(security !== undefined ? { security } : {}),
    ...(band !== undefined ? { band } : {}),
    perCardWifi: args.switches.has('per-card-wifi'),
    joinWifi: args.switches.has('join-wifi'),
    printWeight: args.switches.has('print-weight'),
    dryRun: args.switches.has('dry-run'),
    force: args.switches.has('force'),
  };
}

async function eventCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, EVENT_FLAGS);
  if (!parsed.ok) return fail(io, [parsed.error]);
  if (parsed.value.switches.has('help')) {
    io.out(HELP);
    return 0;
  }
  const options = eventOptions(parsed.value);
  if (Array.isArray(options)) return fail(io, options);
  const result = await provisionEvent(options);
  if (!result.ok) return fail(io, result.error, 'Fix the items above and run the command again.');
  const s = result.value;
  io.out(
    [
      s.dryRun ? `Dry run: checked ${s.cards.length} voters; would write into ${s.outDir}:` : `Provisioned ${s.cards.length} cards into ${s.outDir}:`,
      ...s.files.map((f) => `  ${f}`),
      `Total weight ${s.totalWeight}; ${s.pages} pages of cards; certificate SHA-256 ${s.fingerprint}`,
      ...s.warnings.map((w) => `warning: ${w}`),
      s.dryRun ? '' : `Next: print cards.pdf at 100 %, give report.txt to the chair, and run
  conclave-provision write --bundle ${s.files[0] ?? 'bundle.json'} --boot BOOT_DIR   (or --image IMG)`,
    ].join('\n'),
  );
  return 0;
}

async function writeCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, WRITE_FLAGS);
  if (!parsed.ok) return fail(io, [parsed.error]);
  const a = parsed.value;
  if (a.switches.has('help')) {
    io.out(HELP);
    return 0;
  }
  const bundle = flag(a, 'bundle');
  if (bundle === undefined) return fail(io, ['--bundle FILE is required (the bundle.json made by "conclave-provision event")']);
  const boot = flag(a, 'boot');
  const image = flag(a, 'image');
  const result = await writeBundle({
    bundle,
    ...(boot !== undefined ? { boot } : {}),
    ...(image !== undefined ? { image } : {}),
    dryRun: a.switches.has('dry-run'),
    force: a.switches.has('force'),
  });
  if (!result.ok) return fail(io, result.error, 'Fix the items above and run the command again.');
  const s = result.value;
  io.out(
    `${s.dryRun ? 'Dry run: would write' : 'Wrote'} the bundle of "${s.eventName}" (${s.cards} cards, ${s.bytes} bytes) to ${s.destination}` +
      `${s.replaced ? ' (replacing the bundle that was there)' : ''}.` +
      (s.dryRun ? '' : '\nThe appliance imports it at first boot and then removes it from the card.'),
  );
  return 0;
}

async function reprintCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, REPRINT_FLAGS);
  if (!parsed.ok) return fail(io, [parsed.error]);
  const a = parsed.value;
  if (a.switches.has('help')) {
    io.out(HELP);
    return 0;
  }
  const out = flag(a, 'out');
  if (out === undefined) return fail(io, ['--out DIR is required (the folder "conclave-provision event" wrote)']);
  const pdf = flag(a, 'pdf');
  const result = await reprintCards({
    out,
    labels: a.flags.get('label') ?? [],
    ...(pdf !== undefined ? { pdf } : {}),
    printWeight: a.switches.has('print-weight'),
    dryRun: a.switches.has('dry-run'),
    force: a.switches.has('force'),
  });
  if (!result.ok) return fail(io, result.error, 'Fix the items above and run the command again.');
  const s = result.value;
  io.out(`${s.dryRun ? 'Dry run: would print' : 'Printed'} ${s.labels.join(', ')} ${s.dryRun ? 'into' : 'to'} ${s.pdf}` + (s.dryRun ? '' : '\nPrint it at 100 % and destroy the spoiled card.'));
  return 0;
}

export async function main(argv: string[], io: CliIo = stdio): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.out(HELP);
      return command === undefined ? 2 : 0;
    case 'event':
      return eventCommand(rest, io);
    case 'write':
      return writeCommand(rest, io);
    case 'reprint':
      return reprintCommand(rest, io);
    case 'verify': {
      if (rest.includes('--help')) {
        io.out(HELP);
        return 0;
      }
      const { verifyCommand } = await import('./verify.js');
      return verifyCommand(rest);
    }
    default:
      return fail(io, [`unknown command ${command}`], 'The commands are event, write, reprint and verify; run conclave-provision --help.');
  }
}

// Run when executed (node dist/conclave-provision.js, or tsx provision/cli.ts), not when imported by tests.
const entry = process.argv[1] ?? '';
if (/conclave-provision(\.js)?$|provision[\\/]cli\.ts$/.test(entry)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`conclave-provision: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
