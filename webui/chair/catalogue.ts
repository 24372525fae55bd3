// The chair console's messages: the common, chair and screen sections (it embeds results bars), both languages.
import * as enAll from '../shared/i18n/en.js';
import * as nlAll from '../shared/i18n/nl.js';

export const en = { ...enAll.common, ...enAll.screen, ...enAll.chair };
export const nl = { ...nlAll.common, ...nlAll.screen, ...nlAll.chair };
