// <results-bars>: a tally as horizontal bars (share of cast weight) with weight and head counts, and the
// verdict with its arithmetic. Used by the projector screen and the chair console.
import { html, nothing } from 'lit';
import { LocalizedElement } from './localized-element.js';
import { barWidth } from './bar-width.js';
import { formatNumber, formatPercent, share, t } from './i18n/translator.js';
import { optionLabel } from './option-label.js';
import type { Results } from './types.js';

export class ResultsBars extends LocalizedElement {
  static override properties = { results: { attribute: false } };

  results: Results | null = null;

  override render() {
    const r = this.results;
    if (!r) return nothing;
    const total = r.tally.reduce((sum, row) => sum + Number(row.weight), 0);
    return html`<div class="results">
      <ul class="tally">
        ${r.tally.map((row) => {
          const part = share(row.weight, total);
          return html`<li class="tally-row" data-option=${row.optionId}>
            <span class="tally-label">${optionLabel({ id: row.optionId, label: row.label })}</span>
            <span class="tally-numbers">${formatPercent(part)} · ${t('weightOf', { n: formatNumber(row.weight) })} · ${t(row.heads === 1 ? 'headsOne' : 'headsMany', { n: formatNumber(row.heads) })}</span>
            <div class="bar-track" role="presentation"><div class="bar-fill" ${barWidth(part)}></div></div>
          </li>`;
        })}
      </ul>
      <p class="cast">${t('cast', { heads: formatNumber(r.cast.heads), weight: formatNumber(r.cast.weight) })}</p>
      <p class="verdict verdict-${r.verdict.outcome}" data-outcome=${r.verdict.outcome}>
        <strong>${t(`outcome_${r.verdict.outcome}`)}</strong>
      </p>
      ${r.verdict.explanation ? html`<p class="explanation">${r.verdict.explanation}</p>` : nothing}
    </div>`;
  }
}
customElements.define('results-bars', ResultsBars);
