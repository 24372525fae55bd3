// Time for the gesture machine, injectable so tests can step through 5 s holds and 10 s windows instantly.
export interface GestureClock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Runs fn once after ms; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
}

/**
 * CLOCK_MONOTONIC in ms: the same clock the kernel stamps GPIO edge events with (libgpiod's default event
 * clock), so edge times from gpiomon and timer times agree.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

export const systemGestureClock: GestureClock = {
  now: monotonicMs,
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

/** A clock that only moves when told to; timers fire in order during advance(). */
export interface ManualClock extends GestureClock {
  advance(ms: number): void;
  pendingTimers(): number;
}

export function createManualClock(startMs = 1_000): ManualClock {
  let now = startMs;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer(ms, fn) {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return () => timers.delete(id);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
    pendingTimers: () => timers.size,
  };
}
