// The LED and its language (DESIGN §8). A pattern is a repeating list of on/off durations; the real LED
// hands the whole list to one gpioset process, so blinking needs no timers in the service.
export type LedPattern = 'heartbeat' | 'on' | 'slow-blink' | 'fast-blink' | 'very-fast' | 'off' | 'sos';

export const LED_PATTERNS: readonly LedPattern[] = ['heartbeat', 'on', 'slow-blink', 'fast-blink', 'very-fast', 'off', 'sos'];

/** Durations in ms, starting lit and alternating lit/dark; an even count so the cycle repeats from "lit". */
export type BlinkCycle = readonly number[];

const DOT = 200;
const DASH = 600;
const GAP = 200;
const LETTER = 600;
const WORD = 1400;
const letter = (marks: number[], after: number) => marks.flatMap((m, i) => [m, i === marks.length - 1 ? after : GAP]);

export const PATTERN_CYCLES: Record<LedPattern, { level: 0 | 1 } | { cycle: BlinkCycle }> = {
  on: { level: 1 },
  off: { level: 0 },
  heartbeat: { cycle: [100, 150, 100, 650] },
  'slow-blink': { cycle: [1000, 1000] },
  'fast-blink': { cycle: [150, 150] },
  'very-fast': { cycle: [50, 50] },
  sos: { cycle: [...letter([DOT, DOT, DOT], LETTER), ...letter([DASH, DASH, DASH], LETTER), ...letter([DOT, DOT, DOT], WORD)] },
};

export interface Led {
  show(pattern: LedPattern): void;
  stop(): Promise<void>;
}
