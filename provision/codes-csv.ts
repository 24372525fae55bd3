// codes.csv: the organisation's own copy of every card's plain code (and per-card Wi-Fi passphrase), for
// reprinting a lost card. The first line warns whoever opens it; the header follows (API.md).

export interface CodeRow {
  label: string;
  weight: number;
  group?: string;
  code: string;
  wifiPassphrase?: string;
}

function csvField(value: string): string {
  return /[",\r\n;]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function codesCsv(eventName: string, eventId: string, rows: CodeRow[], perCardWifi: boolean): string {
  const name = eventName.replace(/[\r\n",]/g, ' ');
  const warning =
    `# CONFIDENTIAL - voter codes for ${name} (event ${eventId}). Anyone holding a code can vote with it. ` +
    'Keep this file offline and destroy it after the meeting.';
  const header = perCardWifi ? 'label,weight,group,code,wifi_passphrase' : 'label,weight,group,code';
  const lines = rows.map((r) =>
    [r.label, String(r.weight), r.group ?? '', r.code, ...(perCardWifi ? [r.wifiPassphrase ?? ''] : [])].map(csvField).join(','),
  );
  return `${[warning, header, ...lines].join('\r\n')}\r\n`;
}
