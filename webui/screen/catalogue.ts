// The projector screen's messages: the common and screen sections, in both languages.
import * as enAll from '../shared/i18n/en.js';
import * as nlAll from '../shared/i18n/nl.js';

export const en = { ...enAll.common, ...enAll.screen };
export const nl = { ...nlAll.common, ...nlAll.screen };
