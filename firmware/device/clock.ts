// The Pi has no real-time clock. The chair console's clock at login becomes the declared time; we keep
// its offset against the monotonic clock and never set the system time.
export interface TimeStamp {
  /** Declared wall time (ISO 8601) or null when no console has declared one yet. */
  declared: string | null;
  /** Milliseconds since this process started, from the monotonic clock. */
  monotonicMs: number;
  source: 'chair-console' | 'none';
}

export interface DeclaredClock {
  declare(iso: string): void;
  now(): TimeStamp;
}

export function createDeclaredClock(monotonic: () => number = () => performance.now()): DeclaredClock {
  let offsetMs: number | null = null;
  return {
    declare(iso) {
      const t = Date.parse(iso);
      if (Number.isFinite(t)) offsetMs = t - monotonic();
    },
    now() {
      const m = monotonic();
      return {
        declared: offsetMs === null ? null : new Date(offsetMs + m).toISOString(),
        monotonicMs: Math.round(m),
        source: offsetMs === null ? 'none' : 'chair-console',
      };
    },
  };
}
