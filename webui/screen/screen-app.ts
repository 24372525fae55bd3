// <screen-app>: the projector page. Public and read-only: how to join, the open question, live turnout,
// and results only once the chair has published them. Sized in viewport units so it reads from the back.
import { html, nothing } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import { subscribe, type ConnectionState, type Stream } from '../shared/events.js';
import type { ScreenState } from '../shared/types.js';
import '../shared/lang-switch.js';
import '../shared/results-bars.js';
import '../shared/turnout-bar.js';

export class ScreenApp extends LocalizedElement {
  static override properties = {
    screenState: { state: true },
    connection: { state: true },
    noEvent: { state: true },
  };

  screenState: ScreenState | null = null;
  connection: ConnectionState = 'connecting';
  /** The event was wiped (or none is loaded): say so instead of showing a stale question. */
  noEvent = false;
  private stream: Stream | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.stream = subscribe({
      url: '/api/screen/events',
      on: { state: (data) => { this.screenState = data as ScreenState; } },
      onState: (connection) => { this.connection = connection; },
      onLost: async () => {
        await this.load();
        return true;
      },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stream?.close();
  }

  private async load(): Promise<void> {
    const result = await api<ScreenState>('/api/screen/state');
    if (result.ok) this.screenState = result.data;
    else if (result.code === 'no_event') this.noEvent = true;
    if (result.ok) this.noEvent = false;
  }

  private renderJoin(s: ScreenState) {
    const join = s.join;
    if (!join) return nothing;
    return html`<aside class="join" aria-labelledby="join-title">
      <h2 id="join-title">${t('joinTitle')}</h2>
      ${join.ssid
        ? html`<p>${t('joinWifi')}</p>
            <p class="ssid">${join.ssid}</p>
            ${join.wifiQr ? html`<img class="qr" src=${join.wifiQr} alt=${t('wifiQrAlt', { ssid: join.ssid })} />` : nothing}`
        : nothing}
      <p>${t('joinOpen')}</p>
      <p class="url">${join.url}</p>
      <img class="qr" src=${join.urlQr} alt=${t('urlQrAlt', { url: join.url })} />
      <p>${t('joinCode')}</p>
    </aside>`;
  }

  private renderStage(s: ScreenState) {
    const poll = s.poll;
    if (s.results) {
      return html`<p class="status status-published">${t('results')}</p>
        <h1 class="question question-results">${s.results.poll.title}</h1>
        <results-bars .results=${s.results}></results-bars>`;
    }
    if (!poll || poll.status === 'draft') {
      return html`<h1 class="idle">${t('noPollTitle')}</h1><p>${t('noPollBody')}</p>`;
    }
    return html`<p class="status status-${poll.status}">${poll.status === 'open' ? t('votingNow') : t('votingClosed')}</p>
      <h1 class="question">${poll.title}</h1>
      ${poll.description ? html`<p class="description">${poll.description}</p>` : nothing}
      ${poll.status !== 'open' ? html`<p>${t('resultsFollow')}</p>` : nothing}
      <h2>${t('turnout')}</h2>
      <turnout-bar .turnout=${s.turnout}></turnout-bar>`;
  }

  override render() {
    const s = this.screenState;
    return html`<header class="screen-head">
        <span class="event-name">${s?.event?.name ?? t('appName')}</span>
        <lang-switch></lang-switch>
      </header>
      ${this.connection === 'lost' && !this.noEvent ? html`<p class="banner" role="status">${t('connectionLost')}</p>` : nothing}
      ${this.noEvent
        ? html`<p class="idle">${t('noEvent')}</p>`
        : s
        ? html`<div class="screen-body">
            <main class="stage" aria-live="polite">${this.renderStage(s)}</main>
            ${this.renderJoin(s)}
          </div>`
        : html`<p class="idle">${t('loading')}</p>`}`;
  }
}
customElements.define('screen-app', ScreenApp);
