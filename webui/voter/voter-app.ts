// <voter-app>: the voter's whole journey on one page that never reloads. All state lives on the server
// (cookie session + /api/voter/state); nothing is kept in storage, so a phone whose captive-portal sheet
// closed comes straight back to where it was.
import { html, nothing } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t, formatNumber } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import { subscribe, type ConnectionState, type Stream } from '../shared/events.js';
import type { Card, VoterState } from '../shared/types.js';
import type { VoterLogin } from './voter-login.js';
import './voter-login.js';
import './voter-ballot.js';
import '../shared/lang-switch.js';

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

type Screen = 'starting' | 'login' | 'waiting' | 'ballot' | 'counted' | 'closed';

export class VoterApp extends LocalizedElement {
  static override properties = {
    phase: { state: true },
    card: { state: true },
    voterState: { state: true },
    connection: { state: true },
    notice: { state: true },
    announcement: { state: true },
  };

  phase: 'starting' | 'login' | 'in' = 'starting';
  card: Card | null = null;
  voterState: VoterState | null = null;
  connection: ConnectionState = 'open';
  notice = '';
  announcement = '';
  /** The voter's own choice, shown once on the "counted" screen and never stored. */
  private lastCast: { pollId: string; choiceText: string } | null = null;
  private stream: Stream | null = null;
  private shownScreen: Screen = 'starting';

  private readonly onHashChange = (): void => void this.start();

  override connectedCallback(): void {
    super.connectedCallback();
    // A QR scanned while this page is open may arrive as a fragment-only navigation, without a page load.
    window.addEventListener('hashchange', this.onHashChange);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.stream?.close();
  }

