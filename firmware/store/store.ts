// The only module that touches LMDB. Reads are synchronous; writes are async transactions, and every
// write that acknowledges something to a person (a ballot, a poll transition) waits for `flushed`, so
// an acknowledged write survives a power cut.
//
// Ballot secrecy lives in the layout: the roll says which card hashes voted in a poll and nothing else;
// the ballot box holds only aggregate tallies per option. No per-vote timestamps or sequence numbers.
import { open, type Database, type RootDatabase } from 'lmdb';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from '../config/bundle.js';
import { nextEntry, verifyChain, type AuditEntry, type ChainCheck } from '../audit/chain.js';
import { err, ok, type Result } from '../result.js';
import { addBallot, emptyTally } from '../voting/ballot.js';
import type { Measure, Poll, PollStatus, Tally } from '../voting/types.js';
import { auditRecord, cardRecord, eventRecord, pollRecord, tallyRecord, type CardRecord, type EventRecord } from './records.js';

export type CastError = { code: 'already_voted' } | { code: 'poll_not_open' } | { code: 'no_poll' };
export type StatusError = { code: 'no_poll' } | { code: 'invalid_transition'; detail: string };
export type AuditInput = Pick<AuditEntry, 'type' | 'source' | 'data' | 'time'>;

export class Store {
  readonly root: RootDatabase;
  private readonly meta: Database;
  private readonly cards: Database<unknown, string>;
  private readonly labels: Database<string, string>;
  private readonly sessionsDb: Database<string, string>;
  private readonly pollsDb: Database<unknown, string>;
  private readonly roll: Database<true, [string, string]>;
  private readonly box: Database<unknown, string>;
  private readonly audit: Database<unknown, number>;

  private constructor(readonly path: string) {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    // Defaults only: overlapping sync on, none of the options DESIGN §7 forbids (durability, no fake encryption).
    this.root = open({ path: join(path, 'conclave.mdb'), compression: false, maxDbs: 16, encoding: 'json' });
    this.meta = this.root.openDB({ name: 'meta', encoding: 'json' });
    this.cards = this.root.openDB({ name: 'cards', encoding: 'json' });
    this.labels = this.root.openDB({ name: 'labels', encoding: 'string' });
    this.sessionsDb = this.root.openDB({ name: 'sessions', encoding: 'string' });
    this.pollsDb = this.root.openDB({ name: 'polls', encoding: 'json' });
    this.roll = this.root.openDB({ name: 'roll', encoding: 'json' });
    this.box = this.root.openDB({ name: 'ballot-box', encoding: 'json' });
    this.audit = this.root.openDB({ name: 'audit', encoding: 'json' });
  }

  static open(path: string): Store {
    return new Store(path);
  }

  async close(): Promise<void> {
    await this.root.flushed;
    await this.root.close();
  }

  // ---- event -------------------------------------------------------------------------------

  event(): EventRecord | undefined {
    const raw = this.meta.get('event');
    return raw === undefined ? undefined : eventRecord.parse(raw);
  }

  /** Whether an event is loaded, without parsing its record (asked on every request). */
  hasEvent(): boolean {
    return this.meta.doesExist('event');
  }

  pepper(): Buffer {
    return Buffer.from(String(this.meta.get('pepper') ?? ''), 'base64');
  }

  chairPassphraseHash(): string {
    return String(this.meta.get('chairPassphraseHash') ?? '');
  }

  canaries(): string[] {
    const raw = this.meta.get('canaries');
    return Array.isArray(raw) ? raw.map(String) : [];
  }

  /** Imports a validated bundle as the event, in one flushed transaction. Refuses when an event exists. */
  async importBundle(bundle: Bundle, polls: ((id: string) => Poll)[], canaries: string[], auditFields: AuditInput): Promise<Result<void, { code: 'event_exists' }>> {
    let entitled = 0n;
    for (const c of bundle.cards) entitled += BigInt(c.weight);
    const record: EventRecord = {
      id: bundle.event.id,
      name: bundle.event.name,
      ...(bundle.event.date ? { date: bundle.event.date } : {}),
      languages: bundle.event.languages,
      network: bundle.network,
      hardware: bundle.hardware,
      issued: bundle.cards.length,
      entitledWeight: entitled.toString(),
    };
    const result = await this.writePolls(() => {
      if (this.meta.get('event') !== undefined) return false;
      this.meta.put('event', record);
      this.meta.put('pepper', bundle.pepper);
      this.meta.put('chairPassphraseHash', bundle.chair.passphraseHash);
      this.meta.put('canaries', canaries);
      for (const c of bundle.cards) {
        const card: CardRecord = { label: c.label, weight: c.weight, ...(c.group ? { group: c.group } : {}) };
        this.cards.put(c.codeHash, card);
        this.labels.put(c.label, c.codeHash);
      }
      for (const make of polls) {
        const p = make(this.nextPollIdInTxn());
        this.pollsDb.put(p.id, p);
      }
      this.appendAuditInTxn(auditFields);
      return true;
    });
    await this.root.flushed;
    return result ? ok(undefined) : err({ code: 'event_exists' });
  }

