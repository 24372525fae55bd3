// The shapes of API.md as the browser sees them. The server is the authority; the client only reads these
// fields and tolerates extra ones, so it does not validate with zod (that would double the voter bundle).

/** Weights are integers that may exceed 2^53, so the API may send them as decimal strings. */
export type Weight = number | string;

export type PollKind = 'motion' | 'choice' | 'multi';
export type PollStatus = 'draft' | 'open' | 'closed' | 'published';

export interface PollOption {
  id: string;
  label: string;
}

export interface Poll {
  id: string;
  title: string;
  description?: string;
  kind: PollKind;
  options: PollOption[];
  minChoices: number;
  maxChoices: number;
  /** A blank vote is offered: the ballot may be exactly ["blank"]. */
  blank?: boolean;
  status: PollStatus;
}

export interface VoterState {
  event: { name: string };
  poll: Poll | null;
  hasVoted: boolean;
  /** Only in GET /api/voter/state (not in the stream): the phone's own card. */
  card?: Card | null;
}

export interface Card {
  label: string;
  weight: Weight;
}

export type Rule =
  | { kind: 'simple' }
  | { kind: 'absolute' }
  | { kind: 'qualified'; fraction: string }
  | { kind: 'entitled'; fraction: string };

export interface Quorum {
  of: 'present' | 'cast';
  measure: 'weight' | 'heads';
  atLeast: string;
}

export interface Turnout {
  heads: number;
  weight: Weight;
}

export interface PollSummary extends Poll {
  rule?: Rule;
  quorum?: Quorum | null;
  liveResults?: boolean;
  turnout?: Turnout;
}

export interface TallyRow {
  optionId: string;
  label: string;
  weight: Weight;
  heads: number;
}

export type Outcome = 'adopted' | 'rejected' | 'no_quorum' | 'none';

export interface Results {
  poll: Poll;
  tally: TallyRow[];
  cast: Turnout;
  present: Turnout;
  entitled: Turnout;
  verdict: { outcome: Outcome; explanation: string };
  warnings: unknown[];
}

export interface Alert {
  code?: string;
  kind?: string;
  type?: string;
  label?: string;
  message?: string;
  detail?: string;
  at?: string;
}

export interface Overview {
  event: { name: string; id?: string } | null;
  cards: { issued: number; present: number; presentWeight: Weight; entitledWeight: Weight };
  polls: PollSummary[];
  network: { mode: string; clients: number; clientLimit: number | null };
  device: { fingerprint: string; led: string; storage: { ok: boolean } };
  alerts: Alert[];
}

export interface ScreenState {
  event: { name: string } | null;
  join: { ssid: string | null; url: string; wifiQr: string | null; urlQr: string } | null;
  poll: Poll | null;
  turnout: { heads: number; weight: Weight; ofHeads: number; ofWeight: Weight } | null;
  results: Results | null;
}
