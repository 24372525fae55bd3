// <voter-login>: the code form. A typo, an unknown code and a code signed in elsewhere get different
// explanations, because each asks the voter to do something different. Fires `signed-in` with the card.
import { html, nothing } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import type { Card } from '../shared/types.js';

const KNOWN_ERRORS = new Set(['code_typo', 'unknown_code', 'code_in_use', 'rate_limited', 'no_event', 'network', 'empty']);

export class VoterLogin extends LocalizedElement {
  static override properties = {
    code: { type: String },
    notice: { type: String },
    busy: { state: true },
    error: { state: true },
    retryAfter: { state: true },
  };

  code = '';
  /** A message from the app shown above the form (e.g. "you were signed out"). */
  notice = '';
  busy = false;
  error = '';
  retryAfter = 0;

  /** Shows why a code (e.g. from a card's QR link, tried by the app) was refused, as if typed here. */
  async refused(code: string, problem: string, retryAfter: number | null): Promise<void> {
    this.code = code;
    this.error = KNOWN_ERRORS.has(problem) ? problem : 'generic';
    this.retryAfter = retryAfter ?? 30;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('#code')?.focus();
  }

  private async login(): Promise<void> {
    const code = this.code.trim();
    if (!code) {
      this.error = 'empty';
      return;
    }
    this.busy = true;
    this.error = '';
    const result = await api<{ card: Card }>('/api/voter/session', { method: 'POST', body: { code } });
    this.busy = false;
    if (result.ok) {
      this.code = '';
      this.dispatchEvent(new CustomEvent('signed-in', { detail: result.data.card, bubbles: true }));
      return;
    }
    await this.refused(code, result.code, result.retryAfter);
  }

  private errorText(): string {
    if (this.error === 'rate_limited') return t('error_rate_limited', { seconds: this.retryAfter });
    if (this.error === 'generic') return t('error_generic');
    return t(`error_${this.error}`);
  }

  override render() {
    const invalid = ['empty', 'code_typo', 'unknown_code'].includes(this.error);
    return html`<section class="panel" aria-labelledby="login-title">
      <h1 id="login-title" tabindex="-1">${t('loginTitle')}</h1>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      <p>${t('loginIntro')}</p>
      <form novalidate @submit=${(e: Event) => { e.preventDefault(); void this.login(); }}>
        <label for="code">${t('codeLabel')}</label>
        <p id="code-hint" class="hint">${t('codeHint')}</p>
        <input id="code" name="code" type="text" .value=${this.code} autocomplete="off" autocapitalize="characters"
          autocorrect="off" spellcheck="false" enterkeyhint="go" maxlength="40"
          aria-describedby=${this.error ? 'code-hint code-error' : 'code-hint'} aria-invalid=${invalid ? 'true' : 'false'}
          @input=${(e: Event) => { this.code = (e.target as HTMLInputElement).value; }} />
        ${this.error ? html`<p id="code-error" class="error" role="alert">${this.errorText()}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('signingIn') : t('signIn')}</button>
      </form>
    </section>`;
  }
}
customElements.define('voter-login', VoterLogin);
