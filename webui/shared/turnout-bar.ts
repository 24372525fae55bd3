// <turnout-bar>: how many cards (and how much weight) have voted in the open poll, out of those present.
import { html, nothing } from 'lit';
import { LocalizedElement } from './localized-element.js';
import { barWidth } from './bar-width.js';
import { formatNumber, share, t } from './i18n/translator.js';
import type { Weight } from './types.js';

export interface TurnoutFigures {
  heads: number;
  weight: Weight;
  ofHeads: number;
  ofWeight: Weight;
}

export class TurnoutBar extends LocalizedElement {
  static override properties = { turnout: { attribute: false } };

  turnout: TurnoutFigures | null = null;

  override render() {
    const tu = this.turnout;
    if (!tu) return nothing;
    const part = share(tu.weight, tu.ofWeight);
    return html`<div class="turnout">
      <p class="turnout-heads">${t('turnoutHeads', { n: formatNumber(tu.heads), of: formatNumber(tu.ofHeads) })}</p>
      <div class="bar-track" role="progressbar" aria-label=${t('turnout')} aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${Math.round(part * 100)}>
        <div class="bar-fill" ${barWidth(part)}></div>
      </div>
      <p class="turnout-weight">${t('turnoutWeight', { n: formatNumber(tu.weight), of: formatNumber(tu.ofWeight) })}</p>
    </div>`;
  }
}
customElements.define('turnout-bar', TurnoutBar);
