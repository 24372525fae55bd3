// Turning a chair's poll definition into a poll, and the lifecycle draft → open → closed → published.
import type { PollInput } from '../config/poll-schema.js';
import { err, ok, type Result } from '../result.js';
import { BLANK_OPTION_ID, type Poll, type PollOption, type PollStatus } from './types.js';

export const MOTION_OPTIONS: PollOption[] = [
  { id: 'for', label: 'For' },
  { id: 'against', label: 'Against' },
  { id: 'abstain', label: 'Abstain' },
];

export type PollDefinitionError = { code: 'invalid_request'; detail: string };

export function definePoll(id: string, input: PollInput): Result<Poll, PollDefinitionError> {
  const bad = (detail: string) => err<PollDefinitionError>({ code: 'invalid_request', detail });
  let options: PollOption[];
  let minChoices = 1;
  let maxChoices = 1;
  if (input.kind === 'motion') {
    if (input.options) return bad('a motion has the fixed options for, against and abstain');
    if (input.minChoices !== undefined || input.maxChoices !== undefined) return bad('a motion takes exactly one choice');
    options = MOTION_OPTIONS.map((o) => ({ ...o }));
  } else {
    if (!input.options) return bad(`a ${input.kind} poll needs options`);
    const labels = input.options.map((l) => l.trim());
    if (new Set(labels).size !== labels.length) return bad('option labels must be distinct');
    options = labels.map((label, i) => ({ id: `o${i + 1}`, label }));
    if (input.kind === 'choice') {
      if (input.minChoices !== undefined && input.minChoices !== 1) return bad('a choice poll takes exactly one choice');
      if (input.maxChoices !== undefined && input.maxChoices !== 1) return bad('a choice poll takes exactly one choice');
    } else {
      minChoices = input.minChoices ?? 1;
      maxChoices = input.maxChoices ?? options.length;
      if (minChoices < 1) return bad('minChoices must be at least 1 (offer a blank vote instead of an empty ballot)');
      if (maxChoices > options.length) return bad('maxChoices cannot exceed the number of options');
      if (minChoices > maxChoices) return bad('minChoices cannot exceed maxChoices');
    }
  }
  const rule = input.rule ?? { kind: 'simple' as const };
  if (input.kind === 'multi' && input.rule) return bad('a multi poll reports totals; it takes no rule');
  return ok({
    id,
    title: input.title.trim(),
    description: input.description ?? '',
    kind: input.kind,
    options,
    minChoices,
    maxChoices,
    blank: input.blank ?? false,
    rule,
    quorum: input.quorum ?? null,
    liveResults: input.liveResults ?? false,
    status: 'draft',
    presentAtClose: null,
  });
}

/** Every id a ballot may name, including the blank vote when offered. */
export function optionIds(poll: Poll): string[] {
  return [...poll.options.map((o) => o.id), ...(poll.blank ? [BLANK_OPTION_ID] : [])];
}

export type TransitionAction = 'open' | 'close' | 'publish';
const NEXT: Record<TransitionAction, { from: PollStatus; to: PollStatus }> = {
  open: { from: 'draft', to: 'open' },
  close: { from: 'open', to: 'closed' },
  publish: { from: 'closed', to: 'published' },
};

export type TransitionError = { code: 'invalid_transition'; detail: string };

/** Checks a lifecycle step; `others` are the other polls of the event (only one poll may be open at a time). */
export function transition(poll: Poll, action: TransitionAction, others: Poll[]): Result<PollStatus, TransitionError> {
  const step = NEXT[action];
  if (poll.status !== step.from) {
    return err({ code: 'invalid_transition', detail: `cannot ${action} a poll that is ${poll.status}` });
  }
  if (action === 'open') {
    const open = others.find((p) => p.id !== poll.id && p.status === 'open');
    if (open) return err({ code: 'invalid_transition', detail: `close the open poll "${open.title}" first` });
  }
  return ok(step.to);
}
