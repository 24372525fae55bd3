// The real button: a supervised `gpiomon` (libgpiod v2) watching the line with pull-up and kernel debounce.
// Wired to ground, so a press is a falling edge and a release a rising one.
import type { Logger } from '../log.js';
import { createEdgeHub, type Button } from './button.js';
import { monotonicMs } from './gesture-clock.js';
import { gpiomonArgs, parseGpiomonLine, type GpioLine } from './gpiod-format.js';
import { superviseProcess, type SupervisorStatus } from './supervised-process.js';

export interface GpiodButtonOptions extends GpioLine {
  logger?: Pick<Logger, 'warn' | 'info'>;
  onStatus?: (status: SupervisorStatus) => void;
  command?: string;
  minBackoffMs?: number;
}

/** An edge stamped in another time base (realtime, a v1 tool) is timed on arrival instead. */
const PLAUSIBLE_SKEW_MS = 60_000;

export function createGpiodButton(options: GpiodButtonOptions): Button & { status(): SupervisorStatus } {
  const hub = createEdgeHub();
  const proc = superviseProcess({
    name: 'gpiomon',
    command: options.command ?? 'gpiomon',
    args: gpiomonArgs(options),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onStatus ? { onStatus: options.onStatus } : {}),
    ...(options.minBackoffMs !== undefined ? { minBackoffMs: options.minBackoffMs } : {}),
    onLine(line) {
      const event = parseGpiomonLine(line);
      if (!event) return;
      const now = monotonicMs();
      const stamped = event.ns === null ? now : Number(event.ns / 1000n) / 1000;
      const atMs = Math.abs(stamped - now) <= PLAUSIBLE_SKEW_MS ? stamped : now;
      hub.emit({ kind: event.edge === 'falling' ? 'down' : 'up', atMs });
    },
  });
  return {
    onEdge: hub.subscribe,
    start: () => proc.start(),
    stop: () => proc.stop(),
    status: () => proc.status(),
  };
}
