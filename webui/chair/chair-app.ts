// <chair-app>: the chair console. Everything on it follows the server's `overview` stream, so a second
// console (or the physical button) changing something shows up here without a reload.
import { html, nothing } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import { subscribe, type ConnectionState, type Stream } from '../shared/events.js';
import type { Overview } from '../shared/types.js';
import type { Attestation } from './chair-wipe.js';
import { ledKey } from './led-indicator.js';
import '../shared/lang-switch.js';
import './chair-login.js';
import './chair-overview.js';
import './chair-agenda.js';
import './chair-poll-form.js';
import './chair-cards.js';
import './chair-export.js';
import './chair-wipe.js';
import './led-indicator.js';

export class ChairApp extends LocalizedElement {
  static override properties = {
    phase: { state: true },
    overview: { state: true },
    led: { state: true },
    connection: { state: true },
    wiped: { state: true },
    attestation: { state: true },
  };

  phase: 'starting' | 'login' | 'console' = 'starting';
  overview: Overview | null = null;
  led = '';
  connection: ConnectionState = 'connecting';
  wiped = false;
  attestation: Attestation | null = null;
  private stream: Stream | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stream?.close();
  }

  private async load(): Promise<boolean> {
    const result = await api<Overview>('/api/chair/overview');
    if (result.ok) {
      this.apply(result.data);
      if (this.phase !== 'console') {
        this.phase = 'console';
        this.listen();
      }
      return true;
    }
    if (result.code === 'no_event') return this.afterWipe();
    if (result.status === 401 || result.status === 403 || this.phase === 'starting') {
      this.stream?.close();
      this.stream = null;
      this.phase = 'login';
      return false;
    }
    return true;
  }

  /**
   * No event: it was wiped (by this console, another one or the button), or none was ever loaded. A signed-in
   * chair still gets the attestation; otherwise the login form explains that no event is loaded.
   */
  private async afterWipe(): Promise<boolean> {
    const attestation = await api<Attestation>('/api/chair/attestation');
    if (attestation.ok) {
      this.attestation = attestation.data;
      this.phase = 'console';
      this.wipeDone();
    } else {
      this.stream?.close();
      this.stream = null;
      this.phase = 'login';
    }
    return false;
  }

  private apply(overview: Overview): void {
    this.overview = overview;
    this.led = overview.device.led;
  }

  private listen(): void {
    this.stream?.close();
    this.stream = subscribe({
      url: '/api/chair/events',
      on: {
        overview: (data) => this.apply(data as Overview),
        led: (data) => {
          this.led = (data as { pattern: string }).pattern;
          // The LED goes dark when the event is wiped, also by the button: look whether that happened.
          if (ledKey(this.led) === 'off') void this.load();
        },
      },
      onState: (connection) => { this.connection = connection; },
      onLost: async () => (this.wiped ? false : this.load()),
    });
  }

  private wipeDone(): void {
    this.wiped = true;
    this.stream?.close();
    this.stream = null;
  }

  private async signOut(): Promise<void> {
    await api('/api/chair/session', { method: 'DELETE', chair: true });
    this.stream?.close();
    this.stream = null;
    this.phase = 'login';
  }

  override render() {
    const header = html`<header class="chair-head">
      <span class="brand">${this.overview?.event?.name ?? t('appName')} · ${t('chairConsole')}</span>
      ${this.phase === 'console' && !this.wiped ? html`<led-indicator .pattern=${this.led}></led-indicator>` : nothing}
      <lang-switch></lang-switch>
      ${this.phase === 'console' && !this.wiped ? html`<button type="button" class="link" @click=${() => void this.signOut()}>${t('signOut')}</button>` : nothing}
    </header>`;
    if (this.phase === 'starting') return html`${header}<main><p>${t('loading')}</p></main>`;
    if (this.phase === 'login') return html`${header}<main><chair-login @signed-in=${() => void this.load()}></chair-login></main>`;
    const o = this.overview;
    const name = o?.event?.name ?? '';
    return html`${header}
      ${this.connection === 'lost' && !this.wiped ? html`<p class="banner" role="status">${t('connectionLost')}</p>` : nothing}
      <main class="console">
        ${this.wiped
          ? nothing
          : html`<div class="column">
                <chair-overview .overview=${o}></chair-overview>
                <chair-cards></chair-cards>
                <chair-export .eventName=${name}></chair-export>
              </div>
              <div class="column wide">
                <chair-agenda .polls=${o?.polls ?? []} @changed=${() => void this.load()}></chair-agenda>
                <chair-poll-form @changed=${() => void this.load()}></chair-poll-form>
              </div>`}
        <div class="column">
          <chair-wipe .eventName=${name} .attestation=${this.attestation} @wiped=${() => this.wipeDone()}></chair-wipe>
        </div>
      </main>`;
  }
}
customElements.define('chair-app', ChairApp);
