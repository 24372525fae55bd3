// `conclave-provision reprint`: a lost or spoiled card, printed again from the event folder (bundle.json +
// codes.csv) without making a new event. Every reprinted code is checked against the bundle's hash for
// that label first, so a codes.csv from another run can never produce cards that do not log in.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Result } from '../firmware/result.js';
import { err, ok } from '../firmware/result.js';
import { bundleSchema, formatZodError } from '../firmware/config/bundle.js';
import type { Bundle } from '../firmware/config/bundle.js';
import { hashCode, parseCode } from '../firmware/config/codes.js';
import type { CardSecrets } from './card-print.js';
import { printedCard } from './card-print.js';
import { renderCardsPdf } from './cards-pdf.js';
import { splitCsv } from './csv.js';
import { portalUrl } from '../firmware/config/qr-payloads.js';
import { wpaPsk } from './secrets.js';
import { ownAccessPoint } from './wifi-settings.js';

export interface ReprintOptions {
  /** The event folder written by `event`. */
  out: string;
  labels: string[];
  /** Default: OUT/reprint.pdf */
  pdf?: string;
  printWeight?: boolean;
  dryRun?: boolean;
  force?: boolean;
}

export interface ReprintSummary {
  pdf: string;
  labels: string[];
  dryRun: boolean;
}

async function readCodes(path: string): Promise<Result<Map<string, CardSecrets>, string[]>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return err([`${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); reprint needs the codes.csv that "event" wrote`]);
  }
  const problems: string[] = [];
  const { rows } = splitCsv(text, ',', problems);
  const data = rows.filter((r) => !r.blank && !(r.fields[0] ?? '').startsWith('#'));
  const header = (data[0]?.fields ?? []).map((f) => f.trim());
  const col = (name: string) => header.indexOf(name);
  if (col('label') < 0 || col('weight') < 0 || col('code') < 0) return err([`${path}: has no header label,weight,group,code; is it the codes.csv of this event?`]);
  const cards = new Map<string, CardSecrets>();
  for (const r of data.slice(1)) {
    const get = (name: string) => (col(name) >= 0 ? (r.fields[col(name)] ?? '') : '');
    const pass = get('wifi_passphrase');
    cards.set(get('label'), { label: get('label'), weight: Number(get('weight')), code: get('code'), ...(pass ? { wifiPassphrase: pass } : {}) });
  }
  return problems.length > 0 ? err(problems.map((p) => `${path}: ${p}`)) : ok(cards);
}

async function readEventBundle(path: string): Promise<Result<Bundle, string[]>> {
  try {
    const parsed = bundleSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (!parsed.success) return err([`${path}: not a valid bundle (${formatZodError(parsed.error)})`]);
    return ok(parsed.data);
  } catch (e) {
    return err([`${path}: cannot read it as JSON (${(e as Error).message}); reprint needs the bundle.json that "event" wrote`]);
  }
}

export async function reprintCards(options: ReprintOptions): Promise<Result<ReprintSummary, string[]>> {
  const dir = resolve(options.out);
  if (options.labels.length === 0) return err(['--label: name at least one card to reprint (repeat --label for several)']);
  const bundle = await readEventBundle(join(dir, 'bundle.json'));
  if (!bundle.ok) return bundle;
  const codes = await readCodes(join(dir, 'codes.csv'));
  if (!codes.ok) return codes;
  const b = bundle.value;
  const pepper = Buffer.from(b.pepper, 'base64');
  const byLabel = new Map(b.cards.map((c) => [c.label, c]));
  const psks = new Map((b.network.cardPsks ?? []).map((p) => [p.label, p.psk]));
  const problems: string[] = [];
  const cards: CardSecrets[] = [];
  for (const label of [...new Set(options.labels)]) {
    const card = byLabel.get(label);
    const secrets = codes.value.get(label);
    if (card === undefined || secrets === undefined) {
      problems.push(`--label ${label}: no such card in this event${card === undefined ? '' : "'s codes.csv"}; labels are case-sensitive, see codes.csv`);
      continue;
    }
    const parsed = parseCode(secrets.code);
    if (!parsed.ok || hashCode(pepper, parsed.normalised) !== card.codeHash) {
      problems.push(`--label ${label}: the code in codes.csv does not match bundle.json; both files must come from the same "event" run`);
      continue;
    }
    const psk = psks.get(label);
    if (psk !== undefined && (secrets.wifiPassphrase === undefined || (await wpaPsk(secrets.wifiPassphrase, b.network.ssid)) !== psk)) {
      problems.push(`--label ${label}: the Wi-Fi passphrase in codes.csv does not match bundle.json; both files must come from the same "event" run`);
      continue;
    }
    cards.push({ ...secrets, weight: card.weight });
  }
  const pdf = resolve(options.pdf ?? join(dir, 'reprint.pdf'));
  if (!options.force && !options.dryRun && (await stat(pdf).catch(() => null)) !== null) {
    problems.push(`--pdf ${pdf}: already exists; remove it after printing, choose another --pdf, or add --force`);
  }
  if (problems.length > 0) return err(problems);

  const n = b.network;
  const https = n.tls?.trusted === true;
  // The cards showed a Wi-Fi QR when the appliance runs the access point or the technician named a network.
  const showWifi = ownAccessPoint(n.mode) || n.wifiPassphrase !== undefined || n.venueWifi !== undefined || n.ssid !== 'Conclave';
  const rendered = await renderCardsPdf({
    eventName: b.event.name,
    languages: b.event.languages,
    ...(showWifi ? { ssid: n.ssid } : {}),
    portalUrl: portalUrl(n.host, https),
    cards: cards.map((c) =>
      printedCard(c, {
        host: n.host,
        https,
        ...(showWifi ? { ssid: n.ssid } : {}),
        ...(n.cardPsks === undefined && (n.wifiPassphrase ?? n.venueWifi?.passphrase) !== undefined
          ? { sharedPassphrase: (n.wifiPassphrase ?? n.venueWifi?.passphrase) as string }
          : {}),
        printWeight: options.printWeight === true,
      }),
    ),
  });
  if (!options.dryRun) await writeFile(pdf, rendered.bytes, { mode: 0o600 });
  return ok({ pdf, labels: cards.map((c) => c.label), dryRun: options.dryRun === true });
}
