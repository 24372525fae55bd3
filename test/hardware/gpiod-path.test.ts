// The real libgpiod code path (supervised gpiomon/gpioset child processes, argument building, output
// parsing, restart with back-off) against fake `gpiomon` and `gpioset` executables placed first on PATH.
// The fakes speak libgpiod v2: they accept v2's options, honour gpiomon's --format (%E, %S, %e, %o) and
// stamp events with CLOCK_MONOTONIC like the kernel does; gpioset holds the line until it is killed.
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemGestureClock } from '../../firmware/hardware/gesture-clock.js';
import { createGestureMachine, type GestureAction } from '../../firmware/hardware/gesture-machine.js';
import { parseGpiomonLine } from '../../firmware/hardware/gpiod-format.js';
import { createGpiodButton } from '../../firmware/hardware/gpiod-button.js';
import { createGpiodLed } from '../../firmware/hardware/gpiod-led.js';
import { createLedController } from '../../firmware/hardware/led-controller.js';

let dir: string;
let savedPath: string | undefined;

const FAKE_GPIOMON = `
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_GPIO_LOG, JSON.stringify({ tool: 'gpiomon', args }) + '\\n');
const known = /^(--chip|--bias=(pull-up|pull-down|disabled)|--edges=(both|rising|falling)|--debounce-period=\\d+(us|ms|s)?|--consumer=.+|--format=.+|\\d+)$/;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--chip') { i++; continue; }
  if (!known.test(args[i])) { process.stderr.write('gpiomon: unrecognized option ' + args[i] + '\\ntry gpiomon --help\\n'); process.exit(1); }
}
const format = (args.find((a) => a.startsWith('--format=')) || '').slice('--format='.length);
const offset = args[args.length - 1];
const counter = process.env.FAKE_GPIO_DIR + '/gpiomon-runs';
const run = (fs.existsSync(counter) ? Number(fs.readFileSync(counter, 'utf8')) : 0) + 1;
fs.writeFileSync(counter, String(run));
const script = fs.readFileSync(process.env.FAKE_GPIO_DIR + '/gpiomon-run-' + run, 'utf8').trim().split('\\n');
const t0 = process.hrtime.bigint();
for (const step of script) {
  const [what, at] = step.split(' ');
  if (what === 'exit') process.exit(Number(at));
  if (what === 'hold') setInterval(() => {}, 1 << 30);
  if (what !== 'rising' && what !== 'falling') continue;
  const ns = t0 + BigInt(at) * 1000000n;
  const ts = (ns / 1000000000n) + '.' + String(ns % 1000000000n).padStart(9, '0');
  const line = format
    ? format.replace(/%E/g, what).replace(/%e/g, what === 'rising' ? '1' : '2').replace(/%S/g, ts).replace(/%o/g, offset)
    : ts + '\\t' + what + '\\t' + 'gpiochip0 ' + offset;
  process.stdout.write(line + '\\n');
}
`;

const FAKE_GPIOSET = `
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_GPIO_LOG, JSON.stringify({ tool: 'gpioset', args, pid: process.pid }) + '\\n');
const known = /^(--chip|--consumer=.+|--toggle=\\d+(us|ms|s)?(,\\d+(us|ms|s)?)*|\\d+=[01])$/;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--chip') { i++; continue; }
  if (!known.test(args[i])) { process.stderr.write('gpioset: unrecognized option ' + args[i] + '\\n'); process.exit(1); }
}
setInterval(() => {}, 1 << 30);
`;

async function tool(name: string, body: string): Promise<void> {
  const path = join(dir, name);
  await writeFile(path, `#!${process.execPath}\n${body}`);
  await chmod(path, 0o755);
}

