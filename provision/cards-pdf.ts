// The printable code cards (cards.pdf): A4 sheets of eight cards with cut marks. Each card carries the
// event name, the card label, the code in a large monospace (Crockford's alphabet already leaves out
// I, L, O and U), the Wi-Fi QR, the login QR and short instructions in the event's languages.
// QR codes are drawn as vector rectangles (one per run of dark modules) so they stay sharp at any
// print resolution and the file stays small.
import QRCode from 'qrcode';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { Box } from './cards-layout.js';
import { CARD_HEIGHT, CARD_PADDING, CARD_WIDTH, CARDS_PER_PAGE, COLUMNS, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, ROWS, cardBox, qrBoxes } from './cards-layout.js';
import type { Language } from './card-texts.js';
import { CARD_TEXTS } from './card-texts.js';

export interface PrintedCard {
  label: string;
  code: string;
  loginPayload: string;
  /** Absent when voters join a network the cards do not describe (venue mode without an SSID). */
  wifiPayload?: string;
  /** Printed under the Wi-Fi QR for phones that cannot scan. */
  wifiPassphrase?: string;
  /** Printed only when the technician asked for it (--print-weight). */
  weight?: number;
}

export interface CardsDocumentInput {
  eventName: string;
  languages: Language[];
  ssid?: string;
  portalUrl: string;
  cards: PrintedCard[];
}

export interface CardsPdf {
  bytes: Uint8Array;
  pages: number;
  /** Characters the PDF's standard fonts cannot show and were printed as "?" (e.g. some non-Latin scripts). */
  replacedCharacters: string[];
}

const GREY = rgb(0.4, 0.4, 0.4);
const BLACK = rgb(0, 0, 0);

/** Standard PDF fonts cover WinAnsi only; anything else is shown as "?" (and reported) rather than failing. */
class SafeText {
  private readonly ok = new Map<string, boolean>();
  readonly replaced = new Set<string>();
  constructor(private readonly font: PDFFont) {}
  clean(text: string): string {
    let out = '';
    for (const ch of text.normalize('NFC')) {
      let good = this.ok.get(ch);
      if (good === undefined) {
        try {
          this.font.encodeText(ch);
          good = true;
        } catch {
          good = false;
        }
        this.ok.set(ch, good);
      }
      if (good) out += ch;
      else {
        this.replaced.add(ch);
        out += '?';
      }
    }
    return out;
  }
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

/** Shrinks the font (down to `min`) and then truncates so the text fits `width`. */
function fit(font: PDFFont, text: string, size: number, width: number, min = size * 0.7): { text: string; size: number } {
  let s = size;
  while (s > min && font.widthOfTextAtSize(text, s) > width) s -= 0.25;
  let t = text;
  while (t.length > 1 && font.widthOfTextAtSize(t, s) > width) t = `${t.slice(0, -2)}…`;
  return { text: t, size: s };
}

/**
 * The operators that paint a QR code: one rectangle per run of dark modules, filled in one go. Written as
 * raw content-stream text (and compressed with Node's zlib) rather than through pdf-lib's operator objects:
 * with thousands of rectangles per page that is most of the time spent on a 2000-card event.
 */
export function qrOperators(payload: string, box: Box): string {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const m = box.width / (n + 2 * quiet);
  const top = box.y + box.height;
  const num = (v: number) => (Math.round(v * 1000) / 1000).toString();
  // A hair of overlap between rows keeps renderers from drawing seams between adjacent modules.
  const h = num(m + 0.05);
  const parts: string[] = ['q 0 0 0 rg'];
  for (let r = 0; r < n; r++) {
    const y = num(top - (quiet + r + 1) * m);
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      parts.push(`${num(box.x + (quiet + start) * m)} ${y} ${num((c - start) * m)} ${h} re`);
    }
  }
  parts.push('f Q');
  return parts.join('\n');
}

function addRawContent(pdf: PDFDocument, page: PDFPage, operators: string[]): void {
  if (operators.length === 0) return;
  const stream = pdf.context.stream(deflateSync(Buffer.from(operators.join('\n'), 'latin1')), { Filter: 'FlateDecode' });
  page.node.addContentStream(pdf.context.register(stream));
}

function drawCutMarks(page: PDFPage): void {
  const len = MARGIN - 8;
  const thickness = 0.4;
  for (let col = 0; col <= COLUMNS; col++) {
    const x = MARGIN + col * CARD_WIDTH;
    page.drawLine({ start: { x, y: 2 }, end: { x, y: 2 + len }, thickness, color: BLACK });
    page.drawLine({ start: { x, y: PAGE_HEIGHT - 2 }, end: { x, y: PAGE_HEIGHT - 2 - len }, thickness, color: BLACK });
  }
  for (let row = 0; row <= ROWS; row++) {
    const y = PAGE_HEIGHT - MARGIN - row * CARD_HEIGHT;
    page.drawLine({ start: { x: 2, y }, end: { x: 2 + len, y }, thickness, color: BLACK });
    page.drawLine({ start: { x: PAGE_WIDTH - 2, y }, end: { x: PAGE_WIDTH - 2 - len, y }, thickness, color: BLACK });
  }
}

