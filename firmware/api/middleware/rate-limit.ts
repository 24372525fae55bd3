// Limits guessing of codes and passphrases. Only failed attempts cost tokens, so a room of voters
// logging in at once (one address each, or hundreds behind a venue NAT) is never slowed down, while a
// guesser is stopped per address and, across all addresses, by a global budget.
export interface Bucket {
  tokens: number;
  updated: number;
}

export interface LimiterOptions {
  /** Failed attempts allowed in a burst per client. */
  perClientBurst: number;
  /** Tokens regained per second per client. */
  perClientRefill: number;
  globalBurst: number;
  globalRefill: number;
  now?: () => number;
}

export class FailureLimiter {
  private readonly clients = new Map<string, Bucket>();
  private global: Bucket;
  private readonly now: () => number;

  constructor(private readonly opts: LimiterOptions) {
    this.now = opts.now ?? (() => Date.now());
    this.global = { tokens: opts.globalBurst, updated: this.now() };
  }

  private refill(b: Bucket, burst: number, rate: number): Bucket {
    const t = this.now();
    b.tokens = Math.min(burst, b.tokens + ((t - b.updated) / 1000) * rate);
    b.updated = t;
    return b;
  }

  private client(key: string): Bucket {
    let b = this.clients.get(key);
    if (!b) {
      b = { tokens: this.opts.perClientBurst, updated: this.now() };
      this.clients.set(key, b);
      if (this.clients.size > 10_000) this.prune();
    }
    return this.refill(b, this.opts.perClientBurst, this.opts.perClientRefill);
  }

  /**
   * Seconds to wait before another attempt is allowed, or 0 when it is allowed now. An exhausted global
   * budget stops only clients that have failed recently: a guesser spread over many addresses must not
   * lock the room's voters out, and each of its addresses still gets only its own small burst.
   */
  retryAfter(key: string): number {
    const c = this.client(key);
    const g = this.refill(this.global, this.opts.globalBurst, this.opts.globalRefill);
    const wait = (b: Bucket, rate: number) => (b.tokens >= 1 ? 0 : Math.ceil((1 - b.tokens) / rate));
    const clean = c.tokens >= this.opts.perClientBurst;
    return Math.max(wait(c, this.opts.perClientRefill), clean ? 0 : wait(g, this.opts.globalRefill));
  }

  fail(key: string): void {
    this.client(key).tokens -= 1;
    this.refill(this.global, this.opts.globalBurst, this.opts.globalRefill).tokens -= 1;
  }

  private prune(): void {
    for (const [k, b] of this.clients) {
      this.refill(b, this.opts.perClientBurst, this.opts.perClientRefill);
      if (b.tokens >= this.opts.perClientBurst) this.clients.delete(k);
    }
  }
}

export const codeLimiterDefaults: LimiterOptions = { perClientBurst: 10, perClientRefill: 1 / 6, globalBurst: 300, globalRefill: 5 };
export const passphraseLimiterDefaults: LimiterOptions = { perClientBurst: 5, perClientRefill: 1 / 12, globalBurst: 30, globalRefill: 0.5 };
