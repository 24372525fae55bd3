// What goes on one printed card, from the event's network settings: shared by `event` (all cards) and
// `reprint` (a lost or spoiled card), so a reprinted card is identical to the original.
import type { PrintedCard } from './cards-pdf.js';
import { loginUrl, wifiQrPayload } from '../firmware/config/qr-payloads.js';

export interface PrintSettings {
  host: string;
  https: boolean;
  /** The SSID in the card's Wi-Fi QR; absent when the cards do not describe the network (venue mode without --ssid). */
  ssid?: string;
  /** The shared Wi-Fi passphrase (absent with per-card Wi-Fi, or for an open network). */
  sharedPassphrase?: string;
  printWeight: boolean;
}

export interface CardSecrets {
  label: string;
  weight: number;
  code: string;
  /** Per-card Wi-Fi passphrase. */
  wifiPassphrase?: string;
}

export function printedCard(card: CardSecrets, s: PrintSettings): PrintedCard {
  const pass = card.wifiPassphrase ?? s.sharedPassphrase;
  return {
    label: card.label,
    code: card.code,
    loginPayload: loginUrl(s.host, card.code, s.https),
    ...(s.ssid !== undefined ? { wifiPayload: wifiQrPayload(s.ssid, pass) } : {}),
    ...(s.ssid !== undefined && pass !== undefined ? { wifiPassphrase: pass } : {}),
    ...(s.printWeight ? { weight: card.weight } : {}),
  };
}
