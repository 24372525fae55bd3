// The voter app's messages: only the common and voter sections, in both languages.
import * as enAll from '../shared/i18n/en.js';
import * as nlAll from '../shared/i18n/nl.js';

export const en = { ...enAll.common, ...enAll.voter };
export const nl = { ...nlAll.common, ...nlAll.voter };
