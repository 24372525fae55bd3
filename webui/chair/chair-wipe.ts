// <chair-wipe>: erases the event after the meeting. The chair types the event name to confirm (the same
// deliberate step as the button's long press), and receives the signed attestation to keep.
import { html, nothing, type PropertyValues } from 'lit';
import { LocalizedElement } from '../shared/localized-element.js';
import { t } from '../shared/i18n/translator.js';
import { api } from '../shared/api.js';
import { makeDownload, safeName, type Download } from './download.js';

export interface Attestation {
  device?: { fingerprint?: string };
  event?: { name?: string };
  signature?: { publicKeyFingerprint?: string };
  outcome?: 'wiped' | 'incomplete';
  statement?: string;
}

export class ChairWipe extends LocalizedElement {
  static override properties = {
    eventName: { type: String },
    typed: { state: true },
    busy: { state: true },
    error: { state: true },
    attestation: { attribute: false },
    download: { state: true },
    fingerprint: { state: true },
    incomplete: { state: true },
  };

  eventName = '';
  typed = '';
  busy = false;
  error = '';
  /** Set after a wipe, from this form or (after a wipe by the button) by the app. */
  attestation: Attestation | null = null;
  download: Download | null = null;
  fingerprint = '';
  /** The device reported that the wipe did not complete; the chair must not be told otherwise. */
  incomplete = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('attestation') && this.attestation && !this.download) void this.offer(this.attestation);
  }

  private async offer(attestation: Attestation): Promise<void> {
    this.fingerprint = attestation.device?.fingerprint ?? attestation.signature?.publicKeyFingerprint ?? '';
    this.incomplete = attestation.outcome === 'incomplete' ? attestation.statement ?? t('wipeIncomplete') : '';
    const name = attestation.event?.name ?? this.eventName;
    this.download = await makeDownload(attestation, `conclave-wipe-attestation-${safeName(name)}.json`);
    await this.updateComplete;
    this.querySelector<HTMLElement>('#wipe-done')?.focus();
  }

  private async wipe(): Promise<void> {
    if (this.typed !== this.eventName) {
      this.error = t('error_confirm_mismatch');
      return;
    }
    this.busy = true;
    this.error = '';
    const result = await api<Attestation>('/api/chair/wipe', { method: 'POST', chair: true, body: { confirm: this.typed } });
    this.busy = false;
    if (!result.ok) {
      this.error = result.code === 'confirm_mismatch' ? t('error_confirm_mismatch') : result.code === 'network' ? t('error_network') : t('error_generic');
      return;
    }
    this.dispatchEvent(new CustomEvent('wiped', { bubbles: true }));
    await this.offer(result.data);
  }

  override render() {
    if (this.download) {
      return html`<section class=${this.incomplete ? 'card wipe' : 'card wipe done'} aria-labelledby="wipe-done">
        <h2 id="wipe-done" tabindex="-1">${this.incomplete ? t('wipeIncomplete') : t('wipedTitle')}</h2>
        ${this.incomplete ? html`<p class="error" role="alert">${this.incomplete}</p>` : nothing}
        <p>${t('wipedBody')}</p>
        <p><a class="download button-like" href=${this.download.url} download=${this.download.filename}>${t('downloadAttestation')}</a></p>
        <dl class="figures">
          ${this.fingerprint ? html`<div class="wide"><dt>${t('fingerprint')}</dt><dd class="mono attestation-fingerprint">${this.fingerprint}</dd></div>` : nothing}
          ${this.download.sha256 ? html`<div class="wide"><dt>${t('attestationDigest')}</dt><dd class="mono attestation-digest">${this.download.sha256}</dd></div>` : nothing}
        </dl>
        <p class="hint">${t('verifyHint')}</p>
      </section>`;
    }
    return html`<section class="card wipe" aria-labelledby="wipe-title">
      <h2 id="wipe-title">${t('wipeTitle')}</h2>
      <p>${t('wipeWarning')}</p>
      <form @submit=${(e: Event) => { e.preventDefault(); void this.wipe(); }}>
        <label for="wipe-confirm">${t('wipeConfirmLabel', { name: this.eventName })}</label>
        <input id="wipe-confirm" name="confirm" type="text" autocomplete="off" spellcheck="false" .value=${this.typed}
          @input=${(e: Event) => { this.typed = (e.target as HTMLInputElement).value; }} />
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button class="primary danger" type="submit" ?disabled=${this.busy || this.typed !== this.eventName}>${this.busy ? t('wiping') : t('wipeButton')}</button>
      </form>
    </section>`;
  }
}
customElements.define('chair-wipe', ChairWipe);
