// Voter sessions and liveness (DESIGN §4). A code has at most one live session: live means its event
// stream is connected or it made a request in the last 30 s. Liveness is memory only; the token→card
// mapping is persisted (hashed) so a phone gets back in after a restart.
import { createHash, randomBytes } from 'node:crypto';

export const LIVE_WINDOW_MS = 30_000;

export interface SessionInfo {
  tokenHash: string;
  codeHash: string;
  lastSeen: number;
  streams: number;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
export const newToken = (): string => randomBytes(32).toString('base64url');

export class SessionRegistry {
  private readonly byToken = new Map<string, SessionInfo>();
  private readonly byCode = new Map<string, SessionInfo>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Sessions restored from the store start as not live. */
  restore(tokenHash: string, codeHash: string): void {
    const s: SessionInfo = { tokenHash, codeHash, lastSeen: -Infinity, streams: 0 };
    const previous = this.byCode.get(codeHash);
    if (previous) this.byToken.delete(previous.tokenHash);
    this.byToken.set(tokenHash, s);
    this.byCode.set(codeHash, s);
  }

  isLive(s: SessionInfo): boolean {
    return s.streams > 0 || this.now() - s.lastSeen < LIVE_WINDOW_MS;
  }

  liveSessionOf(codeHash: string): SessionInfo | undefined {
    const s = this.byCode.get(codeHash);
    return s && this.isLive(s) ? s : undefined;
  }

  /**
   * Claims the code for a new session in one synchronous step, so of many racing logins exactly one
   * wins. Returns the token hashes it replaced (to delete from the store), or null when the code is in
   * use by a live session.
   */
  claim(codeHash: string, tokenHash: string): { replaced: string[] } | null {
    const current = this.byCode.get(codeHash);
    if (current && this.isLive(current)) return null;
    const replaced: string[] = [];
    if (current) {
      this.byToken.delete(current.tokenHash);
      replaced.push(current.tokenHash);
    }
    const s: SessionInfo = { tokenHash, codeHash, lastSeen: this.now(), streams: 0 };
    this.byToken.set(tokenHash, s);
    this.byCode.set(codeHash, s);
    return { replaced };
  }

  /** Looks up a session by token hash and marks it as seen. */
  touch(tokenHash: string): SessionInfo | undefined {
    const s = this.byToken.get(tokenHash);
    if (s) s.lastSeen = this.now();
    return s;
  }

  get(tokenHash: string): SessionInfo | undefined {
    return this.byToken.get(tokenHash);
  }

  /** Ends the session of a code (logout or chair release); returns the removed token hash. */
  endByCode(codeHash: string): string | undefined {
    const s = this.byCode.get(codeHash);
    if (!s) return undefined;
    this.byCode.delete(codeHash);
    this.byToken.delete(s.tokenHash);
    s.streams = 0;
    s.lastSeen = -Infinity;
    return s.tokenHash;
  }

  /** Card hashes with a live session (presence). */
  liveCodes(): string[] {
    const out: string[] = [];
    for (const s of this.byCode.values()) if (this.isLive(s)) out.push(s.codeHash);
    return out;
  }

  clear(): void {
    this.byToken.clear();
    this.byCode.clear();
  }
}
