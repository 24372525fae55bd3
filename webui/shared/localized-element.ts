// Base class for every Conclave element. Elements render into the light DOM so one hashed stylesheet per
// app styles them (the CSP allows only 'self' styles, and one sheet is smaller than per-element copies),
// and they re-render when the language switch changes.
import { LitElement } from 'lit';
import { onLanguageChange } from './i18n/translator.js';

export class LocalizedElement extends LitElement {
  private stopListening: (() => void) | null = null;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopListening = onLanguageChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
    this.stopListening = null;
  }
}
