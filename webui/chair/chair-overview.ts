// <chair-overview>: presence, network load against the radio's limit, device health, and alerts.
import { html, nothing } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { formatNumber, formatTime, t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import type { Alert, Overview } from '../shared/types.js';
import '../shared/turnout-bar.js';

/** Warn when the radio is this full; the onboard radio takes few clients (DESIGN §6). */
const NEAR_LIMIT = 0.8;

export class ChairOverview extends LocalizedElement {
  static override properties = { overview: { attribute: false } };

  overview: Overview | null = null;

  private alertText(alert: Alert): string {
    const kind = alert.kind ?? alert.code ?? alert.type ?? '';
    if (kind === 'code_in_use') {
      // The server's message is English; pick the card label out of it so the alert reads in the chair's language.
      const label = alert.label ?? /\bcard (\S+)/.exec(alert.message ?? '')?.[1];
      return label ? t('alert_code_in_use', { label }) : t('alert_code_in_use_any');
    }
    return alert.message ?? alert.detail ?? kind;
  }

  private async dismiss(alert: Alert & { id?: string }): Promise<void> {
    if (alert.id) await api(`/api/chair/alerts/${encodeURIComponent(alert.id)}`, { method: 'DELETE', chair: true });
  }

  override render() {
    const o = this.overview;
    if (!o) return nothing;
    const { clients, clientLimit } = o.network;
    const near = clientLimit !== null && clientLimit > 0 && clients >= clientLimit * NEAR_LIMIT;
    const alerts = o.alerts as (Alert & { id?: string })[];
    const open = o.polls.find((p) => p.status === 'open');
    return html`<section class="card overview" aria-labelledby="overview-title">
      <h2 id="overview-title">${t('overviewTitle')}</h2>
      <dl class="figures">
        <div><dt>${t('present')}</dt>
          <dd class="present-heads">${t('ofCards', { n: formatNumber(o.cards.present), of: formatNumber(o.cards.issued) })}</dd></div>
        <div><dt>${t('presentWeight')}</dt>
          <dd class="present-weight">${t('ofWeight', { n: formatNumber(o.cards.presentWeight), of: formatNumber(o.cards.entitledWeight) })}</dd></div>
        <div><dt>${t('networkClients')}</dt>
          <dd class=${near ? 'warn-text' : ''}>${clientLimit
            ? t('ofLimit', { n: formatNumber(clients), of: formatNumber(clientLimit) })
            : formatNumber(clients)} <span class="hint">(${t(`mode_${o.network.mode}`)})</span></dd></div>
        <div><dt>${t('storage')}</dt><dd class=${o.device.storage.ok ? '' : 'warn-text'}>${o.device.storage.ok ? t('storageOk') : t('storageBad')}</dd></div>
        <div class="wide"><dt>${t('fingerprint')}</dt><dd class="mono fingerprint">${o.device.fingerprint}</dd></div>
      </dl>
      ${open?.turnout
        ? html`<h3>${t('openPollTurnout', { title: open.title })}</h3>
            <turnout-bar .turnout=${{ heads: open.turnout.heads, weight: open.turnout.weight, ofHeads: o.cards.present, ofWeight: o.cards.presentWeight }}></turnout-bar>`
        : nothing}
      ${near ? html`<p class="notice" role="status">${t('networkNearLimit', { n: formatNumber(clients), of: formatNumber(clientLimit ?? 0) })}</p>` : nothing}
      <h3>${t('alertsTitle')}</h3>
      ${alerts.length === 0
        ? html`<p class="hint">${t('noAlerts')}</p>`
        : html`<ul class="alerts" aria-live="polite">
            ${alerts.map((a) => html`<li class="alert" data-kind=${a.kind ?? a.code ?? ''}>
              <span>${a.at ? html`<time>${formatTime(a.at)}</time> ` : nothing}${this.alertText(a)}</span>
              ${a.id ? html`<button type="button" class="link" @click=${() => void this.dismiss(a)}>${t('dismiss')}</button>` : nothing}
            </li>`)}
          </ul>`}
    </section>`;
  }
}
customElements.define('chair-overview', ChairOverview);