function drawCard(page: PDFPage, qrOps: string[], fonts: Fonts, safe: SafeText, doc: CardsDocumentInput, card: PrintedCard, box: Box): void {
  const left = box.x + CARD_PADDING;
  const inner = box.width - 2 * CARD_PADDING;
  const top = box.y + box.height;
  const langs = doc.languages;
  const texts = langs.map((l) => CARD_TEXTS[l]);
  const both = (pick: (t: (typeof texts)[number]) => string) => [...new Set(texts.map(pick))].join(' / ');

  const label = safe.clean(card.label);
  const labelSize = 12;
  const labelWidth = fonts.bold.widthOfTextAtSize(label, labelSize);
  page.drawText(label, { x: left + inner - labelWidth, y: top - 20, size: labelSize, font: fonts.bold });
  const name = fit(fonts.regular, safe.clean(doc.eventName), 8, inner - labelWidth - 8);
  page.drawText(name.text, { x: left, y: top - 19, size: name.size, font: fonts.regular, color: GREY });
  if (card.weight !== undefined) {
    const w = `${both((t) => t.weight)}: ${card.weight.toLocaleString(langs[0] === 'en' ? 'en-GB' : 'nl-NL')}`;
    const wf = fit(fonts.regular, w, 7, inner);
    page.drawText(wf.text, { x: left, y: top - 29, size: wf.size, font: fonts.regular });
  }
  const codeSize = 18;
  const codeWidth = fonts.mono.widthOfTextAtSize(card.code, codeSize);
  page.drawText(card.code, { x: box.x + (box.width - codeWidth) / 2, y: top - 44, size: codeSize, font: fonts.mono });

  const qr = qrBoxes(box);
  const captionY = qr.login.y - 6;
  // Captions run from the card's edge towards the middle (wider than the QR code above them), so a
  // 32-byte SSID or a long host name fits; a long passphrase is wrapped, never cut: it must be typeable.
  const captionWidth = inner / 2 + 12;
  const caption = (text: string, y: number, font: PDFFont, size: number, align: 'left' | 'right', min = size * 0.7) => {
    const f = fit(font, safe.clean(text), size, captionWidth, min);
    const x = align === 'left' ? left : left + inner - font.widthOfTextAtSize(f.text, f.size);
    page.drawText(f.text, { x, y, size: f.size, font });
  };
  if (card.wifiPayload !== undefined) {
    qrOps.push(qrOperators(card.wifiPayload, qr.wifi));
    caption(`${both((t) => t.wifiCaption)}: ${doc.ssid ?? ''}`, captionY, fonts.regular, 7, 'left', 4.5);
    if (card.wifiPassphrase !== undefined) {
      caption(`${both((t) => t.passphraseCaption)}:`, captionY - 8, fonts.regular, 6, 'left');
      const pass = card.wifiPassphrase;
      const perChar = fonts.mono.widthOfTextAtSize('M', 1);
      const oneLine = Math.min(7.5, captionWidth / (perChar * pass.length));
      if (oneLine >= 5.5) page.drawText(pass, { x: left, y: captionY - 16, size: oneLine, font: fonts.mono });
      else {
        // Break at the space nearest the middle (a break inside a word reads as a space that is not there).
        const mid = Math.ceil(pass.length / 2);
        const spaces = [...pass].map((c, i) => (c === ' ' ? i : -1)).filter((i) => i > 0 && Math.abs(i - mid) <= 10);
        const cut = spaces.sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid))[0];
        const [first, second] = cut === undefined ? [pass.slice(0, mid), pass.slice(mid)] : [pass.slice(0, cut + 1), pass.slice(cut + 1)];
        const size = Math.min(7.5, captionWidth / (perChar * Math.max(first.length, second.length)));
        page.drawText(first, { x: left, y: captionY - 16, size, font: fonts.mono });
        page.drawText(second, { x: left, y: captionY - 16 - size - 1, size, font: fonts.mono });
      }
    }
  }
  qrOps.push(qrOperators(card.loginPayload, qr.login));
  caption(both((t) => t.loginCaption), captionY, fonts.regular, 7, 'right');
  caption(doc.portalUrl, captionY - 8, fonts.regular, 6, 'right', 4);

  const lines = texts.flatMap((t) => [
    card.wifiPayload !== undefined ? t.joinWifi(doc.ssid ?? '') : t.joinNetwork,
    t.logIn(doc.portalUrl),
  ]);
  const lineHeight = 7.2;
  let y = box.y + 6 + (lines.length - 1) * lineHeight;
  for (const line of lines) {
    const f = fit(fonts.regular, safe.clean(line), 6, inner, 4.5);
    page.drawText(f.text, { x: left, y, size: f.size, font: fonts.regular });
    y -= lineHeight;
  }
}

export async function renderCardsPdf(doc: CardsDocumentInput): Promise<CardsPdf> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${doc.eventName} — code cards`);
  pdf.setCreator('conclave-provision');
  pdf.setProducer('conclave-provision');
  // Fixed dates keep the file free of the provisioning time (and byte-identical for the same input).
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    mono: await pdf.embedFont(StandardFonts.CourierBold),
  };
  const safe = new SafeText(fonts.regular);
  for (let first = 0; first < doc.cards.length; first += CARDS_PER_PAGE) {
    const page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    drawCutMarks(page);
    const qrOps: string[] = [];
    doc.cards.slice(first, first + CARDS_PER_PAGE).forEach((card, i) => drawCard(page, qrOps, fonts, safe, doc, card, cardBox(i)));
    addRawContent(pdf, page, qrOps);
  }
  const bytes = await pdf.save({ useObjectStreams: true });
  return { bytes, pages: pdf.getPageCount(), replacedCharacters: [...safe.replaced] };
}
