// <chair-login>: the chair's passphrase. The console's clock goes along because the Pi has no clock of
// its own; the server records it as the declared time source (DESIGN §9).
import { html, nothing } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';

export class ChairLogin extends LocalizedElement {
  static override properties = { busy: { state: true }, error: { state: true } };

  busy = false;
  error = '';

  private async login(form: HTMLFormElement): Promise<void> {
    const input = form.elements.namedItem('passphrase') as HTMLInputElement;
    if (!input.value) {
      this.error = t('error_empty_passphrase');
      return;
    }
    this.busy = true;
    this.error = '';
    const result = await api('/api/chair/session', {
      method: 'POST',
      chair: true,
      body: { passphrase: input.value, clock: new Date().toISOString() },
    });
    this.busy = false;
    if (result.ok) {
      input.value = '';
      this.dispatchEvent(new CustomEvent('signed-in', { bubbles: true }));
      return;
    }
    this.error =
      result.code === 'rate_limited'
        ? t('error_rate_limited_chair', { seconds: result.retryAfter ?? 30 })
        : ['bad_passphrase', 'no_event', 'network'].includes(result.code)
          ? t(`error_${result.code}`)
          : t('error_generic');
    input.select();
  }

  override render() {
    return html`<section class="card login" aria-labelledby="chair-login-title">
      <h1 id="chair-login-title">${t('chairLoginTitle')}</h1>
      <form @submit=${(e: Event) => { e.preventDefault(); void this.login(e.target as HTMLFormElement); }}>
        <label for="passphrase">${t('passphrase')}</label>
        <input id="passphrase" name="passphrase" type="password" autocomplete="current-password" required
          aria-describedby=${this.error ? 'passphrase-error' : nothing} />
        ${this.error ? html`<p id="passphrase-error" class="error" role="alert">${this.error}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${t('signIn')}</button>
      </form>
    </section>`;
  }
}
customElements.define('chair-login', ChairLogin);
