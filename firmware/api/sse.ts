// Server-sent events, written straight to the response. Changes are coalesced (at most one update per
// `coalesceMs` per stream kind); each kind's payload is built once per flush and only the voter's own
// `hasVoted` differs per connection. A disconnect is routine: it is counted, never logged as an error.
import type { Context } from 'koa';
import type { ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import type { Change } from '../meeting/meeting.js';
import type { SessionInfo } from '../meeting/sessions.js';

interface Client {
  res: ServerResponse;
  session?: SessionInfo;
}

export interface Payloads {
  /** Voter payloads for "has not voted" and "has voted"; the hub picks per session. */
  voter(): { notVoted: string; voted: string; pollId: string | null };
  hasVoted(pollId: string, session: SessionInfo): boolean;
  chair(): Promise<{ event: string; data: string }[]>;
  screen(): string;
}

export interface HubOptions {
  heartbeatMs?: number;
  coalesceMs?: number;
  /** Drop a client whose unsent data exceeds this (a stalled phone must not hold memory). */
  maxBuffered?: number;
}

const MAX_STREAMS = 20_000;

export class EventHub {
  private readonly voters = new Set<Client>();
  private readonly chairs = new Set<Client>();
  private readonly screens = new Set<Client>();
  private pending = new Set<Change>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = -Infinity;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly coalesceMs: number;
  private readonly maxBuffered: number;
  /** Duration of the last voter broadcast loop, for the benchmark. */
  lastBroadcastMs = 0;

  constructor(
    private readonly payloads: Payloads,
    private readonly logger: Logger,
    private readonly onPresenceChange: () => void,
    opts: HubOptions = {},
  ) {
    this.coalesceMs = opts.coalesceMs ?? 200;
    this.maxBuffered = opts.maxBuffered ?? 256 * 1024;
    this.heartbeat = setInterval(() => this.beat(), opts.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  get counts(): { voters: number; chairs: number; screens: number } {
    return { voters: this.voters.size, chairs: this.chairs.size, screens: this.screens.size };
  }

  /** Takes over the response and keeps it open as an event stream; the first event is the current state. */
  async open(ctx: Context, kind: 'voter' | 'chair' | 'screen', session?: SessionInfo): Promise<void> {
    if (this.voters.size + this.chairs.size + this.screens.size >= MAX_STREAMS) {
      ctx.status = 503;
      return;
    }
    ctx.respond = false;
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    const res = ctx.res;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const client: Client = { res, ...(session ? { session } : {}) };
    const set = kind === 'voter' ? this.voters : kind === 'chair' ? this.chairs : this.screens;
    set.add(client);
    if (session) {
      session.streams += 1;
      this.onPresenceChange();
    }
    let closed = false;
    const done = () => {
      if (closed) return;
      closed = true;
      set.delete(client);
      if (session) {
        session.streams = Math.max(0, session.streams - 1);
        session.lastSeen = Date.now();
        this.onPresenceChange();
      }
    };
    res.on('close', done);
    res.on('error', done);
    res.write('retry: 3000\n\n');
    if (kind === 'voter' && session) {
      const p = this.payloads.voter();
      this.send(client, 'state', p.pollId && this.payloads.hasVoted(p.pollId, session) ? p.voted : p.notVoted);
    } else if (kind === 'chair') {
      for (const e of await this.payloads.chair()) this.send(client, e.event, e.data);
    } else {
      this.send(client, 'state', this.payloads.screen());
    }
  }

  private send(client: Client, event: string, data: string): void {
    const { res } = client;
    if (res.destroyed || res.writableEnded) return;
    if (res.writableLength > this.maxBuffered) {
      res.destroy();
      return;
    }
    res.write(`event: ${event}\ndata: ${data}\n\n`);
  }

  /** Sends an event now to every chair console (used for the LED, which must not lag). */
  chairEvent(event: string, data: unknown): void {
    const text = JSON.stringify(data);
    for (const c of this.chairs) this.send(c, event, text);
  }

  /**
   * Leading edge: the first change after a quiet period goes out on the next tick (a poll opening reaches
   * every phone at once); changes within `coalesceMs` of the last flush are gathered into one update.
   */
  schedule(changes: Change[]): void {
    for (const c of changes) this.pending.add(c);
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlushAt + this.coalesceMs - performance.now());
    this.timer = setTimeout(() => void this.flush(), wait);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    this.timer = null;
    this.lastFlushAt = performance.now();
    const pending = this.pending;
    this.pending = new Set();
    try {
      if (pending.has('voters') && this.voters.size > 0) {
        const started = performance.now();
        const p = this.payloads.voter();
        for (const c of this.voters) {
          const voted = p.pollId !== null && c.session !== undefined && this.payloads.hasVoted(p.pollId, c.session);
          this.send(c, 'state', voted ? p.voted : p.notVoted);
        }
        this.lastBroadcastMs = performance.now() - started;
      }
      if (pending.has('screen') && this.screens.size > 0) {
        const data = this.payloads.screen();
        for (const c of this.screens) this.send(c, 'state', data);
      }
      if (pending.has('chair') && this.chairs.size > 0) {
        const events = await this.payloads.chair();
        for (const c of this.chairs) for (const e of events) this.send(c, e.event, e.data);
      }
    } catch (e) {
      this.logger.error({ err: e }, 'event stream update failed');
    }
  }

  /** Sends one session's streams its current state now (after its own ballot). */
  sendToSession(session: SessionInfo): void {
    let payload: string | null = null;
    for (const c of this.voters) {
      if (c.session?.tokenHash !== session.tokenHash) continue;
      if (payload === null) {
        const p = this.payloads.voter();
        payload = p.pollId !== null && this.payloads.hasVoted(p.pollId, session) ? p.voted : p.notVoted;
      }
      this.send(c, 'state', payload);
    }
  }

  /** Ends the streams of a session (logout, release by the chair). */
  closeSession(tokenHash: string): void {
    for (const c of this.voters) if (c.session?.tokenHash === tokenHash) c.res.end();
  }

  /** Ends every voter and screen stream (the event is gone); their clients reconnect and meet no_event. */
  endEventStreams(): void {
    for (const set of [this.voters, this.screens]) for (const c of set) c.res.end();
  }

  closeAll(): void {
    clearInterval(this.heartbeat);
    if (this.timer) clearTimeout(this.timer);
    for (const set of [this.voters, this.chairs, this.screens]) for (const c of set) c.res.end();
  }

  private beat(): void {
    for (const set of [this.voters, this.chairs, this.screens]) for (const c of set) if (!c.res.destroyed) c.res.write(': heartbeat\n\n');
  }
}
