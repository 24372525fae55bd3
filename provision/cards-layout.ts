// Geometry of the code-card sheet, in PDF points (1/72 inch, origin bottom-left). Shared by the PDF
// renderer and the tests that render the pages and decode each card's QR codes at known places.
// A4 with eight cards (2 × 4, each about 95 × 69 mm), inside a 10 mm margin that holds the cut marks.

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 28.35;
export const COLUMNS = 2;
export const ROWS = 4;
export const CARDS_PER_PAGE = COLUMNS * ROWS;
export const CARD_WIDTH = (PAGE_WIDTH - 2 * MARGIN) / COLUMNS;
export const CARD_HEIGHT = (PAGE_HEIGHT - 2 * MARGIN) / ROWS;
export const CARD_PADDING = 10;
/** Side of a QR code including its four-module quiet zone. */
export const QR_SIZE = 78;
/** Distance from the card's top edge to the top of the QR codes. */
export const QR_TOP_OFFSET = 50;

export interface Box {
  x: number;
  /** Bottom edge (PDF coordinates). */
  y: number;
  width: number;
  height: number;
}

/** The card cell for position `index` on its page (row-major from the top left). */
export function cardBox(index: number): Box {
  const slot = index % CARDS_PER_PAGE;
  const col = slot % COLUMNS;
  const row = Math.floor(slot / COLUMNS);
  return {
    x: MARGIN + col * CARD_WIDTH,
    y: PAGE_HEIGHT - MARGIN - (row + 1) * CARD_HEIGHT,
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
  };
}

/** Where the Wi-Fi QR (left) and the login QR (right) of a card sit. */
export function qrBoxes(card: Box): { wifi: Box; login: Box } {
  const y = card.y + card.height - QR_TOP_OFFSET - QR_SIZE;
  return {
    wifi: { x: card.x + CARD_PADDING + 8, y, width: QR_SIZE, height: QR_SIZE },
    login: { x: card.x + card.width - CARD_PADDING - 8 - QR_SIZE, y, width: QR_SIZE, height: QR_SIZE },
  };
}
