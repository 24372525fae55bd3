// The physical controls as the app sees them (api/deps.ts `Controls`): button edges and console/dev
// presses go through one gesture machine; every gesture is written to the audit chain with its source;
// the LED follows the meeting (ready / poll open), the armed wipe and the wipe itself.
import type { AuditSource } from '../audit/chain.js';
import type { DeclaredClock } from '../device/clock.js';
import type { Logger } from '../log.js';
import type { Meeting } from '../meeting/meeting.js';
import type { Store } from '../store/store.js';
import type { Button } from './button.js';
import { systemGestureClock, type GestureClock } from './gesture-clock.js';
import { createGestureMachine, type GestureAction } from './gesture-machine.js';
import type { Led } from './led.js';
import { createLedController, type LedController } from './led-controller.js';

export interface ApplianceControlsDeps {
  meeting: Meeting;
  store: () => Store;
  clock: DeclaredClock;
  led: Led;
  button?: Button;
  gestureClock?: GestureClock;
  /** Runs the wipe after a confirmed gesture (the same path as the console's wipe). */
  wipe: (source: AuditSource) => Promise<unknown>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface ApplianceControls {
  press(kind: 'short' | 'long', source: AuditSource): Promise<void>;
  ledPattern(): string;
  onLedChange(listener: (pattern: string) => void): void;
  led: LedController;
  /** Re-reads the meeting state for the LED (after start-up, after a wipe). */
  refresh(): void;
  /** Resolves once every gesture so far has been handled. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function createApplianceControls(deps: ApplianceControlsDeps): ApplianceControls {
  const led = createLedController(deps.led, 'booting');
  const audit = async (type: string, source: AuditSource, data: Record<string, string | number | boolean | null> = {}) => {
    try {
      await deps.store().appendAudit({ type, source, data, time: deps.clock.now() });
    } catch (e) {
      deps.logger.error({ err: e, type }, 'could not record a button gesture in the audit chain');
    }
  };

  let pending: Promise<void> = Promise.resolve();
  const handle = async (action: GestureAction): Promise<void> => {
    switch (action.type) {
      case 'close-poll': {
        const r = await deps.meeting.closeOpenPoll(action.source);
        if (!r.ok) deps.logger.warn({ code: r.error.code }, 'button close failed');
        return;
      }
      case 'wipe-armed':
        led.setWipeArmed(true);
        return audit('button.wipe_armed', action.source);
      case 'wipe-disarmed':
        led.setWipeArmed(false);
        return audit('button.wipe_disarmed', 'system', { reason: action.reason });
      case 'press-ignored':
        return audit('button.press_ignored', action.source, { durationMs: action.durationMs });
      case 'wipe-confirmed':
        await audit('button.wipe_confirmed', action.source);
        // The LED goes from fast blink straight to "wiping"; it only falls back if the wipe did not start.
        await deps.wipe(action.source);
        led.setWipeArmed(false);
        return;
    }
  };
  // Gestures are handled one at a time, in order: a close and a wipe must never interleave.
  const machine = createGestureMachine({
    clock: deps.gestureClock ?? systemGestureClock,
    onAction: (action) => {
      pending = pending.then(() => handle(action)).catch((e: unknown) => deps.logger.error({ err: e }, 'gesture handling failed'));
    },
  });
  const unsubscribe = deps.button?.onEdge((edge) => machine.edge(edge, 'button'));
  deps.button?.start();

  const refresh = () => {
    const state = led.state();
    if (state === 'wiping' || state === 'fault') return;
    if (!deps.meeting.hasEvent()) {
      if (state !== 'wiped') led.setState('ready');
      return;
    }
    led.setState(deps.meeting.openPoll() ? 'poll-open' : 'ready');
  };
  deps.meeting.onChange(refresh);

  return {
    async press(kind, source) {
      machine.press(kind, source);
      await pending;
    },
    ledPattern: () => led.pattern(),
    onLedChange: (listener) => void led.subscribe(listener),
    led,
    refresh,
    idle: () => pending,
    async stop() {
      unsubscribe?.();
      machine.dispose();
      await deps.button?.stop();
      await deps.led.stop();
    },
  };
}
