// The meeting service: every operation of voters and the chair, over the store and the pure voting
// rules. Expected failures are returned as values with the API's problem codes; the HTTP layer maps
// them to responses in one place.
import { randomUUID } from 'node:crypto';
import { parseCode, hashCode } from '../config/codes.js';
import type { PollInput } from '../config/poll-schema.js';
import { verifyPassphrase } from '../config/passphrase.js';
import type { DeclaredClock } from '../device/clock.js';
import type { Logger } from '../log.js';
import { err, ok, type Result } from '../result.js';
import type { AuditInput, Store } from '../store/store.js';
import type { AuditEntry, AuditSource } from '../audit/chain.js';
import { validateChoices } from '../voting/ballot.js';
import { definePoll, transition, type TransitionAction } from '../voting/poll.js';
import { secrecyWarnings, type SecrecyWarning } from '../voting/secrecy.js';
import type { Measure, Poll, Tally, Verdict } from '../voting/types.js';
import { verdict } from '../voting/verdict.js';
import { hashToken, newToken, SessionRegistry, type SessionInfo } from './sessions.js';

export type Problem = { code: string; detail?: string };

export interface VoterPoll {
  id: string;
  title: string;
  description: string;
  kind: Poll['kind'];
  options: { id: string; label: string }[];
  minChoices: number;
  maxChoices: number;
  blank: boolean;
  status: Poll['status'];
}

export interface Results {
  poll: VoterPoll & { rule: Poll['rule']; quorum: Poll['quorum'] };
  tally: { optionId: string; label: string; weight: string; heads: number }[];
  cast: Measure;
  present: Measure;
  entitled: Measure;
  verdict: Verdict;
  warnings: SecrecyWarning[];
}

export interface Alert {
  id: string;
  kind: 'code_in_use' | 'storage' | 'network';
  message: string;
  /** The card concerned (public label), so the console can word the alert in the chair's language. */
  label?: string;
  at: string | null;
}

export type Change = 'voters' | 'chair' | 'screen';

export interface MeetingDeps {
  store: Store;
  clock: DeclaredClock;
  logger: Logger;
  sessions?: SessionRegistry;
}

export const BLANK_LABEL = 'Blank';
const CHAIR_SESSION_MS = 12 * 60 * 60 * 1000;

export class Meeting {
  readonly sessions: SessionRegistry;
  private readonly chairSessions = new Map<string, number>();
  private alerts: Alert[] = [];
  private entitledCache: Measure | null = null;
  private weightCache = new Map<string, number>();

  constructor(private readonly deps: MeetingDeps) {
    this.sessions = deps.sessions ?? new SessionRegistry();
    for (const { tokenHash, codeHash } of deps.store.allSessions()) this.sessions.restore(tokenHash, codeHash);
  }

  private get store(): Store {
    return this.deps.store;
  }

  private readonly listeners: ((changes: Change[]) => void)[] = [];
  private readonly resetListeners: (() => void)[] = [];
  private readonly votedListeners: ((session: SessionInfo) => void)[] = [];

  /** Called after a ballot of `session` is durable (its phone's stream shows "counted"). */
  onVoted(listener: (session: SessionInfo) => void): void {
    this.votedListeners.push(listener);
  }

  /** Called when the event is gone (after a wipe): open streams must end so phones and the screen notice. */
  onReset(listener: () => void): void {
    this.resetListeners.push(listener);
  }

  /** Called whenever something the event streams show has changed. */
  onChange(listener: (changes: Change[]) => void): void {
    this.listeners.push(listener);
  }

  private changed(...changes: Change[]): void {
    for (const l of this.listeners) l(changes);
  }

  private audit(type: string, source: AuditSource, data: AuditEntry['data'] = {}): AuditInput {
    return { type, source, data, time: this.deps.clock.now() };
  }

  hasEvent(): boolean {
    return this.store.hasEvent();
  }

  eventName(): string | null {
    return this.store.event()?.name ?? null;
  }

  entitled(): Measure {
    if (!this.entitledCache) {
      const e = this.store.event();
      this.entitledCache = e ? { weight: e.entitledWeight, heads: e.issued } : { weight: '0', heads: 0 };
    }
    return this.entitledCache;
  }

  private weightOf(codeHash: string): number {
    let w = this.weightCache.get(codeHash);
    if (w === undefined) {
      w = this.store.card(codeHash)?.weight ?? 0;
      this.weightCache.set(codeHash, w);
    }
    return w;
  }

  present(): Measure {
    const live = this.sessions.liveCodes();
    let weight = 0n;
    for (const c of live) weight += BigInt(this.weightOf(c));
    return { weight: weight.toString(), heads: live.length };
  }

