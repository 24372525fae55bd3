// Motion options and the blank vote have fixed ids; their labels follow the reader's language rather than
// the language the poll was created in.
import { t } from './i18n/translator.js';
import type { PollOption } from './types.js';

const FIXED = new Set(['for', 'against', 'abstain', 'blank']);

export function optionLabel(option: Pick<PollOption, 'id' | 'label'>): string {
  return FIXED.has(option.id) ? t(`option_${option.id}`) : option.label;
}
