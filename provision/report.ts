// report.txt: what the technician hands to the chair with the box — the chair passphrase, how voters
// join, how to recognise the appliance's certificate, and the counts and weight totals to check the
// voter list against.
import type { NetworkSettings } from '../firmware/config/network-schema.js';

export interface ReportInput {
  eventId: string;
  eventName: string;
  eventDate: string;
  createdAt: string;
  languages: string[];
  chairPassphrase: string;
  chairPassphraseGenerated: boolean;
  network: NetworkSettings;
  /** The shared Wi-Fi passphrase as printed on the cards (absent with per-card Wi-Fi or an open network). */
  wifiPassphrase?: string;
  perCardWifi: boolean;
  certificate: { trusted: boolean; fingerprint: string; subject: string; validTo: Date };
  voterUrl: string;
  chairUrl: string;
  cards: Array<{ weight: number; group?: string }>;
  printWeight: boolean;
  polls: number;
  pages: number;
  warnings: string[];
}

const group3 = (n: bigint | number) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

export function renderReport(r: ReportInput): string {
  const total = r.cards.reduce((s, c) => s + BigInt(c.weight), 0n);
  const weights = r.cards.map((c) => c.weight);
  const groups = new Map<string, { count: number; weight: bigint }>();
  for (const c of r.cards) {
    const key = c.group ?? '(no group)';
    const g = groups.get(key) ?? { count: 0, weight: 0n };
    g.count++;
    g.weight += BigInt(c.weight);
    groups.set(key, g);
  }
  const n = r.network;
  const ownAp = n.mode === 'onboard' || n.mode === 'usb-radio';
  const lines: string[] = [
    'CONCLAVE - TECHNICIAN\'S REPORT',
    '',
    'CONFIDENTIAL: this report holds the chair passphrase. Hand it to the chair only.',
    '',
    `Event:        ${r.eventName}`,
    `Event date:   ${r.eventDate}`,
    `Event id:     ${r.eventId}`,
    `Created:      ${r.createdAt}`,
    `Languages:    ${r.languages.join(', ')}`,
    '',
    'CHAIR CONSOLE',
    `  Address:            ${r.chairUrl}`,
    `  Chair passphrase:   ${r.chairPassphrase}${r.chairPassphraseGenerated ? '   (generated)' : ''}`,
    r.certificate.trusted
      ? `  Certificate:        the organisation's certificate (${r.certificate.subject.replace(/\n/g, ', ')}), valid until ${r.certificate.validTo.toISOString().slice(0, 10)}`
      : `  Certificate:        per-device, made for this event (browsers do not know it and will warn once)`,
    `  SHA-256 fingerprint: ${r.certificate.fingerprint}`,
    r.certificate.trusted
      ? '  Voters and chair use HTTPS; DNS on the appliance answers the host name locally.'
      : '  On the first visit, compare the fingerprint the browser shows (certificate details) with the one above;\n' +
        '  accept the certificate only if they are equal. Voters use HTTP over the encrypted Wi-Fi.',
    '  The device key fingerprint (for checking signed results and the wipe attestation) is shown on the chair',
    '  console after the first boot.',
    '',
    'NETWORK',
    `  Mode:               ${n.mode}`,
  ];
  if (ownAp || n.mode === 'external-ap' || n.venueWifi !== undefined) {
    lines.push(`  Wi-Fi name (SSID):  ${n.ssid}`);
    if (ownAp) lines.push(`  Security:           ${n.security.toUpperCase()}, country ${n.country}, ${n.band} GHz, channel ${n.channel}`);
    if (r.perCardWifi) lines.push('  Wi-Fi passphrase:   one per card (printed on each card and in codes.csv)');
    else if (r.wifiPassphrase !== undefined) lines.push(`  Wi-Fi passphrase:   ${r.wifiPassphrase}`);
    else lines.push('  Wi-Fi passphrase:   none (open network)');
  }
  lines.push(
    `  Appliance:          ${n.address}/${n.prefix}, host name ${n.host}`,
    `  Voters open:        ${r.voterUrl}   (the login QR code on each card opens it with the code filled in)`,
    '',
    'CARDS',
    `  Cards:              ${r.cards.length}   (${r.pages} A4 pages in cards.pdf, 8 per page)`,
    `  Total weight:       ${group3(total)}`,
    `  Weights:            ${group3(Math.min(...weights))} to ${group3(Math.max(...weights))}`,
    `  Weight on cards:    ${r.printWeight ? 'printed' : 'not printed'}`,
  );
  if (groups.size > 1 || !groups.has('(no group)')) {
    lines.push('  Per group:');
    for (const [name, g] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
      lines.push(`    ${name}: ${g.count} cards, weight ${group3(g.weight)}`);
    }
  }
  lines.push(
    `  Prepared polls:     ${r.polls}`,
    '',
    'FILES',
    '  bundle.json   the event for the appliance (hashed codes only). Put it on the SD card:',
    '                conclave-provision write --bundle bundle.json --boot /media/.../bootfs   (or --image FILE.img)',
    '  cards.pdf     print on A4 at 100 % (no "fit to page"), cut along the marks, hand out one card per voter',
    '  codes.csv     the organisation\'s copy of every code: keep it offline, destroy it after the meeting',
    '  report.txt    this report',
  );
  if (r.warnings.length > 0) lines.push('', 'WARNINGS', ...r.warnings.map((w) => `  - ${w}`));
  return `${lines.join('\n')}\n`;
}
