// <chair-export>: the signed results document of the meeting, once no poll is open.
import { html, nothing } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import { makeDownload, safeName, type Download } from './download.js';

export class ChairExport extends LocalizedElement {
  static override properties = { eventName: { type: String }, download: { state: true }, error: { state: true } };

  eventName = '';
  download: Download | null = null;
  error = '';

  private async prepare(): Promise<void> {
    this.error = '';
    const result = await api<unknown>('/api/chair/results-document');
    if (!result.ok) {
      this.error = result.code === 'polls_open' ? t('error_polls_open') : result.code === 'network' ? t('error_network') : t('error_generic');
      return;
    }
    if (this.download) URL.revokeObjectURL(this.download.url);
    this.download = await makeDownload(result.data, `conclave-results-${safeName(this.eventName)}.json`);
    await this.updateComplete;
    this.querySelector<HTMLAnchorElement>('a.download')?.focus();
  }

  override render() {
    return html`<section class="card export" aria-labelledby="export-title">
      <h2 id="export-title">${t('exportTitle')}</h2>
      <p class="hint">${t('exportHint')}</p>
      <button type="button" @click=${() => void this.prepare()}>${t('prepareResults')}</button>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.download
        ? html`<p><a class="download button-like" href=${this.download.url} download=${this.download.filename}>${t('downloadFile', { name: this.download.filename })}</a></p>
            ${this.download.sha256 ? html`<p class="hint">SHA-256 <span class="mono">${this.download.sha256}</span></p>` : nothing}`
        : nothing}
    </section>`;
  }
}
customElements.define('chair-export', ChairExport);