async function calls(): Promise<{ tool: string; args: string[]; pid?: number }[]> {
  try {
    return (await readFile(join(dir, 'calls.log'), 'utf8')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conclave-gpiod-'));
  await tool('gpiomon', FAKE_GPIOMON);
  await tool('gpioset', FAKE_GPIOSET);
  savedPath = process.env.PATH;
  process.env.PATH = `${dir}:${process.env.PATH}`;
  process.env.FAKE_GPIO_DIR = dir;
  process.env.FAKE_GPIO_LOG = join(dir, 'calls.log');
});
after(async () => {
  process.env.PATH = savedPath;
  await rm(dir, { recursive: true, force: true });
});

test('the parser reads our --format, v2 default and v1 default lines', () => {
  assert.deepEqual(parseGpiomonLine('falling 12.000000345'), { edge: 'falling', ns: 12_000_000_345n });
  assert.deepEqual(parseGpiomonLine('12.500000000\trising\t"GPIO17"'), { edge: 'rising', ns: 12_500_000_000n });
  assert.deepEqual(parseGpiomonLine('event:  RISING EDGE offset: 17 timestamp: [     1.000000001]'), { edge: 'rising', ns: 1_000_000_001n });
  assert.equal(parseGpiomonLine('Monitoring line 17...'), null);
});

test('gpiomon edges drive the gestures; a dying gpiomon is restarted', async () => {
  // Run 1: a clean short press, then gpiomon dies. Run 2: a bouncy long press (5.2 s by the kernel
  // timestamps), a confirming short press, then it stays up.
  await writeFile(join(dir, 'gpiomon-run-1'), 'falling 0\nrising 150\nexit 3\n');
  await writeFile(join(dir, 'gpiomon-run-2'), 'falling 0\nrising 3\nfalling 9\nrising 5200\nfalling 5500\nrising 5600\nhold\n');
  const actions: GestureAction[] = [];
  const machine = createGestureMachine({ clock: systemGestureClock, onAction: (a) => actions.push(a) });
  const statuses: number[] = [];
  const button = createGpiodButton({ chip: 'gpiochip0', line: 17, minBackoffMs: 50, onStatus: (s) => statuses.push(s.restarts) });
  button.onEdge((e) => machine.edge(e, 'button'));
  button.start();
  try {
    // Generous: two node-based fake gpiomon starts and a back-off, on a machine that may be busy with other suites.
    await until(() => actions.length >= 3, 'three gestures', 20_000);
    assert.deepEqual(actions, [
      { type: 'close-poll', source: 'button' },
      { type: 'wipe-armed', source: 'button' },
      { type: 'wipe-confirmed', source: 'button' },
    ]);
    assert.equal(button.status().restarts, 1);
    assert.match(button.status().lastExit ?? '', /exited 3/);
    const mon = (await calls()).filter((c) => c.tool === 'gpiomon');
    assert.equal(mon.length, 2);
    assert.deepEqual(mon[0]!.args, ['--chip', 'gpiochip0', '--bias=pull-up', '--edges=both', '--debounce-period=30ms', '--consumer=conclaved', '--format=%E %S', '17']);
  } finally {
    await button.stop();
    machine.dispose();
  }
  assert.equal(button.status().running, false);
});

test('gpioset shows each LED pattern as one held process, replaced on change and restarted when killed', async () => {
  const led = createGpiodLed({ chip: 'gpiochip0', line: 27, minBackoffMs: 50 });
  const controller = createLedController(led, 'booting');
  const mirrored: string[] = [];
  controller.subscribe((p) => mirrored.push(p));
  try {
    const runs = async () => (await calls()).filter((c) => c.tool === 'gpioset').length;
    await until(async () => (await runs()) === 1, 'gpioset for heartbeat');
    const steps = [() => controller.setState('poll-open'), () => controller.setWipeArmed(true), () => controller.setWipeArmed(false), () => controller.setState('ready')];
    for (const [i, step] of steps.entries()) {
      step();
      await until(async () => (await runs()) === i + 2, `gpioset run ${i + 2}`);
    }
    // Changes faster than a process swap end on the last one (the one in between may or may not have
    // started, depending on how fast the old process exits); never two gpiosets at once.
    controller.setState('poll-open');
    controller.setState('ready');
    await until(async () => (await calls()).filter((c) => c.tool === 'gpioset').at(-1)?.args.slice(2).join(' ') === '--consumer=conclaved 27=1' && (await runs()) >= 6, 'the last pattern');
    await sleep(300);
    const set = (await calls()).filter((c) => c.tool === 'gpioset');
    assert.deepEqual(set.slice(0, 5).map((c) => c.args.slice(2)), [
      ['--consumer=conclaved', '--toggle=100ms,150ms,100ms,650ms', '27=1'],
      ['--consumer=conclaved', '--toggle=1000ms,1000ms', '27=1'],
      ['--consumer=conclaved', '--toggle=150ms,150ms', '27=1'],
      ['--consumer=conclaved', '--toggle=1000ms,1000ms', '27=1'],
      ['--consumer=conclaved', '27=1'],
    ]);
    const burst = set.slice(5).map((c) => c.args.slice(2).join(' '));
    assert.ok(
      JSON.stringify(burst) === JSON.stringify(['--consumer=conclaved 27=1']) ||
        JSON.stringify(burst) === JSON.stringify(['--consumer=conclaved --toggle=1000ms,1000ms 27=1', '--consumer=conclaved 27=1']),
      `unexpected runs after the burst: ${JSON.stringify(burst)}`,
    );
    assert.deepEqual(mirrored, ['slow-blink', 'fast-blink', 'slow-blink', 'on', 'slow-blink', 'on']);
    // Only the last one is still alive.
    const alive = set.filter((c) => {
      try {
        process.kill(c.pid!, 0);
        return true;
      } catch {
        return false;
      }
    });
    assert.deepEqual(alive.map((c) => c.pid), [led.pid()]);
    // Something kills gpioset: it comes back with the same pattern.
    process.kill(led.pid()!, 'SIGKILL');
    await until(async () => (await runs()) === set.length + 1, 'gpioset restarted');
    assert.deepEqual((await calls()).at(-1)!.args.slice(2), ['--consumer=conclaved', '27=1']);
    assert.equal(led.status().restarts, 1);
  } finally {
    await led.stop();
  }
  assert.equal(led.pid(), undefined);
});
