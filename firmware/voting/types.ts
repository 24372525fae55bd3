// Plain data of the voting model (DESIGN §4). No I/O here.
import type { Quorum, Rule } from '../config/poll-schema.js';

export type PollKind = 'motion' | 'choice' | 'multi';
export type PollStatus = 'draft' | 'open' | 'closed' | 'published';

export interface PollOption {
  id: string;
  label: string;
}

export interface Poll {
  id: string;
  title: string;
  description: string;
  kind: PollKind;
  options: PollOption[];
  minChoices: number;
  maxChoices: number;
  blank: boolean;
  rule: Rule;
  quorum: Quorum | null;
  liveResults: boolean;
  status: PollStatus;
  /** Presence when the poll closed (needed for a quorum of present weight/heads). */
  presentAtClose: Measure | null;
}

/** Weights are bigint-safe decimal strings; heads are plain counts. */
export interface Measure {
  weight: string;
  heads: number;
}

/** The ballot box of one poll: aggregate only, per option id. */
export interface Tally {
  options: Record<string, Measure>;
  /** Ballots cast (each ballot counts once, whatever it chose). */
  cast: Measure;
}

export type Outcome = 'adopted' | 'rejected' | 'no_quorum' | 'none';

export interface Verdict {
  outcome: Outcome;
  explanation: string;
  /** For choice polls: the winning option. */
  winner?: string;
}

export const BLANK_OPTION_ID = 'blank';
