import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PollInput } from '../../firmware/config/poll-schema.js';
import { addBallot, emptyTally, validateChoices } from '../../firmware/voting/ballot.js';
import { definePoll, transition } from '../../firmware/voting/poll.js';
import { secrecyWarnings } from '../../firmware/voting/secrecy.js';
import type { Measure, Poll, Tally } from '../../firmware/voting/types.js';
import { verdict } from '../../firmware/voting/verdict.js';

function poll(input: Partial<PollInput> & Pick<PollInput, 'kind'>): Poll {
  const r = definePoll('p1', { title: 'T', ...input });
  assert.ok(r.ok, r.ok ? '' : r.error.detail);
  return r.value;
}

/** Casts ballots given as [choices, weight] pairs. */
function tallyOf(p: Poll, ballots: [string[], number][]): Tally {
  return ballots.reduce((t, [c, w]) => {
    const v = validateChoices(p, c);
    assert.ok(v.ok, `ballot ${c} should be valid`);
    return addBallot(t, v.value, w);
  }, emptyTally(p));
}

const m = (weight: number | bigint | string, heads: number): Measure => ({ weight: String(weight), heads });

describe('poll definitions', () => {
  it('gives a motion the fixed options and refuses custom ones', () => {
    assert.deepEqual(poll({ kind: 'motion' }).options.map((o) => o.id), ['for', 'against', 'abstain']);
    assert.equal(definePoll('x', { title: 'T', kind: 'motion', options: ['a', 'b'] }).ok, false);
  });
  it('numbers choice options and checks multi bounds', () => {
    assert.deepEqual(poll({ kind: 'choice', options: ['A', 'B', 'C'] }).options.map((o) => o.id), ['o1', 'o2', 'o3']);
    assert.equal(definePoll('x', { title: 'T', kind: 'choice' }).ok, false);
    assert.equal(definePoll('x', { title: 'T', kind: 'multi', options: ['A', 'B'], maxChoices: 3 }).ok, false);
    assert.equal(definePoll('x', { title: 'T', kind: 'multi', options: ['A', 'B', 'C'], minChoices: 3, maxChoices: 2 }).ok, false);
    assert.equal(definePoll('x', { title: 'T', kind: 'choice', options: ['A', 'A'] }).ok, false);
  });
  it('allows only one open poll and walks draft → open → closed → published', () => {
    const a = poll({ kind: 'motion' });
    const b = { ...poll({ kind: 'motion' }), id: 'p2', status: 'open' as const };
    assert.equal(transition(a, 'open', [a, b]).ok, false);
    assert.deepEqual(transition(a, 'open', [a]), { ok: true, value: 'open' });
    assert.equal(transition(a, 'close', [a]).ok, false);
    assert.equal(transition({ ...a, status: 'closed' }, 'publish', []).ok, true);
    assert.equal(transition({ ...a, status: 'published' }, 'open', []).ok, false);
  });
});

describe('ballot validation', () => {
  const multi = poll({ kind: 'multi', options: ['A', 'B', 'C', 'D'], minChoices: 1, maxChoices: 2, blank: true });
  it('accepts choices within bounds and a lone blank', () => {
    assert.ok(validateChoices(multi, ['o1']).ok);
    assert.ok(validateChoices(multi, ['o1', 'o4']).ok);
    assert.ok(validateChoices(multi, ['blank']).ok);
  });
  it('refuses too many, too few, duplicates, unknown ids and blank combined', () => {
    for (const bad of [[], ['o1', 'o2', 'o3'], ['o1', 'o1'], ['o9'], ['blank', 'o1'], ['__proto__']]) {
      const r = validateChoices(multi, bad);
      assert.equal(r.ok, false, `${JSON.stringify(bad)} should be refused`);
      if (!r.ok) assert.equal(r.error.code, 'invalid_choice');
    }
  });
  it('refuses blank where none is offered', () => {
    assert.equal(validateChoices(poll({ kind: 'motion' }), ['blank']).ok, false);
  });
});