  // ---- cards and sessions ------------------------------------------------------------------

  card(codeHash: string): CardRecord | undefined {
    const raw = this.cards.get(codeHash);
    return raw === undefined ? undefined : cardRecord.parse(raw);
  }

  codeHashOfLabel(label: string): string | undefined {
    return this.labels.get(label);
  }

  *allCards(): Generator<{ codeHash: string; card: CardRecord }> {
    for (const { key, value } of this.cards.getRange()) yield { codeHash: key, card: cardRecord.parse(value) };
  }

  *allSessions(): Generator<{ tokenHash: string; codeHash: string }> {
    for (const { key, value } of this.sessionsDb.getRange()) yield { tokenHash: key, codeHash: value };
  }

  /** Stores a session and drops the ones it replaces, in one transaction. */
  async putSession(tokenHash: string, codeHash: string, replaces: string[]): Promise<void> {
    await this.root.transaction(() => {
      for (const old of replaces) this.sessionsDb.remove(old);
      this.sessionsDb.put(tokenHash, codeHash);
    });
  }

  async removeSessions(tokenHashes: string[]): Promise<void> {
    if (tokenHashes.length === 0) return;
    await this.root.transaction(() => {
      for (const t of tokenHashes) this.sessionsDb.remove(t);
    });
  }

  // ---- polls -------------------------------------------------------------------------------

  polls(): Poll[] {
    return [...this.pollsDb.getRange()].map(({ value }) => pollRecord.parse(value));
  }

  /**
   * Parsed polls are cached: the vote path reads the current poll several times per ballot. While a
   * poll write is in flight the cache is bypassed (reads see the database), and it is emptied once the
   * write has committed, so it never serves a stale poll.
   */
  private readonly pollCache = new Map<string, Poll>();
  private pollWritesInFlight = 0;

  private async writePolls<T>(fn: () => T): Promise<T> {
    this.pollWritesInFlight++;
    try {
      return await this.root.transaction(fn);
    } finally {
      this.pollCache.clear();
      this.pollWritesInFlight--;
    }
  }

  poll(id: string): Poll | undefined {
    if (this.pollWritesInFlight === 0) {
      const cached = this.pollCache.get(id);
      if (cached) return cached;
    }
    const raw = this.pollsDb.get(id);
    if (raw === undefined) return undefined;
    const poll = pollRecord.parse(raw);
    if (this.pollWritesInFlight === 0) this.pollCache.set(id, poll);
    return poll;
  }

  /** The poll voters see: the one opened most recently (open, closed or published). */
  currentPollId(): string | undefined {
    const id = this.meta.get('currentPoll');
    return typeof id === 'string' ? id : undefined;
  }

  /** The next poll id inside a write transaction: sequential, so the agenda keeps the order polls were made in. */
  private nextPollIdInTxn(): string {
    const n = Number(this.meta.get('pollSeq') ?? 0) + 1;
    this.meta.put('pollSeq', n);
    return `p-${String(n).padStart(4, '0')}`;
  }

  /** Stores a new poll under the next sequential id (assigned in the transaction, so concurrent creations never collide). */
  async createPoll(make: (id: string) => Poll, auditFields: (poll: Poll) => AuditInput): Promise<Poll> {
    const poll = await this.writePolls(() => {
      const p = make(this.nextPollIdInTxn());
      this.pollsDb.put(p.id, p);
      this.appendAuditInTxn(auditFields(p));
      return p;
    });
    await this.root.flushed;
    return poll;
  }

