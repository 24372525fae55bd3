// <lang-switch>: overrides the Accept-Language choice. Each language is named in itself so a voter who
// cannot read the current one still finds theirs.
import { html } from 'lit';
import { LocalizedElement } from './localized-element.js';
import { LANGS, language, setLanguage, t, type Lang } from './i18n/translator.js';

const NATIVE_NAMES: Record<Lang, string> = { nl: 'Nederlands', en: 'English' };

export class LangSwitch extends LocalizedElement {
  override render() {
    const current = language();
    return html`<nav class="lang-switch" aria-label=${t('language')}>
      ${LANGS.map(
        (lang) =>
          html`<button type="button" lang=${lang} aria-pressed=${lang === current ? 'true' : 'false'}
            @click=${() => setLanguage(lang)}>${NATIVE_NAMES[lang]}</button>`,
      )}
    </nav>`;
  }
}
customElements.define('lang-switch', LangSwitch);