  /**
   * Forget in-memory state after the event is wiped. The chair's session survives, so the console that
   * watched a button-confirmed wipe can still download the attestation.
   */
  reset(): void {
    for (const l of this.resetListeners) l();
    this.sessions.clear();
    this.alerts = [];
    this.entitledCache = null;
    this.weightCache.clear();
  }

  // ---- voters ------------------------------------------------------------------------------

  /** Hashes the code before anything else looks at it, then claims the card's one live session. */
  async login(codeInput: string): Promise<Result<{ token: string; card: { label: string; weight: number } }, Problem>> {
    if (!this.hasEvent()) return err({ code: 'no_event' });
    const parsed = parseCode(codeInput);
    if (!parsed.ok) {
      return err({ code: 'code_typo', detail: parsed.reason === 'check' ? 'the code has a typo: check it against the card' : 'a code has 12 characters and a check character, like ABCD-EFGH-JKMN-P' });
    }
    const codeHash = hashCode(this.store.pepper(), parsed.normalised);
    const card = this.store.card(codeHash);
    if (!card) return err({ code: 'unknown_code' });
    const token = newToken();
    const tokenHash = hashToken(token);
    const claim = this.sessions.claim(codeHash, tokenHash);
    if (!claim) {
      this.raiseAlert({ kind: 'code_in_use', label: card.label, message: `card ${card.label} was tried on a second device while it is in use` });
      return err({ code: 'code_in_use', detail: 'this code is in use on another device; close the voting page there first, or ask the chair' });
    }
    await this.store.putSession(tokenHash, codeHash, claim.replaced);
    this.changed('chair', 'screen');
    return ok({ token, card: { label: card.label, weight: card.weight } });
  }

  /** The session a voter's cookie names, marked as seen now. */
  voterSession(token: string | undefined): SessionInfo | undefined {
    if (!token || token.length > 100) return undefined;
    return this.sessions.touch(hashToken(token));
  }

  async logout(session: SessionInfo): Promise<void> {
    const tokenHash = this.sessions.endByCode(session.codeHash);
    if (tokenHash) await this.store.removeSessions([tokenHash]);
    this.changed('chair', 'screen');
  }

  currentPoll(): Poll | null {
    const id = this.store.currentPollId();
    return id ? (this.store.poll(id) ?? null) : null;
  }

  static voterView(poll: Poll): VoterPoll {
    return {
      id: poll.id,
      title: poll.title,
      description: poll.description,
      kind: poll.kind,
      options: poll.options,
      minChoices: poll.minChoices,
      maxChoices: poll.maxChoices,
      blank: poll.blank,
      status: poll.status,
    };
  }

  /** The voter's own card (public label and weight), for a phone that returns by its cookie alone. */
  cardOf(session: SessionInfo): { label: string; weight: number } | null {
    const card = this.store.card(session.codeHash);
    return card ? { label: card.label, weight: card.weight } : null;
  }

  voterState(session: SessionInfo): { event: { name: string }; poll: VoterPoll | null; hasVoted: boolean } {
    const poll = this.currentPoll();
    return {
      event: { name: this.eventName() ?? '' },
      poll: poll ? Meeting.voterView(poll) : null,
      hasVoted: poll ? this.store.hasVoted(poll.id, session.codeHash) : false,
    };
  }

  async cast(session: SessionInfo, pollId: string, choices: string[]): Promise<Result<void, Problem>> {
    const poll = this.store.poll(pollId);
    if (!poll) return err({ code: 'invalid_choice', detail: 'unknown poll' });
    if (poll.status !== 'open') return err({ code: 'poll_not_open' });
    const valid = validateChoices(poll, choices);
    if (!valid.ok) return valid;
    const weight = this.weightOf(session.codeHash);
    const cast = await this.store.cast(pollId, session.codeHash, valid.value, weight);
    if (!cast.ok) return err({ code: cast.error.code === 'no_poll' ? 'invalid_choice' : cast.error.code });
    // A ballot changes only its own voter's state: tell that session, not every phone in the room.
    for (const l of this.votedListeners) l(session);
    this.changed('chair', 'screen');
    return ok(undefined);
  }

  // ---- chair -------------------------------------------------------------------------------

  async chairLogin(passphrase: string, clock: string | undefined): Promise<Result<{ token: string }, Problem>> {
    if (!this.hasEvent()) return err({ code: 'no_event' });
    if (!(await verifyPassphrase(passphrase, this.store.chairPassphraseHash()))) return err({ code: 'bad_passphrase' });
    if (clock) this.deps.clock.declare(clock);
    const token = newToken();
    this.chairSessions.set(hashToken(token), Date.now() + CHAIR_SESSION_MS);
    await this.store.appendAudit(this.audit('chair.login', 'console', { clockDeclared: clock !== undefined }));
    return ok({ token });
  }

  isChair(token: string | undefined): boolean {
    if (!token || token.length > 100) return false;
    const h = hashToken(token);
    const until = this.chairSessions.get(h);
    if (until === undefined) return false;
    if (until < Date.now()) {
      this.chairSessions.delete(h);
      return false;
    }
    return true;
  }

