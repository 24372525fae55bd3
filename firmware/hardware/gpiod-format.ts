// Command lines for, and output of, Debian's libgpiod tools.
//
// The appliance runs Debian trixie, whose `gpiod` package is libgpiod v2 (2.x). Its tools differ from v1
// (Debian bookworm's 1.6, which is what a bookworm development machine has installed):
//   v2: gpiomon --chip gpiochip0 --bias=pull-up --edges=both --debounce-period=30ms --format='%E %S' 17
//       default output "<sec>.<nsec>\t<rising|falling>\t<line>"; timestamps from CLOCK_MONOTONIC
//       gpioset --chip gpiochip0 --toggle=150ms,150ms 27=1  (holds the line until killed; the toggle
//       periods repeat unless the last is 0)
//   v1: gpiomon -B pull-up -F '%e %s.%n' gpiochip0 17 ; default output
//       "event:  RISING EDGE offset: 17 timestamp: [<sec>.<nsec>]"; no debounce option, no toggling
//       gpioset (v1 exits at once by default and cannot blink).
// We drive v2 only. The parser also reads v1's and v2's default lines so a mismatch shows up as working
// edges (with our own debounce) rather than silence.
import { PATTERN_CYCLES, type LedPattern } from './led.js';

export interface GpioLine {
  chip: string;
  line: number;
}

export const BUTTON_DEBOUNCE_MS = 30;

export function gpiomonArgs(line: GpioLine, debounceMs = BUTTON_DEBOUNCE_MS): string[] {
  return [
    '--chip', line.chip,
    '--bias=pull-up',
    '--edges=both',
    `--debounce-period=${debounceMs}ms`,
    '--consumer=conclaved',
    '--format=%E %S',
    String(line.line),
  ];
}

export function gpiosetArgs(line: GpioLine, pattern: LedPattern): string[] {
  const spec = PATTERN_CYCLES[pattern];
  const base = ['--chip', line.chip, '--consumer=conclaved'];
  if ('level' in spec) return [...base, `${line.line}=${spec.level}`];
  return [...base, `--toggle=${spec.cycle.map((ms) => `${ms}ms`).join(',')}`, `${line.line}=1`];
}

export interface GpioEdgeEvent {
  edge: 'rising' | 'falling';
  /** Kernel timestamp in ns (CLOCK_MONOTONIC for v2's default event clock), when the line carried one. */
  ns: bigint | null;
}

const OURS = /^(rising|falling)\s+(\d+)\.(\d{9})$/;
const V2_DEFAULT = /^(\d+)\.(\d{9})\t(rising|falling)\t/;
const V1_DEFAULT = /^event:\s+(RISING|FALLING) EDGE offset: \d+ timestamp: \[\s*(\d+)\.(\d{9})\]$/;

const ns = (sec: string, nsec: string) => BigInt(sec) * 1_000_000_000n + BigInt(nsec);

export function parseGpiomonLine(line: string): GpioEdgeEvent | null {
  const text = line.trim();
  let m = OURS.exec(text);
  if (m) return { edge: m[1] as 'rising' | 'falling', ns: ns(m[2]!, m[3]!) };
  m = V2_DEFAULT.exec(text);
  if (m) return { edge: m[3] as 'rising' | 'falling', ns: ns(m[1]!, m[2]!) };
  m = V1_DEFAULT.exec(text);
  if (m) return { edge: m[1] === 'RISING' ? 'rising' : 'falling', ns: ns(m[2]!, m[3]!) };
  return null;
}
