// The real LED: one supervised `gpioset` (libgpiod v2) per pattern. Blinking is gpioset's own --toggle
// cycle, so the pattern keeps running even when the service is busy; a new pattern replaces the process.
import type { Logger } from '../log.js';
import { gpiosetArgs, type GpioLine } from './gpiod-format.js';
import type { Led, LedPattern } from './led.js';
import { superviseProcess, type SupervisorStatus } from './supervised-process.js';

export interface GpiodLedOptions extends GpioLine {
  logger?: Pick<Logger, 'warn' | 'info'>;
  onStatus?: (status: SupervisorStatus) => void;
  command?: string;
  minBackoffMs?: number;
}

export function createGpiodLed(options: GpiodLedOptions): Led & { status(): SupervisorStatus; pid(): number | undefined } {
  let current: LedPattern | null = null;
  const proc = superviseProcess({
    name: 'gpioset',
    command: options.command ?? 'gpioset',
    args: gpiosetArgs(options, 'heartbeat'),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onStatus ? { onStatus: options.onStatus } : {}),
    ...(options.minBackoffMs !== undefined ? { minBackoffMs: options.minBackoffMs } : {}),
  });
  return {
    show(pattern) {
      if (pattern === current) return;
      const first = current === null;
      current = pattern;
      if (first) {
        proc.restartWith(gpiosetArgs(options, pattern));
        proc.start();
      } else {
        proc.restartWith(gpiosetArgs(options, pattern));
      }
    },
    stop: () => proc.stop(),
    status: () => proc.status(),
    pid: () => proc.pid(),
  };
}
