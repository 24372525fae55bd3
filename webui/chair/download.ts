// Signed documents are fetched as JSON and offered as a Blob link: the console is an ordinary browser tab,
// and the chair can see the file's SHA-256 next to the link before keeping it.

export interface Download {
  url: string;
  filename: string;
  sha256: string;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  // crypto.subtle exists only in secure contexts (HTTPS or localhost), which the console always is.
  if (!globalThis.crypto?.subtle) return '';
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function makeDownload(document: unknown, filename: string): Promise<Download> {
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const bytes = new TextEncoder().encode(text);
  const blob = new Blob([bytes], { type: 'application/json' });
  return { url: URL.createObjectURL(blob), filename, sha256: await sha256Hex(bytes) };
}

export function safeName(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'event';
}
