// The LED language (DESIGN §8) from the appliance's state: one place decides the pattern, the LED shows
// it and subscribers (the chair's event stream, GET /api/dev/led) mirror it.
import type { Led, LedPattern } from './led.js';

export type ApplianceState = 'booting' | 'ready' | 'poll-open' | 'wiping' | 'wiped' | 'fault';

const BASE: Record<ApplianceState, LedPattern> = {
  booting: 'heartbeat',
  ready: 'on',
  'poll-open': 'slow-blink',
  wiping: 'very-fast',
  wiped: 'off',
  fault: 'sos',
};

export interface LedController {
  setState(state: ApplianceState): void;
  /** The armed wipe shows over ready / poll-open until confirmed or disarmed. */
  setWipeArmed(armed: boolean): void;
  state(): ApplianceState;
  pattern(): LedPattern;
  subscribe(listener: (pattern: LedPattern) => void): () => void;
}

export function createLedController(led: Led, initial: ApplianceState = 'booting'): LedController {
  let state = initial;
  let armed = false;
  const listeners = new Set<(pattern: LedPattern) => void>();
  const compute = (): LedPattern => (armed && (state === 'ready' || state === 'poll-open') ? 'fast-blink' : BASE[state]);
  let shown = compute();
  led.show(shown);
  const update = () => {
    const next = compute();
    if (next === shown) return;
    shown = next;
    led.show(next);
    for (const l of listeners) l(next);
  };
  return {
    setState(next) {
      state = next;
      if (state === 'wiping' || state === 'wiped' || state === 'fault') armed = false;
      update();
    },
    setWipeArmed(next) {
      armed = next;
      update();
    },
    state: () => state,
    pattern: () => shown,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
