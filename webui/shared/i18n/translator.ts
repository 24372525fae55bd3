// Language choice and message lookup shared by the three apps. Accept-Language decides (browsers expose it
// as navigator.languages); a switch overrides it for this browser through a cookie, because captive-portal
// sheets on iOS and Android may not keep localStorage. Components re-render on a change through
// `onLanguageChange` (see localized-element.ts).
import type { Weight } from '../types.js';

export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];
const COOKIE = 'conclave_lang';

export type Catalogue = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;

let current: Lang = 'en';
let catalogues: Record<Lang, Catalogue> = { nl: {}, en: {} };
const listeners = new Set<() => void>();

export function detectLanguage(): Lang {
  const cookie = /(?:^|;\s*)conclave_lang=(nl|en)(?:;|$)/.exec(document.cookie);
  if (cookie) return cookie[1] as Lang;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'en') return base;
  }
  return 'en';
}

/** Installs the app's catalogues and picks the language; call once before the first render. */
export function initI18n(byLang: Record<Lang, Catalogue>): Lang {
  catalogues = byLang;
  current = detectLanguage();
  document.documentElement.lang = current;
  return current;
}

export function language(): Lang {
  return current;
}

export function setLanguage(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  document.documentElement.lang = lang;
  document.cookie = `${COOKIE}=${lang}; path=/; max-age=31536000; SameSite=Strict`;
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasMessage(key: string): boolean {
  return key in catalogues[current];
}

/**
 * Looks a key up in the current language; `{name}` placeholders are filled from params. A missing key is
 * reported on the console (the browser tests fail on console errors) and shows the English text or the key.
 */
export function t(key: string, params?: Params): string {
  let template = catalogues[current][key];
  if (template === undefined) {
    console.error(`conclave: missing message "${key}" in ${current}`);
    template = catalogues.en[key] ?? key;
  }
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function locale(): string {
  return current === 'nl' ? 'nl-NL' : 'en-GB';
}

/** Integers, including weights sent as decimal strings beyond 2^53, with the locale's grouping. */
export function formatNumber(value: Weight | bigint): string {
  const nf = new Intl.NumberFormat(locale());
  if (typeof value === 'string') {
    return /^-?\d+$/.test(value) ? nf.format(BigInt(value)) : value;
  }
  return nf.format(value);
}

export function formatPercent(fraction: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(date);
}

/** Share of two weights as a float, exact enough for a bar or a percentage. */
export function share(part: Weight, whole: Weight): number {
  const w = Number(whole);
  if (!(w > 0)) return 0;
  return Math.min(1, Math.max(0, Number(part) / w));
}