  /** Takes a code out of the address bar (`/#code=…`) at once, so it is not left in history. */
  private takeLinkCode(): string {
    const match = /(?:^#|&)code=([^&]+)/.exec(location.hash);
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    return safeDecode(match?.[1] ?? '');
  }

  private async start(): Promise<void> {
    const fromLink = this.takeLinkCode();
    if (!fromLink && this.phase !== 'starting') return;
    // A scanned card signs in even on a phone that already has a session (a proxy holder switching cards,
    // or the same card after the portal sheet was closed). If the server refuses — typically because this
    // very phone's session of that card is still live — the existing session, if any, is used instead.
    // The code is only ever sent in this request's body.
    let refusal: { problem: string; retryAfter: number | null } | null = null;
    if (fromLink) {
      const login = await api<{ card: Card }>('/api/voter/session', { method: 'POST', body: { code: fromLink } });
      if (login.ok) this.card = login.data.card;
      else refusal = { problem: login.code, retryAfter: login.retryAfter };
    }
    if (this.phase === 'in' && refusal) {
      // Still signed in with the card this phone had; say that the scanned one was not used.
      if (this.card) this.notice = t('linkNotUsed', { label: this.card.label });
      return;
    }
    const state = await api<VoterState>('/api/voter/state');
    if (state.ok) {
      if (state.data.card) this.card = state.data.card;
      this.enter(state.data);
      return;
    }
    this.phase = 'login';
    if (state.code === 'network') this.notice = t('error_network');
    if (refusal) {
      await this.updateComplete;
      await this.querySelector<VoterLogin>('voter-login')?.refused(fromLink, refusal.problem, refusal.retryAfter);
    }
  }

  private async signedIn(card: Card): Promise<void> {
    this.card = card;
    this.notice = '';
    const state = await api<VoterState>('/api/voter/state');
    if (state.ok) this.enter(state.data);
    else this.toLogin(t('error_network'));
  }

  private enter(state: VoterState): void {
    this.voterState = state;
    this.phase = 'in';
    this.stream?.close();
    this.stream = subscribe({
      url: '/api/voter/events',
      on: { state: (data) => { this.voterState = data as VoterState; } },
      onState: (connection) => {
        const wasLost = this.connection === 'lost';
        this.connection = connection;
        if (connection === 'lost' && !wasLost) this.announcement = t('connectionLost');
        if (connection === 'open' && wasLost) this.announcement = t('connectionBack');
      },
      onLost: async () => {
        const result = await api<VoterState>('/api/voter/state');
        if (result.ok) this.voterState = result.data;
        if (!result.ok && (result.status === 401 || result.code === 'no_event')) {
          // Signed out (card released, taken over) or the event was wiped: back to the code form.
          this.toLogin(result.code === 'no_event' ? t('error_no_event') : t('sessionEnded'));
          return false;
        }
        return true;
      },
    });
  }

  private toLogin(notice: string): void {
    this.stream?.close();
    this.stream = null;
    this.voterState = null;
    this.card = null;
    this.notice = notice;
    this.phase = 'login';
  }

  private async signOut(): Promise<void> {
    await api('/api/voter/session', { method: 'DELETE' });
    this.toLogin('');
  }

  private screen(): Screen {
    if (this.phase !== 'in') return this.phase;
    const poll = this.voterState?.poll;
    if (!poll || poll.status === 'draft') return 'waiting';
    if (poll.status === 'open') return this.voterState?.hasVoted ? 'counted' : 'ballot';
    return 'closed';
  }

  protected override updated(): void {
    const screen = this.screen();
    if (screen === this.shownScreen) return;
    const previous = this.shownScreen;
    this.shownScreen = screen;
    if (screen !== 'login' && previous !== 'starting' && previous !== 'login') this.notice = '';
    // Move focus to the new screen's heading so screen readers read it and keyboard users start at the top.
    if (previous !== 'starting') void this.focusHeading();
    const title = this.voterState?.poll?.title ?? '';
    if (screen === 'ballot') this.announcement = t('pollOpened', { title });
    else if (screen === 'closed' && previous === 'ballot') this.announcement = t('closedTitle');
    else if (screen === 'waiting' && previous !== 'starting' && previous !== 'login') this.announcement = t('waitingTitle');
  }

  private async focusHeading(): Promise<void> {
    // A child element (login, ballot) renders its heading in its own update, after this one.
    const child = this.querySelector('main > *');
    if (child && 'updateComplete' in child) await (child as LocalizedElement).updateComplete;
    this.querySelector<HTMLElement>('main h1')?.focus();
  }

  private renderScreen(screen: Screen) {
    const poll = this.voterState?.poll ?? null;
    switch (screen) {
      case 'starting':
        return html`<p class="panel" aria-busy="true">${t('loading')}</p>`;
      case 'login':
        return html`<voter-login .notice=${this.notice} @signed-in=${(e: CustomEvent<Card>) => void this.signedIn(e.detail)}></voter-login>`;
      case 'waiting':
        return html`<section class="panel" aria-labelledby="wait-title">
          <h1 id="wait-title" tabindex="-1">${t('waitingTitle')}</h1>
          <p>${t('waitingBody')}</p>
          <div class="pulse" aria-hidden="true"></div>
        </section>`;
      case 'ballot':
        return html`<voter-ballot .poll=${poll}
          @voted=${(e: CustomEvent<{ pollId: string; choiceText: string }>) => this.voted(e.detail)}
          @poll-closed=${() => void this.refresh()}
          @session-ended=${() => this.toLogin(t('sessionEnded'))}></voter-ballot>`;
      case 'counted': {
        const own = this.lastCast && this.lastCast.pollId === poll?.id ? this.lastCast.choiceText : '';
        return html`<section class="panel done" aria-labelledby="counted-title">
          <h1 id="counted-title" tabindex="-1"><span class="tick" aria-hidden="true">✓</span> ${t('countedTitle')}</h1>
          <p>${t('countedBody', { title: poll?.title ?? '' })}</p>
          ${own ? html`<p>${t('yourChoice', { choice: own })}</p>` : nothing}
          <p class="hint">${t('countedWait')}</p>
        </section>`;
      }
      case 'closed':
        return html`<section class="panel" aria-labelledby="closed-title">
          <h1 id="closed-title" tabindex="-1">${t('closedTitle')}</h1>
          <p>${t('closedBody', { title: poll?.title ?? '' })}</p>
          <p>${this.voterState?.hasVoted ? t('closedVoted') : t('closedNotVoted')}</p>
          <p class="hint">${t('countedWait')}</p>
        </section>`;
    }
  }

  private voted(detail: { pollId: string; choiceText: string }): void {
    this.lastCast = detail;
    if (this.voterState?.poll?.id === detail.pollId) this.voterState = { ...this.voterState, hasVoted: true };
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    const result = await api<VoterState>('/api/voter/state');
    if (result.ok) this.voterState = result.data;
    else if (result.status === 401) this.toLogin(t('sessionEnded'));
  }

  override render() {
    const screen = this.screen();
    const card = this.card;
    return html`<header class="bar">
        <span class="brand">${this.voterState?.event.name ?? t('appName')}</span>
        <lang-switch></lang-switch>
      </header>
      ${this.connection === 'lost' ? html`<p class="banner" role="status">${t('connectionLost')}</p>` : nothing}
      <main>
        ${this.phase === 'in' && this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
        ${this.renderScreen(screen)}
      </main>
      ${this.phase === 'in'
        ? html`<footer class="bar">
            <span>${card ? t('signedInAs', { label: card.label, weight: formatNumber(card.weight) }) : t('signedIn')}</span>
            <button type="button" class="link" @click=${() => void this.signOut()}>${t('signOut')}</button>
          </footer>`
        : nothing}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>`;
  }
}
customElements.define('voter-app', VoterApp);
