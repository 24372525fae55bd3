// `conclave-provision event`: the voter list in, the event out — bundle.json (hashes only), cards.pdf,
// codes.csv and report.txt. Everything is checked and produced in memory first; files are written only
// when every check passed, so a bad voter list or Wi-Fi setting leaves nothing half-made behind.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { Result } from '../firmware/result.js';
import { err, ok } from '../firmware/result.js';
import { bundleSchema, formatZodError } from '../firmware/config/bundle.js';
import type { Bundle, Card } from '../firmware/config/bundle.js';
import { generateCode, hashCode, parseCode } from '../firmware/config/codes.js';
import { networkSchema } from '../firmware/config/network-schema.js';
import type { NetworkSettings } from '../firmware/config/network-schema.js';
import { hashPassphrase } from '../firmware/config/passphrase.js';
import { checkSettings } from '../firmware/net/settings-check.js';
import { pollInputSchema } from '../firmware/config/poll-schema.js';
import type { PollInput } from '../firmware/config/poll-schema.js';
import type { Language } from './card-texts.js';
import { renderCardsPdf } from './cards-pdf.js';
import { codesCsv } from './codes-csv.js';
import { printedCard } from './card-print.js';
import { portalUrl } from '../firmware/config/qr-payloads.js';
import { renderReport } from './report.js';
import { readableSecret } from './secrets.js';
import type { CertificateCheck } from './tls.js';
import { checkProvidedCertificate, generateDeviceCertificate } from './tls.js';
import type { VoterRow } from './voters-csv.js';
import { parseVotersCsv } from './voters-csv.js';
import type { CardKey, Mode } from './wifi-settings.js';
import { capacityWarning, checkWifi, ownAccessPoint, perCardKeys, perCardPassphrase } from './wifi-settings.js';

export interface ProvisionOptions {
  /** Path of voters.csv. */
  voters: string;
  name: string;
  /** Output folder (created when missing). */
  out: string;
  chairPassphrase?: string;
  /** Path of a JSON file with prepared polls (an array of polls, or {"polls":[…]}). */
  polls?: string;
  mode?: Mode;
  ssid?: string;
  wifiPassphrase?: string;
  security?: 'wpa2' | 'wpa3' | 'transition';
  country?: string;
  band?: '2.4' | '5';
  channel?: 'auto' | number;
  perCardWifi?: boolean;
  /** venue mode: the appliance joins --ssid as a Wi-Fi client instead of using Ethernet. */
  joinWifi?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  host?: string;
  address?: string;
  languages?: Language[];
  /** YYYY-MM-DD; default today. */
  date?: string;
  printWeight?: boolean;
  dryRun?: boolean;
  /** Replace the files of an earlier run in `out`. */
  force?: boolean;
}

export interface ProvisionedCard {
  label: string;
  weight: number;
  group?: string;
  code: string;
  wifiPassphrase?: string;
}

export interface ProvisionSummary {
  outDir: string;
  dryRun: boolean;
  /** Files written (or that would be written on a dry run), absolute paths. */
  files: string[];
  eventId: string;
  cards: ProvisionedCard[];
  totalWeight: bigint;
  pages: number;
  fingerprint: string;
  chairPassphrase: string;
  warnings: string[];
  /** Milliseconds per step, for the benchmark table. */
  timings: { read: number; codes: number; bundle: number; pdf: number; write: number; total: number };
}

export const OUTPUT_FILES = ['bundle.json', 'cards.pdf', 'codes.csv', 'report.txt'] as const;

export function hasControlCharacter(s: string): boolean {
  return [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function validDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(date);
}

async function readPolls(path: string): Promise<Result<PollInput[], string[]>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    return err([`--polls ${path}: ${(e as Error).message}; it must be a JSON array of polls (see --help)`]);
  }
  const list = Array.isArray(raw) ? raw : typeof raw === 'object' && raw !== null && 'polls' in raw ? raw.polls : raw;
  const parsed = z.array(pollInputSchema).max(200).safeParse(list);
  if (!parsed.success) {
    return err(parsed.error.issues.map((i) => `--polls ${path}: poll ${i.path.length > 0 ? `${Number(i.path[0]) + 1}` : ''}${i.path.length > 1 ? ` ${i.path.slice(1).join('.')}` : ''}: ${i.message}`));
  }
  return ok(parsed.data);
}