describe('verdicts', () => {
  const entitled = m(100, 10);
  const present = m(80, 8);

  it('simple majority: for > against; abstentions and blanks do not count; a tie is rejected', () => {
    const p = poll({ kind: 'motion', blank: true });
    assert.equal(verdict({ poll: p, tally: tallyOf(p, [[['for'], 30], [['against'], 29], [['abstain'], 40], [['blank'], 1]]), present, entitled }).outcome, 'adopted');
    const tie = verdict({ poll: p, tally: tallyOf(p, [[['for'], 30], [['against'], 30]]), present, entitled });
    assert.equal(tie.outcome, 'rejected');
    assert.match(tie.explanation, /tie/);
  });

  it('absolute majority counts abstentions', () => {
    const p = poll({ kind: 'motion', rule: { kind: 'absolute' } });
    assert.equal(verdict({ poll: p, tally: tallyOf(p, [[['for'], 30], [['against'], 10], [['abstain'], 21]]), present, entitled }).outcome, 'rejected');
    assert.equal(verdict({ poll: p, tally: tallyOf(p, [[['for'], 31], [['against'], 10], [['abstain'], 20]]), present, entitled }).outcome, 'adopted');
    // exactly half is not more than half
    assert.equal(verdict({ poll: p, tally: tallyOf(p, [[['for'], 30], [['against'], 30]]), present, entitled }).outcome, 'rejected');
  });

  it('qualified majority 2/3 and 3/4 of for + against, reaching the fraction exactly adopts', () => {
    const p = poll({ kind: 'motion', rule: { kind: 'qualified', fraction: '2/3' } });
    assert.equal(verdict({ poll: p, tally: tallyOf(p, [[['for'], 20], [['against'], 10], [['abstain'], 50]]), present, entitled }).outcome, 'adopted');
    assert.equal(verdict({ poll: p, tally: tallyOf(p, [[['for'], 19], [['against'], 10]]), present, entitled }).outcome, 'rejected');
    const q = poll({ kind: 'motion', rule: { kind: 'qualified', fraction: '3/4' } });
    assert.equal(verdict({ poll: q, tally: tallyOf(q, [[['for'], 75], [['against'], 25]]), present, entitled }).outcome, 'adopted');
    assert.equal(verdict({ poll: q, tally: tallyOf(q, [[['for'], 74], [['against'], 26]]), present, entitled }).outcome, 'rejected');
  });

  it('share of entitled weight', () => {
    const p = poll({ kind: 'motion', rule: { kind: 'entitled', fraction: '1/2' } });
    assert.equal(verdict({ poll: p, tally: tallyOf(p, [[['for'], 50]]), present, entitled }).outcome, 'rejected');
    assert.equal(verdict({ poll: p, tally: tallyOf(p, [[['for'], 51]]), present, entitled }).outcome, 'adopted');
  });

  it('quorum of present weight, of cast heads, as a number and as a fraction of entitled', () => {
    const p = poll({ kind: 'motion', quorum: { of: 'present', measure: 'weight', atLeast: '1/2' } });
    const t = tallyOf(p, [[['for'], 10]]);
    assert.equal(verdict({ poll: p, tally: t, present: m(49, 5), entitled }).outcome, 'no_quorum');
    assert.equal(verdict({ poll: p, tally: t, present: m(50, 5), entitled }).outcome, 'adopted');
    const h = poll({ kind: 'motion', quorum: { of: 'cast', measure: 'heads', atLeast: '3' } });
    assert.equal(verdict({ poll: h, tally: tallyOf(h, [[['for'], 1], [['for'], 1]]), present, entitled }).outcome, 'no_quorum');
    const v = verdict({ poll: h, tally: tallyOf(h, [[['for'], 1], [['for'], 1], [['against'], 1]]), present, entitled });
    assert.equal(v.outcome, 'adopted');
    assert.match(v.explanation, /quorum: cast heads 3 ≥ 3/);
  });

  it('choice: the leader wins, a tie for first is rejected, absolute needs more than half', () => {
    const p = poll({ kind: 'choice', options: ['A', 'B', 'C'], blank: true });
    const v = verdict({ poll: p, tally: tallyOf(p, [[['o1'], 5], [['o2'], 3], [['o3'], 3], [['blank'], 50]]), present, entitled });
    assert.equal(v.outcome, 'adopted');
    assert.equal(v.winner, 'o1');
    assert.equal(verdict({ poll: p, tally: tallyOf(p, [[['o1'], 4], [['o2'], 4]]), present, entitled }).outcome, 'rejected');
    const a = poll({ kind: 'choice', options: ['A', 'B', 'C'], rule: { kind: 'absolute' } });
    assert.equal(verdict({ poll: a, tally: tallyOf(a, [[['o1'], 5], [['o2'], 3], [['o3'], 3]]), present, entitled }).outcome, 'rejected');
    assert.equal(verdict({ poll: a, tally: tallyOf(a, [[['o1'], 7], [['o2'], 3], [['o3'], 3]]), present, entitled }).outcome, 'adopted');
  });

  it('multi: totals per option, no verdict', () => {
    const p = poll({ kind: 'multi', options: ['A', 'B', 'C'], maxChoices: 2 });
    const t = tallyOf(p, [[['o1', 'o2'], 3], [['o2'], 2]]);
    assert.deepEqual(t.options.o2, { weight: '5', heads: 2 });
    assert.deepEqual(t.cast, { weight: '5', heads: 2 });
    assert.equal(verdict({ poll: p, tally: t, present, entitled }).outcome, 'none');
  });

  it('sums stay exact for 2000 cards of 10^12', () => {
    const p = poll({ kind: 'motion' });
    let t = emptyTally(p);
    for (let i = 0; i < 2000; i++) t = addBallot(t, [i % 3 === 0 ? 'against' : 'for'], 1e12);
    assert.equal(t.cast.weight, '2000000000000000');
    assert.equal(t.options.against!.weight, String(667n * 10n ** 12n));
    assert.equal(t.options.for!.weight, String(1333n * 10n ** 12n));
    // One more unit of weight beyond 2^53 is still counted.
    t = addBallot(t, ['for'], 1);
    assert.equal(t.options.for!.weight, '1333000000000001');
    const v = verdict({ poll: p, tally: t, present: m(t.cast.weight, 2001), entitled: m(t.cast.weight, 2001) });
    assert.match(v.explanation, /for 1333000000000001 > against 667000000000000/);
  });
});

describe('secrecy warnings', () => {
  const p = poll({ kind: 'motion' });
  it('flags a single voter, a dominant weight, and unanimity', () => {
    assert.deepEqual(secrecyWarnings(tallyOf(p, [[['for'], 5]]), [5]).map((w) => w.code), ['single_voter']);
    const codes = secrecyWarnings(tallyOf(p, [[['for'], 100], [['against'], 1], [['against'], 1]]), [100, 1, 1]).map((w) => w.code);
    assert.ok(codes.includes('dominant_weight'));
    assert.ok(codes.includes('single_voter_option'));
    assert.ok(secrecyWarnings(tallyOf(p, [[['for'], 1], [['for'], 1]]), [1, 1]).some((w) => w.code === 'unanimous'));
    assert.deepEqual(secrecyWarnings(tallyOf(p, [[['for'], 1], [['for'], 1], [['against'], 1], [['against'], 1]]), [1, 1, 1, 1]), []);
  });
});