  chairLogout(token: string): void {
    this.chairSessions.delete(hashToken(token));
  }

  async createPoll(input: PollInput): Promise<Result<Poll, Problem>> {
    if (!this.hasEvent()) return err({ code: 'no_event' });
    const defined = definePoll('', input);
    if (!defined.ok) return defined;
    const poll = await this.store.createPoll(
      (id) => ({ ...defined.value, id }),
      (p) => this.audit('poll.create', 'console', { poll: p.id, kind: p.kind }),
    );
    this.changed('chair');
    return ok(poll);
  }

  async transition(id: string, action: TransitionAction, source: AuditSource): Promise<Result<Poll, Problem>> {
    const result = await this.store.setPollStatus(
      id,
      (poll, all) => transition(poll, action, all),
      () => this.present(),
      this.audit(`poll.${action}`, source),
    );
    if (!result.ok) return result;
    this.changed('chair', 'screen', 'voters');
    return result;
  }

  /** The button's short press: closes the open poll if there is one. */
  async closeOpenPoll(source: AuditSource): Promise<Result<Poll | null, Problem>> {
    const open = this.openPoll();
    if (!open) {
      await this.store.appendAudit(this.audit('button.close_without_open_poll', source));
      return ok(null);
    }
    return this.transition(open.id, 'close', source);
  }

  hasVotedIn(pollId: string, codeHash: string): boolean {
    return this.store.hasVoted(pollId, codeHash);
  }

  codeHashOfLabel(label: string): string | undefined {
    return this.store.codeHashOfLabel(label);
  }

  polls(): Poll[] {
    return this.store.polls();
  }

  /**
   * At most one poll is open, and opening a poll makes it the current one (both in the same store
   * transaction), so only the current poll needs reading. This runs on every change (the LED mirror),
   * i.e. on every ballot: reading and parsing the whole agenda there cost more than the ballot itself.
   */
  openPoll(): Poll | undefined {
    const current = this.currentPoll();
    return current?.status === 'open' ? current : undefined;
  }

  turnout(poll: Poll): Measure {
    return this.store.tally(poll).cast;
  }

  results(id: string, forPublic = false): Result<Results, Problem> {
    const poll = this.store.poll(id);
    if (!poll) return err({ code: 'no_poll' });
    if (poll.status === 'draft') return err({ code: 'invalid_transition', detail: 'the poll has not been opened' });
    if (poll.status === 'open' && !poll.liveResults) return err({ code: 'results_hidden', detail: 'results are hidden until the poll is closed' });
    if (forPublic && poll.status !== 'published') return err({ code: 'results_hidden' });
    const tally = this.store.tally(poll);
    const present = poll.presentAtClose ?? this.present();
    const entitled = this.entitled();
    const labels = new Map(poll.options.map((o) => [o.id, o.label]));
    labels.set('blank', BLANK_LABEL);
    const voterWeights = [...this.store.rollOf(poll.id)].map((c) => this.weightOf(c));
    return ok({
      poll: { ...Meeting.voterView(poll), rule: poll.rule, quorum: poll.quorum },
      tally: Object.entries(tally.options).map(([optionId, m]) => ({ optionId, label: labels.get(optionId) ?? optionId, weight: m.weight, heads: m.heads })),
      cast: tally.cast,
      present,
      entitled,
      verdict: verdict({ poll, tally, present, entitled }),
      warnings: secrecyWarnings(tally, voterWeights),
    });
  }

  tallyOf(poll: Poll): Tally {
    return this.store.tally(poll);
  }

  async releaseCard(label: string): Promise<Result<void, Problem>> {
    const codeHash = this.store.codeHashOfLabel(label);
    if (!codeHash) return err({ code: 'no_card' });
    const tokenHash = this.sessions.endByCode(codeHash);
    if (tokenHash) await this.store.removeSessions([tokenHash]);
    await this.store.appendAudit(this.audit('card.release', 'console', { label }));
    this.changed('chair', 'screen');
    return ok(undefined);
  }

  // ---- alerts ------------------------------------------------------------------------------

  raiseAlert(a: Omit<Alert, 'id' | 'at'>): void {
    this.alerts = [...this.alerts, { ...a, id: randomUUID(), at: this.deps.clock.now().declared }].slice(-50);
    this.deps.logger.warn({ alert: a.kind }, 'chair alert');
    this.changed('chair');
  }

  currentAlerts(): Alert[] {
    return this.alerts;
  }

  dismissAlert(id: string): boolean {
    const before = this.alerts.length;
    this.alerts = this.alerts.filter((a) => a.id !== id);
    if (this.alerts.length !== before) this.changed('chair');
    return this.alerts.length !== before;
  }
}