  /**
   * Moves a poll from `from` to `to` if it is still in `from` when the transaction runs, so a close
   * and the ballots racing it are ordered by LMDB's single writer.
   */
  async setPollStatus(
    id: string,
    check: (poll: Poll, all: Poll[]) => Result<PollStatus, { code: 'invalid_transition'; detail: string }>,
    presentAtClose: () => Measure | null,
    auditFields: AuditInput,
  ): Promise<Result<Poll, StatusError>> {
    const outcome = await this.writePolls((): Result<Poll, StatusError> => {
      const poll = this.poll(id);
      if (!poll) return err({ code: 'no_poll' });
      const next = check(poll, this.polls());
      if (!next.ok) return next;
      const updated: Poll = { ...poll, status: next.value, ...(next.value === 'closed' ? { presentAtClose: presentAtClose() } : {}) };
      this.pollsDb.put(id, updated);
      if (next.value === 'open') {
        if (this.box.get(id) === undefined) this.box.put(id, emptyTally(poll));
        this.meta.put('currentPoll', id);
      }
      // Publishing an earlier poll puts it on the screen, unless a poll is open (that one stays current).
      if (next.value === 'published' && !this.polls().some((p) => p.status === 'open')) this.meta.put('currentPoll', id);
      this.appendAuditInTxn({ ...auditFields, data: { ...auditFields.data, poll: id, status: next.value } });
      return ok(updated);
    });
    await this.root.flushed;
    return outcome;
  }

  // ---- ballots -----------------------------------------------------------------------------

  /**
   * Records a validated ballot: marks the card on the roll and adds the choice to the aggregate
   * tally in one transaction, then waits until it is on disk. The checks run inside the
   * transaction, so of two racing ballots from one card exactly one is counted.
   */
  async cast(pollId: string, codeHash: string, choices: string[], weight: number): Promise<Result<void, CastError>> {
    const outcome = await this.root.transaction((): Result<void, CastError> => {
      const raw = this.pollsDb.get(pollId);
      if (raw === undefined) return err({ code: 'no_poll' });
      if ((raw as { status?: string }).status !== 'open') return err({ code: 'poll_not_open' });
      if (this.roll.doesExist([pollId, codeHash])) return err({ code: 'already_voted' });
      this.roll.put([pollId, codeHash], true);
      const tally = tallyRecord.parse(this.box.get(pollId));
      this.box.put(pollId, addBallot(tally, choices, weight));
      return ok(undefined);
    });
    if (outcome.ok) await this.root.flushed;
    return outcome;
  }

  hasVoted(pollId: string, codeHash: string): boolean {
    return this.roll.doesExist([pollId, codeHash]);
  }

  /** Card hashes on the roll of a poll (who voted, never how). */
  *rollOf(pollId: string): Generator<string> {
    for (const key of this.roll.getKeys({ start: [pollId], end: [pollId, '\uffff'] })) {
      const [p, codeHash] = key as [string, string];
      if (p === pollId) yield codeHash;
    }
  }

  tally(poll: Poll): Tally {
    const raw = this.box.get(poll.id);
    return raw === undefined ? emptyTally(poll) : tallyRecord.parse(raw);
  }

  // ---- audit -------------------------------------------------------------------------------

  private lastAudit(): AuditEntry | undefined {
    for (const { value } of this.audit.getRange({ reverse: true, limit: 1 })) return auditRecord.parse(value);
    return undefined;
  }

  private appendAuditInTxn(fields: AuditInput): AuditEntry {
    const entry = nextEntry(this.lastAudit(), fields);
    this.audit.put(entry.seq, entry);
    return entry;
  }

  async appendAudit(fields: AuditInput): Promise<AuditEntry> {
    const entry = await this.root.transaction(() => this.appendAuditInTxn(fields));
    await this.root.flushed;
    return entry;
  }

  auditEntries(): AuditEntry[] {
    return [...this.audit.getRange()].map(({ value }) => auditRecord.parse(value));
  }

  auditHead(): string {
    return this.lastAudit()?.hash ?? '0'.repeat(64);
  }

  verifyAudit(): ChainCheck {
    return verifyChain(this.auditEntries());
  }

  /** Start-up check: every record parses and the audit chain verifies. */
  check(): { ok: boolean; detail: string } {
    try {
      this.event();
      this.polls();
      for (const _ of this.allCards()) void _;
      const chain = this.verifyAudit();
      if (!chain.ok) return { ok: false, detail: `audit chain broken: ${chain.reason}` };
      return { ok: true, detail: `audit chain of ${chain.length} entries verifies` };
    } catch (e) {
      return { ok: false, detail: `store check failed: ${(e as Error).message}` };
    }
  }

  /** Raw records of every database, for tests that inspect what is stored. */
  dump(name: 'roll' | 'ballot-box' | 'sessions' | 'meta' | 'cards' | 'polls' | 'audit'): { key: unknown; value: unknown }[] {
    const db = this.root.openDB({ name, encoding: name === 'sessions' ? 'string' : 'json' });
    return [...db.getRange()].map(({ key, value }) => ({ key, value }));
  }
}
