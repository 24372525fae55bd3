// Warnings shown to the chair before publishing results that would reveal how an individual voted.
import type { Tally } from './types.js';

export interface SecrecyWarning {
  code: 'single_voter' | 'dominant_weight' | 'unanimous' | 'single_voter_option';
  message: string;
}

/**
 * `voterWeights` are the weights of the cards on the roll (who voted, not how): enough to tell whether one
 * card alone decided the outcome.
 */
export function secrecyWarnings(tally: Tally, voterWeights: number[]): SecrecyWarning[] {
  const warnings: SecrecyWarning[] = [];
  const heads = tally.cast.heads;
  if (heads === 0) return warnings;
  if (heads === 1) {
    warnings.push({ code: 'single_voter', message: 'only one card voted: the result shows how that card voted' });
    return warnings;
  }
  const castWeight = BigInt(tally.cast.weight);
  const max = voterWeights.reduce((m, v) => (v > m ? v : m), 0);
  if (BigInt(max) * 2n > castWeight) {
    warnings.push({ code: 'dominant_weight', message: 'one card holds more than half of the cast weight: the weights reveal its choice' });
  }
  const chosen = Object.values(tally.options).filter((m) => m.heads > 0);
  if (chosen.length === 1 && chosen[0]?.heads === heads) {
    warnings.push({ code: 'unanimous', message: 'every card made the same choice: the result shows how each card voted' });
  }
  if (Object.values(tally.options).some((m) => m.heads === 1)) {
    warnings.push({ code: 'single_voter_option', message: 'an option was chosen by exactly one card: its weight may identify that card' });
  }
  return warnings;
}
