// <chair-cards>: releases a card's live session, for a voter whose phone died or who moved to another one.
import { html, nothing } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';

export class ChairCards extends LocalizedElement {
  static override properties = { message: { state: true }, failed: { state: true } };

  message = '';
  failed = false;

  private async release(form: HTMLFormElement): Promise<void> {
    const input = form.elements.namedItem('label') as HTMLInputElement;
    const label = input.value.trim();
    if (!label) return;
    const result = await api(`/api/chair/cards/${encodeURIComponent(label)}/release`, { method: 'POST', chair: true, body: {} });
    this.failed = !result.ok;
    this.message = result.ok
      ? t('released', { label })
      : result.code === 'no_card'
        ? t('error_no_card', { label })
        : t('error_generic');
    if (result.ok) input.value = '';
  }

  override render() {
    return html`<section class="card cards" aria-labelledby="cards-title">
      <h2 id="cards-title">${t('releaseTitle')}</h2>
      <p class="hint">${t('releaseHint')}</p>
      <form class="inline" @submit=${(e: Event) => { e.preventDefault(); void this.release(e.target as HTMLFormElement); }}>
        <label for="release-label">${t('cardLabel')}</label>
        <input id="release-label" name="label" type="text" autocomplete="off" />
        <button type="submit">${t('release')}</button>
      </form>
      ${this.message ? html`<p class=${this.failed ? 'error' : 'ok'} role="status">${this.message}</p>` : nothing}
    </section>`;
  }
}
customElements.define('chair-cards', ChairCards);
