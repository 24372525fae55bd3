// The button's gestures (DESIGN §8): a short press (< 2 s) closes the open poll; a long press (≥ 5 s) arms
// the wipe; a short press within 10 s of the long press's release confirms it, otherwise it disarms.
// Fed by raw edges from the button or by whole presses from the console / simulation.
import type { AuditSource } from '../audit/chain.js';
import type { ButtonEdge } from './button.js';
import type { GestureClock } from './gesture-clock.js';

/** Who pressed: the physical button, the chair console, or the simulation's terminal key / dev endpoint. */
export type GestureSource = AuditSource;

export type GestureAction =
  | { type: 'close-poll'; source: GestureSource }
  | { type: 'wipe-armed'; source: GestureSource }
  | { type: 'wipe-confirmed'; source: GestureSource }
  | { type: 'wipe-disarmed'; reason: 'timeout' | 'lost-release' }
  /** A press between 2 s and 5 s means nothing; it is still reported so the audit chain has every press. */
  | { type: 'press-ignored'; source: GestureSource; durationMs: number };

export const DEBOUNCE_MS = 30;
export const SHORT_MAX_MS = 2_000;
export const LONG_MIN_MS = 5_000;
export const CONFIRM_WINDOW_MS = 10_000;

export type GestureState = 'idle' | 'held' | 'armed' | 'armed-held';

export interface GestureMachine {
  /** Raw edge from a physical (or simulated) button. */
  edge(edge: ButtonEdge, source?: GestureSource): void;
  /** A whole press from the console or the simulation endpoint. */
  press(kind: 'short' | 'long', source: GestureSource): void;
  state(): GestureState;
  dispose(): void;
}

export interface GestureMachineOptions {
  clock: GestureClock;
  onAction: (action: GestureAction) => void;
}

export function createGestureMachine({ clock, onAction }: GestureMachineOptions): GestureMachine {
  let lastEdgeAt: number | null = null;
  let held: { at: number; source: GestureSource; cancelLong: () => void; armedByHold: boolean } | null = null;
  /** Set while the wipe is armed; `expiredAt` notes a window that ran out during a press still held. */
  let armed: { cancel: () => void; expiredAt: number | null } | null = null;

  function disarm(): void {
    armed?.cancel();
    armed = null;
  }

  function openWindow(): void {
    armed?.cancel();
    const window = { cancel: () => {}, expiredAt: null as number | null };
    window.cancel = clock.setTimer(CONFIRM_WINDOW_MS, () => {
      if (armed !== window) return;
      if (held) {
        // Decided at release: a press that began inside the window may still confirm.
        window.expiredAt = clock.now();
        return;
      }
      armed = null;
      onAction({ type: 'wipe-disarmed', reason: 'timeout' });
    });
    armed = window;
  }

  function arm(source: GestureSource): void {
    openWindow();
    onAction({ type: 'wipe-armed', source });
  }

  function shortPress(source: GestureSource, startedAt: number): void {
    if (armed) {
      const inWindow = armed.expiredAt === null || startedAt < armed.expiredAt;
      disarm();
      onAction(inWindow ? { type: 'wipe-confirmed', source } : { type: 'wipe-disarmed', reason: 'timeout' });
      if (inWindow) return;
    }
    onAction({ type: 'close-poll', source });
  }

  function down(at: number, source: GestureSource): void {
    // A press while one is held means its release was lost (e.g. gpiomon restarted meanwhile): the old
    // press is dropped rather than ending, much later, as an accidental long press, and a wipe it armed
    // is disarmed so that this press cannot confirm it.
    if (held) {
      held.cancelLong();
      if (held.armedByHold && armed) {
        disarm();
        onAction({ type: 'wipe-disarmed', reason: 'lost-release' });
      }
      held = null;
    }
    const press = {
      at,
      source,
      armedByHold: false,
      cancelLong: () => {},
    };
    // The edge may have been stamped a little before we saw it; a lag beyond a second means another time base.
    const lag = clock.now() - at;
    press.cancelLong = clock.setTimer(LONG_MIN_MS - (lag > 0 && lag < 1_000 ? lag : 0), () => {
      if (held !== press) return;
      press.armedByHold = true;
      // Feedback while still held: the LED starts fast-blinking so the chair knows to let go.
      arm(source);
    });
    held = press;
  }

  function up(at: number): void {
    const press = held;
    if (!press) return;
    held = null;
    press.cancelLong();
    const duration = at - press.at;
    if (duration >= LONG_MIN_MS) {
      if (press.armedByHold && armed) openWindow(); // the window counts from the release
      else arm(press.source);
      return;
    }
    if (duration < SHORT_MAX_MS) {
      shortPress(press.source, press.at);
      return;
    }
    if (armed?.expiredAt != null) {
      disarm();
      onAction({ type: 'wipe-disarmed', reason: 'timeout' });
    }
    onAction({ type: 'press-ignored', source: press.source, durationMs: Math.round(duration) });
  }

  return {
    edge(edge, source = 'button') {
      if (lastEdgeAt !== null && edge.atMs - lastEdgeAt < DEBOUNCE_MS && edge.atMs >= lastEdgeAt) return;
      lastEdgeAt = edge.atMs;
      if (edge.kind === 'down') down(edge.atMs, source);
      else up(edge.atMs);
    },
    press(kind, source) {
      if (held) return;
      if (kind === 'long') arm(source);
      else shortPress(source, clock.now());
    },
    state() {
      if (held) return armed ? 'armed-held' : 'held';
      return armed ? 'armed' : 'idle';
    },
    dispose() {
      held?.cancelLong();
      held = null;
      disarm();
    },
  };
}
