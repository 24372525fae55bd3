// Test helper: renders cards.pdf pages with poppler's pdftoppm and decodes the QR codes at each card's
// known QR positions with jsQR, as a phone camera would read the printed card.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Box } from '../../provision/cards-layout.js';
import { CARDS_PER_PAGE, PAGE_HEIGHT, cardBox, qrBoxes } from '../../provision/cards-layout.js';

const run = promisify(execFile);

interface Png {
  width: number;
  height: number;
  data: Buffer;
}
const require = createRequire(import.meta.url);
// pngjs ships no types; this is the one call we use.
const { PNG } = require('pngjs') as { PNG: { sync: { read(buf: Buffer): Png } } };
// jsqr is CommonJS with a default-export typing that NodeNext cannot call through an ES import.
type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'dontInvert' | 'attemptBoth' }) => { data: string } | null;
const jsQR = require('jsqr') as JsQr;

export const DPI = 150;

export interface DecodedCard {
  page: number;
  slot: number;
  wifi: string | null;
  login: string | null;
}

function crop(png: Png, box: Box, pad: number): { data: Uint8ClampedArray; width: number; height: number } {
  const scale = DPI / 72;
  const x0 = Math.max(0, Math.floor(box.x * scale) - pad);
  const y0 = Math.max(0, Math.floor((PAGE_HEIGHT - box.y - box.height) * scale) - pad);
  const x1 = Math.min(png.width, Math.ceil((box.x + box.width) * scale) + pad);
  const y1 = Math.min(png.height, Math.ceil((PAGE_HEIGHT - box.y) * scale) + pad);
  const width = x1 - x0;
  const height = y1 - y0;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * png.width + x0) * 4;
    data.set(png.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { data, width, height };
}

function decode(png: Png, box: Box): string | null {
  const c = crop(png, box, 4);
  return jsQR(c.data, c.width, c.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** Decodes both QR codes of every card slot on pages first..last (1-based, inclusive). */
export async function decodeCards(pdfPath: string, first: number, last: number): Promise<DecodedCard[]> {
  const dir = await mkdtemp(join(tmpdir(), 'conclave-render-'));
  try {
    await run('pdftoppm', ['-r', String(DPI), '-png', '-f', String(first), '-l', String(last), pdfPath, join(dir, 'p')], { timeout: 120_000 });
    const files = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    const out: DecodedCard[] = [];
    for (const [i, file] of files.entries()) {
      const png = PNG.sync.read(await readFile(join(dir, file)));
      for (let slot = 0; slot < CARDS_PER_PAGE; slot++) {
        const boxes = qrBoxes(cardBox(slot));
        out.push({ page: first + i, slot, wifi: decode(png, boxes.wifi), login: decode(png, boxes.login) });
      }
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Text of one page, via poppler's pdftotext. */
export async function pageText(pdfPath: string, page: number): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdfPath, '-'], { timeout: 60_000 });
  return stdout;
}

/** codes.csv back into rows (skipping the warning line), as the organisation would read it. */
export function readCodesCsv(text: string): Array<Record<string, string>> {
  const lines = text.split(/\r\n/).filter((l) => l !== '' && !l.startsWith('#'));
  const header = (lines[0] ?? '').split(',');
  return lines.slice(1).map((line) => {
    const cells: string[] = [];
    const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const raw = m[1] ?? '';
      cells.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
      if (m[2] === '') break;
    }
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}
