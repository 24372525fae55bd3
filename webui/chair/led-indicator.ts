// <led-indicator>: mirrors the appliance's LED so the chair sees what the box signals (DESIGN §8).
import { html } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t } from '../shared/i18n/translator.js';

const KNOWN = new Set(['heartbeat', 'on', 'slow_blink', 'fast_blink', 'very_fast_blink', 'off', 'sos']);

/** The LED patterns may be spelt with dashes or underscores; fold them to one spelling. */
export function ledKey(pattern: string): string {
  const key = pattern.toLowerCase().replace(/[-\s]+/g, '_');
  return key === 'very_fast' ? 'very_fast_blink' : key;
}

export class LedIndicator extends LocalizedElement {
  static override properties = { pattern: { type: String } };

  pattern = '';

  override render() {
    const key = ledKey(this.pattern);
    const label = KNOWN.has(key) ? t(`led_${key}`) : this.pattern;
    return html`<span class="led" data-pattern=${key}>
      <span class="led-dot led-${key}" aria-hidden="true"></span>
      <span>${t('ledLabel')}: <strong class="led-text">${label}</strong></span>
    </span>`;
  }
}
customElements.define('led-indicator', LedIndicator);