async function readText(path: string, flag: string): Promise<Result<string, string>> {
  try {
    return ok(await readFile(path, 'utf8'));
  } catch (e) {
    return err(`${flag} ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function uniqueCodes(count: number): string[] {
  const seen = new Set<string>();
  const codes: string[] = [];
  while (codes.length < count) {
    const code = generateCode();
    if (seen.has(code)) continue;
    seen.add(code);
    codes.push(code);
  }
  return codes;
}

async function existingOutputs(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const f of OUTPUT_FILES) {
    try {
      await stat(join(dir, f));
      found.push(f);
    } catch {
      /* absent: fine */
    }
  }
  return found;
}

/** Writes through a temporary name so a crash never leaves a truncated bundle or code list. */
async function writeSecretFile(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data, { mode: 0o600 });
  await rename(tmp, path);
}

export async function provisionEvent(options: ProvisionOptions): Promise<Result<ProvisionSummary, string[]>> {
  const t0 = performance.now();
  const problems: string[] = [];
  const warnings: string[] = [];
  const name = options.name.trim();
  if (name.length < 1 || name.length > 120) problems.push('--name: the event name must be 1 to 120 characters');
  if (hasControlCharacter(name)) problems.push('--name: the event name must not contain line breaks or control characters');
  const date = options.date ?? today();
  if (!validDate(date)) problems.push(`--date: ${date} is not a date; write it as YYYY-MM-DD`);
  const languages: Language[] = [...new Set<Language>(options.languages ?? ['nl', 'en'])];
  const mode = options.mode ?? 'onboard';
  const perCard = options.perCardWifi === true;
  if (options.chairPassphrase !== undefined && options.chairPassphrase.length < 10) {
    problems.push('--chair-passphrase: use at least 10 characters (or leave it out to have one generated)');
  }
  if (options.joinWifi && mode !== 'venue') problems.push('--join-wifi: only with --mode venue');
  if (mode === 'venue' && options.host === undefined) {
    // On the venue's network our DNS does not answer, so the default name would lead nowhere.
    problems.push('--host: required with --mode venue: the name the venue\'s DNS gives the appliance, or its reserved address (e.g. --host 192.168.1.50)');
  }
  if (options.joinWifi && (options.ssid === undefined || options.wifiPassphrase === undefined)) {
    problems.push('--join-wifi: needs --ssid and --wifi-passphrase of the venue network');
  }
  const tlsGiven = [options.tlsCert, options.tlsKey].filter((v) => v !== undefined).length;
  if (tlsGiven === 1) problems.push('--tls-cert and --tls-key go together; give both or neither');
  if (tlsGiven === 2 && options.host === undefined) problems.push('--host: required with --tls-cert, the host name the certificate is for');

  // Wi-Fi: generated shared passphrase for our own access point unless the technician gave one.
  const ssid = options.ssid ?? 'Conclave';
  const generatedWifi = ownAccessPoint(mode) && !perCard && options.wifiPassphrase === undefined;
  const wifiPassphrase = generatedWifi ? readableSecret(4) : options.wifiPassphrase;
  const country = (options.country ?? 'NL').toUpperCase();
  problems.push(
    ...checkWifi(
      {
        mode,
        ssid,
        ...(options.wifiPassphrase !== undefined ? { wifiPassphrase: options.wifiPassphrase } : {}),
        security: options.security ?? 'wpa2',
        country,
        band: options.band ?? '2.4',
        channel: options.channel ?? 'auto',
        perCardWifi: perCard,
      },
      perCardPassphrase(),
    ),
  );

  const netInput = {
    mode,
    ssid,
    ...(wifiPassphrase !== undefined && !options.joinWifi ? { wifiPassphrase } : {}),
    security: options.security ?? 'wpa2',
    country,
    band: options.band ?? '2.4',
    channel: options.channel ?? 'auto',
    ...(options.address !== undefined ? { address: options.address } : {}),
    // External access points serve hundreds of phones: a /22 holds a pool of twice the 500-client limit.
    ...(mode === 'external-ap' ? { prefix: 22 } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.joinWifi && wifiPassphrase !== undefined ? { venueWifi: { ssid, passphrase: wifiPassphrase } } : {}),
  };
  const netParsed = networkSchema.safeParse(netInput);
  if (!netParsed.success) {
    for (const i of netParsed.error.issues) {
      const field = String(i.path[0] ?? '');
      const flagName = { host: '--host', address: '--address', ssid: '--ssid', wifiPassphrase: '--wifi-passphrase', country: '--country', venueWifi: '--join-wifi' }[field] ?? field;
      // The hostapd-config rules above already explained the Wi-Fi fields in the technician's words.
      if (!problems.some((p) => p.startsWith(`${flagName}:`))) problems.push(`${flagName}: ${i.message}`);
    }
  } else {
    // The appliance's own settings check (addressing); the Wi-Fi fields were checked above with hostapd-config.
    for (const i of checkSettings(netParsed.data)) {
      if (i.field === 'network.address') problems.push(`--address: ${i.message.replace(/^network\.address: /, '')} (rule ${i.rule})`);
    }
  }

  const votersText = await readFile(options.voters).catch((e: NodeJS.ErrnoException) => {
    problems.push(`--voters ${options.voters}: cannot read it (${e.code ?? e.message}); check the path`);
    return null;
  });
  let voters: VoterRow[] = [];
  if (votersText !== null) {
    const parsed = parseVotersCsv(votersText);
    if (parsed.ok) voters = parsed.value;
    else problems.push(...parsed.error.map((p) => `${options.voters}: ${p}`));
  }
  let polls: PollInput[] = [];
  if (options.polls !== undefined) {
    const p = await readPolls(options.polls);
    if (p.ok) polls = p.value;
    else problems.push(...p.error);
  }
  let provided: { cert: string; key: string } | null = null;
  if (options.tlsCert !== undefined && options.tlsKey !== undefined) {
    const cert = await readText(options.tlsCert, '--tls-cert');
    const key = await readText(options.tlsKey, '--tls-key');
    if (!cert.ok) problems.push(cert.error);
    if (!key.ok) problems.push(key.error);
    if (cert.ok && key.ok) provided = { cert: cert.value, key: key.value };
  }
  // Checked together with everything else, so one run lists every problem.
  let certificate: CertificateCheck | null = null;
  if (provided !== null && netParsed.success && validDate(date)) {
    const checked = checkProvidedCertificate(provided.cert, provided.key, netParsed.data.host, date);
    if (checked.ok) certificate = checked.value;
    else problems.push(...checked.error.map((p) => `TLS: ${p}`));
  }
  const outDir = resolve(options.out);
  if (!options.force && !options.dryRun) {
    const existing = await existingOutputs(outDir);
    if (existing.length > 0) {
      problems.push(
        `--out ${options.out}: already holds ${existing.join(', ')} from an earlier run; cards printed from it would stop working. ` +
          'Choose a new --out folder, or add --force to replace them',
      );
    }
  }
  if (problems.length > 0 || !netParsed.success) return err(problems);
  const net: NetworkSettings = netParsed.data;

  certificate ??= await generateDeviceCertificate(net.host, net.address, date, name);
  warnings.push(...certificate.warnings);
  const capacity = capacityWarning(mode, voters.length);
  if (capacity) warnings.push(capacity);
  const tRead = performance.now();

  // Secrets: the pepper never leaves the bundle; codes are hashed at once and kept in plain only for the
  // cards and the organisation's copy.
  const pepper = randomBytes(32);
  const codes = uniqueCodes(voters.length);
  const cards: Card[] = voters.map((v, i) => {
    const parsed = parseCode(codes[i] as string);
    if (!parsed.ok) throw new Error('generateCode produced a code that does not parse');
    return { label: v.label, codeHash: hashCode(pepper, parsed.normalised), weight: v.weight, ...(v.group ? { group: v.group } : {}) };
  });
  const keys: CardKey[] = perCard ? await perCardKeys(voters.map((v) => v.label), net.ssid) : [];
  const chairPassphrase = options.chairPassphrase ?? readableSecret(5);
  const tCodes = performance.now();

  const createdAt = new Date().toISOString();
  const eventId = randomUUID();
  const bundleInput = {
    format: 'conclave-bundle/1',
    event: { id: eventId, name, date, languages, createdAt },
    pepper: pepper.toString('base64'),
    chair: { passphraseHash: await hashPassphrase(chairPassphrase) },
    cards,
    network: { ...net, tls: certificate.tls, ...(perCard ? { cardPsks: keys.map((k) => ({ label: k.label, psk: k.psk })) } : {}) },
    polls,
  };
  const bundleParsed = bundleSchema.safeParse(bundleInput);
  if (!bundleParsed.success) return err([`the bundle does not pass the appliance's schema: ${formatZodError(bundleParsed.error)}`]);
  const bundle: Bundle = bundleParsed.data;
  const bundleJson = `${JSON.stringify(bundle, null, 2)}\n`;
  const tBundle = performance.now();

  const https = certificate.tls.trusted;
  const showWifi = ownAccessPoint(mode) || options.ssid !== undefined;
  const printed: ProvisionedCard[] = voters.map((v, i) => ({
    label: v.label,
    weight: v.weight,
    ...(v.group ? { group: v.group } : {}),
    code: codes[i] as string,
    ...(perCard ? { wifiPassphrase: (keys[i] as CardKey).passphrase } : {}),
  }));
  const pdf = await renderCardsPdf({
    eventName: name,
    languages,
    ...(showWifi ? { ssid: net.ssid } : {}),
    portalUrl: portalUrl(net.host, https),
    cards: printed.map((c) =>
      printedCard(c, {
        host: net.host,
        https,
        ...(showWifi ? { ssid: net.ssid } : {}),
        ...(!perCard && wifiPassphrase !== undefined ? { sharedPassphrase: wifiPassphrase } : {}),
        printWeight: options.printWeight === true,
      }),
    ),
  });
  if (pdf.replacedCharacters.length > 0) {
    warnings.push(`the cards' fonts cannot show ${pdf.replacedCharacters.map((c) => JSON.stringify(c)).join(' ')}; they are printed as "?"`);
  }
  const tPdf = performance.now();

  const report = renderReport({
    eventId,
    eventName: name,
    eventDate: date,
    createdAt,
    languages,
    chairPassphrase,
    chairPassphraseGenerated: options.chairPassphrase === undefined,
    network: bundle.network,
    ...(wifiPassphrase !== undefined ? { wifiPassphrase } : {}),
    perCardWifi: perCard,
    certificate: { trusted: https, fingerprint: certificate.tls.fingerprint, subject: certificate.subject, validTo: certificate.validTo },
    voterUrl: portalUrl(net.host, https),
    chairUrl: `https://${net.host}/chair  (or https://${net.address}/chair)`,
    cards: voters,
    printWeight: options.printWeight === true,
    polls: polls.length,
    pages: pdf.pages,
    warnings,
  });
  const csv = codesCsv(name, eventId, printed, perCard);

  const files = OUTPUT_FILES.map((f) => join(outDir, f));
  if (!options.dryRun) {
    await mkdir(outDir, { recursive: true, mode: 0o700 });
    const contents: Record<(typeof OUTPUT_FILES)[number], string | Uint8Array> = {
      'bundle.json': bundleJson,
      'cards.pdf': pdf.bytes,
      'codes.csv': csv,
      'report.txt': report,
    };
    for (const f of OUTPUT_FILES) await writeSecretFile(join(outDir, f), contents[f]);
  }
  const tWrite = performance.now();
  return ok({
    outDir,
    dryRun: options.dryRun === true,
    files,
    eventId,
    cards: printed,
    totalWeight: voters.reduce((s, v) => s + BigInt(v.weight), 0n),
    pages: pdf.pages,
    fingerprint: certificate.tls.fingerprint,
    chairPassphrase,
    warnings,
    timings: {
      read: tRead - t0,
      codes: tCodes - tRead,
      bundle: tBundle - tCodes,
      pdf: tPdf - tBundle,
      write: tWrite - tPdf,
      total: tWrite - t0,
    },
  });
}
