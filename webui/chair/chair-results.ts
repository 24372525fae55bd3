// <chair-results>: a poll's tally with the verdict, the arithmetic behind it, turnout against present and
// entitled, and any secrecy warning the server raised before publication. Refetches when turnout or status
// changes (the overview stream tells us).
import { html, nothing, type PropertyValues } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { formatNumber, hasMessage, t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import type { PollSummary, Results } from '../shared/types.js';
import '../shared/results-bars.js';

function warningText(w: unknown): string {
  if (typeof w === 'string') return w;
  if (w && typeof w === 'object') {
    const { code, message } = w as { code?: unknown; message?: unknown };
    const key = `warning_${String(code)}`;
    if (typeof code === 'string' && hasMessage(key)) return t(key);
    if (typeof message === 'string') return message;
  }
  return JSON.stringify(w);
}

export class ChairResults extends LocalizedElement {
  static override properties = { poll: { attribute: false }, results: { state: true }, error: { state: true } };

  poll: PollSummary | null = null;
  results: Results | null = null;
  error = '';
  private fetchedFor = '';

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('poll') || !this.poll) return;
    const p = this.poll;
    const key = `${p.id}|${p.status}|${p.turnout?.heads ?? ''}|${p.turnout?.weight ?? ''}`;
    if (key === this.fetchedFor) return;
    this.fetchedFor = key;
    if (p.status === 'draft' || (p.status === 'open' && !p.liveResults)) {
      this.results = null;
      return;
    }
    void this.load(p.id);
  }

  private async load(id: string): Promise<void> {
    const result = await api<Results>(`/api/chair/polls/${encodeURIComponent(id)}/results`);
    if (result.ok) {
      this.results = result.data;
      this.error = '';
    } else {
      this.error = result.code === 'network' ? t('error_network') : t('resultsUnavailable');
    }
  }

  override render() {
    const p = this.poll;
    if (!p) return nothing;
    if (p.status === 'draft') return html`<p class="hint">${t('resultsDraft')}</p>`;
    if (p.status === 'open' && !p.liveResults) return html`<p class="hint">${t('resultsHidden')}</p>`;
    if (this.error) return html`<p class="error">${this.error}</p>`;
    const r = this.results;
    if (!r) return html`<p class="hint">${t('loading')}</p>`;
    return html`<div class="chair-results">
      ${r.warnings.length > 0
        ? html`<div class="notice secrecy" role="note"><strong>${t('secrecyWarning')}</strong>
            <ul>${r.warnings.map((w) => html`<li>${warningText(w)}</li>`)}</ul></div>`
        : nothing}
      <results-bars .results=${r}></results-bars>
      <table class="figures-table">
        <caption class="sr-only">${t('turnoutTable')}</caption>
        <thead><tr><th scope="col"></th><th scope="col">${t('headsHeader')}</th><th scope="col">${t('weightHeader')}</th></tr></thead>
        <tbody>
          ${(['cast', 'present', 'entitled'] as const).map((k) => html`<tr>
            <th scope="row">${t(`row_${k}`)}</th><td>${formatNumber(r[k].heads)}</td><td>${formatNumber(r[k].weight)}</td></tr>`)}
        </tbody>
      </table>
    </div>`;
  }
}
customElements.define('chair-results', ChairResults);
