// Verdicts (DESIGN §4): the rule decides between adopted and rejected, the quorum can overrule both with
// no_quorum, and the explanation shows the arithmetic so the room can check it.
import type { Quorum, Rule } from '../config/poll-schema.js';
import { isHalf, parseFraction, type Fraction } from './fraction.js';
import { type Measure, type Poll, type Tally, type Verdict } from './types.js';

export interface VerdictInput {
  poll: Poll;
  tally: Tally;
  present: Measure;
  entitled: Measure;
}

const w = (t: Tally, id: string): bigint => BigInt(t.options[id]?.weight ?? '0');

/** `value` reaches `fraction` of `base`: at least the fraction, except a half, which needs strictly more (a tie is no majority). */
function reaches(value: bigint, fraction: Fraction, base: bigint): boolean {
  const lhs = value * fraction.den;
  const rhs = fraction.num * base;
  return isHalf(fraction) ? lhs > rhs : lhs >= rhs;
}

function describe(fraction: Fraction): string {
  return isHalf(fraction) ? 'more than 1/2' : `at least ${fraction.num}/${fraction.den}`;
}

export function quorumMet(quorum: Quorum, input: VerdictInput): { met: boolean; explanation: string } {
  const basis: Measure = quorum.of === 'present' ? input.present : input.tally.cast;
  const value = quorum.measure === 'weight' ? BigInt(basis.weight) : BigInt(basis.heads);
  const entitled = quorum.measure === 'weight' ? BigInt(input.entitled.weight) : BigInt(input.entitled.heads);
  let needed: bigint;
  let neededText: string;
  if (quorum.atLeast.includes('/')) {
    const f = parseFraction(quorum.atLeast);
    // ceil(entitled * num / den)
    needed = (entitled * f.num + f.den - 1n) / f.den;
    neededText = `${quorum.atLeast} of ${entitled} entitled = ${needed}`;
  } else {
    needed = BigInt(quorum.atLeast);
    neededText = `${needed}`;
  }
  const met = value >= needed;
  return {
    met,
    explanation: `quorum: ${quorum.of} ${quorum.measure} ${value} ${met ? '≥' : '<'} ${neededText}`,
  };
}

function motionVerdict(rule: Rule, input: VerdictInput): Verdict {
  const { tally, entitled } = input;
  const pro = w(tally, 'for');
  const contra = w(tally, 'against');
  const abstain = w(tally, 'abstain');
  switch (rule.kind) {
    case 'simple': {
      const adopted = pro > contra;
      return {
        outcome: adopted ? 'adopted' : 'rejected',
        explanation: `simple majority: for ${pro} ${adopted ? '>' : pro === contra ? '= (a tie is rejected)' : '<'} against ${contra}; abstentions and blank votes not counted`,
      };
    }
    case 'absolute': {
      const base = pro + contra + abstain;
      const adopted = pro * 2n > base;
      return {
        outcome: adopted ? 'adopted' : 'rejected',
        explanation: `absolute majority: for ${pro} must be more than half of for + against + abstain = ${base}; ${adopted ? 'it is' : 'it is not'}; blank votes not counted`,
      };
    }
    case 'qualified': {
      const f = parseFraction(rule.fraction);
      const base = pro + contra;
      const adopted = base > 0n && reaches(pro, f, base);
      return {
        outcome: adopted ? 'adopted' : 'rejected',
        explanation: `qualified majority: for ${pro} must be ${describe(f)} of for + against = ${base}; ${adopted ? 'it is' : 'it is not'}`,
      };
    }
    case 'entitled': {
      const f = parseFraction(rule.fraction);
      const base = BigInt(entitled.weight);
      const adopted = reaches(pro, f, base);
      return {
        outcome: adopted ? 'adopted' : 'rejected',
        explanation: `share of entitled weight: for ${pro} must be ${describe(f)} of entitled ${base}; ${adopted ? 'it is' : 'it is not'}`,
      };
    }
  }
}

function choiceVerdict(rule: Rule, input: VerdictInput): Verdict {
  const { poll, tally, entitled } = input;
  const ranked = poll.options.map((o) => ({ o, weight: w(tally, o.id) })).sort((a, b) => (b.weight > a.weight ? 1 : b.weight < a.weight ? -1 : 0));
  const first = ranked[0];
  const second = ranked[1];
  const valid = ranked.reduce((s, r) => s + r.weight, 0n);
  if (!first || first.weight === 0n) return { outcome: 'rejected', explanation: 'no votes for any option' };
  if (second && second.weight === first.weight) {
    return { outcome: 'rejected', explanation: `tie: "${first.o.label}" and "${second.o.label}" both have ${first.weight}; a tie is rejected` };
  }
  const lead = `"${first.o.label}" leads with ${first.weight} of ${valid} (blank votes not counted)`;
  let adopted = true;
  let need = '';
  switch (rule.kind) {
    case 'simple':
      need = 'the most weight wins';
      break;
    case 'absolute':
      adopted = first.weight * 2n > valid;
      need = `needs more than half of ${valid}`;
      break;
    case 'qualified': {
      const f = parseFraction(rule.fraction);
      adopted = reaches(first.weight, f, valid);
      need = `needs ${describe(f)} of ${valid}`;
      break;
    }
    case 'entitled': {
      const f = parseFraction(rule.fraction);
      adopted = reaches(first.weight, f, BigInt(entitled.weight));
      need = `needs ${describe(f)} of entitled ${entitled.weight}`;
      break;
    }
  }
  return adopted
    ? { outcome: 'adopted', explanation: `${lead}; ${need}: "${first.o.label}" is chosen`, winner: first.o.id }
    : { outcome: 'rejected', explanation: `${lead}; ${need}: no option is chosen` };
}

export function verdict(input: VerdictInput): Verdict {
  const { poll } = input;
  let quorumText = '';
  if (poll.quorum) {
    const q = quorumMet(poll.quorum, input);
    if (!q.met) return { outcome: 'no_quorum', explanation: q.explanation };
    quorumText = `${q.explanation}; `;
  }
  if (poll.kind === 'multi') {
    return { outcome: 'none', explanation: `${quorumText}a multiple-choice poll reports totals per option; no verdict` };
  }
  const v = poll.kind === 'motion' ? motionVerdict(poll.rule, input) : choiceVerdict(poll.rule, input);
  return { ...v, explanation: quorumText + v.explanation };
}
