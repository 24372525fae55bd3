// Ballot validation and adding a validated ballot to the aggregate ballot box.
import { err, ok, type Result } from '../result.js';
import { optionIds } from './poll.js';
import { BLANK_OPTION_ID, type Poll, type Tally } from './types.js';

export type BallotError = { code: 'invalid_choice'; detail: string };

export function validateChoices(poll: Poll, choices: string[]): Result<string[], BallotError> {
  const bad = (detail: string) => err<BallotError>({ code: 'invalid_choice', detail });
  const allowed = new Set(optionIds(poll));
  if (new Set(choices).size !== choices.length) return bad('an option may be chosen only once');
  for (const c of choices) if (!allowed.has(c)) return bad('unknown option');
  if (choices.includes(BLANK_OPTION_ID)) {
    if (choices.length !== 1) return bad('a blank vote cannot be combined with other choices');
    return ok(choices);
  }
  if (choices.length < poll.minChoices) return bad(`choose at least ${poll.minChoices}`);
  if (choices.length > poll.maxChoices) return bad(`choose at most ${poll.maxChoices}`);
  return ok(choices);
}

export function emptyTally(poll: Poll): Tally {
  const options: Tally['options'] = {};
  for (const id of optionIds(poll)) options[id] = { weight: '0', heads: 0 };
  return { options, cast: { weight: '0', heads: 0 } };
}

/** A new tally with one ballot of `weight` added; `choices` must have been validated. */
export function addBallot(tally: Tally, choices: string[], weight: number): Tally {
  const w = BigInt(weight);
  const options = { ...tally.options };
  for (const c of choices) {
    const m = options[c] ?? { weight: '0', heads: 0 };
    options[c] = { weight: (BigInt(m.weight) + w).toString(), heads: m.heads + 1 };
  }
  return { options, cast: { weight: (BigInt(tally.cast.weight) + w).toString(), heads: tally.cast.heads + 1 } };
}
