// Gestures on a manual clock: short, long, confirm, timeout, bounce, and the console's whole presses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createManualClock } from '../../firmware/hardware/gesture-clock.js';
import { createGestureMachine, type GestureAction } from '../../firmware/hardware/gesture-machine.js';

function setup() {
  const clock = createManualClock(10_000);
  const actions: GestureAction[] = [];
  const machine = createGestureMachine({ clock, onAction: (a) => actions.push(a) });
  /** Presses the physical button for `ms`, letting the clock run while it is held. */
  const hold = (ms: number) => {
    machine.edge({ kind: 'down', atMs: clock.now() });
    clock.advance(ms);
    machine.edge({ kind: 'up', atMs: clock.now() });
  };
  return { clock, actions, machine, hold };
}

test('a short press closes the open poll', () => {
  const { actions, hold, machine } = setup();
  hold(300);
  assert.deepEqual(actions, [{ type: 'close-poll', source: 'button' }]);
  assert.equal(machine.state(), 'idle');
});

test('a long press arms the wipe while still held; a short press within 10 s of release confirms', () => {
  const { clock, actions, hold, machine } = setup();
  machine.edge({ kind: 'down', atMs: clock.now() });
  clock.advance(4_999);
  assert.deepEqual(actions, []);
  clock.advance(1);
  assert.deepEqual(actions, [{ type: 'wipe-armed', source: 'button' }], 'armed at 5 s, before release');
  clock.advance(3_000);
  machine.edge({ kind: 'up', atMs: clock.now() });
  assert.equal(machine.state(), 'armed');
  clock.advance(9_500); // 9.5 s after release: the window counts from the release
  hold(200);
  assert.deepEqual(actions, [
    { type: 'wipe-armed', source: 'button' },
    { type: 'wipe-confirmed', source: 'button' },
  ]);
  assert.equal(machine.state(), 'idle');
  assert.equal(clock.pendingTimers(), 0);
});

test('without a confirming press the wipe disarms after 10 s, and the next short press closes a poll again', () => {
  const { clock, actions, hold } = setup();
  hold(6_000);
  clock.advance(9_999);
  assert.equal(actions.length, 1);
  clock.advance(1);
  assert.deepEqual(actions.at(-1), { type: 'wipe-disarmed', reason: 'timeout' });
  hold(100);
  assert.deepEqual(actions.at(-1), { type: 'close-poll', source: 'button' });
});

test('a confirming press that starts inside the window but ends after it still confirms; one that starts after does not', () => {
  const a = setup();
  a.hold(5_000);
  a.clock.advance(9_900);
  a.hold(300); // window expires while held
  assert.deepEqual(a.actions.map((x) => x.type), ['wipe-armed', 'wipe-confirmed']);

  const b = setup();
  b.hold(5_000);
  b.clock.advance(10_050);
  b.hold(100);
  assert.deepEqual(b.actions.map((x) => x.type), ['wipe-armed', 'wipe-disarmed', 'close-poll']);
});

test('presses between 2 s and 5 s do nothing but are reported; a medium press does not confirm', () => {
  const { clock, actions, hold, machine } = setup();
  hold(2_000);
  assert.deepEqual(actions, [{ type: 'press-ignored', source: 'button', durationMs: 2_000 }]);
  clock.advance(500);
  hold(1_999);
  assert.deepEqual(actions.at(-1), { type: 'close-poll', source: 'button' });
  clock.advance(500);
  hold(5_000);
  clock.advance(500);
  hold(3_000);
  assert.equal(actions.at(-1)!.type, 'press-ignored');
  assert.equal(machine.state(), 'armed', 'still armed, window still running');
  clock.advance(6_499);
  assert.equal(actions.at(-1)!.type, 'press-ignored');
  clock.advance(1);
  assert.deepEqual(actions.at(-1), { type: 'wipe-disarmed', reason: 'timeout' });
});

test('contact bounce: edges less than 30 ms apart are ignored', () => {
  const { clock, actions, machine } = setup();
  const t0 = clock.now();
  // A bouncy press: down, 3 bounces within 12 ms, held 400 ms, bouncy release.
  for (const [kind, dt] of [['down', 0], ['up', 4], ['down', 8], ['up', 12], ['down', 15]] as const) machine.edge({ kind, atMs: t0 + dt });
  clock.advance(400);
  for (const [kind, dt] of [['up', 400], ['down', 405], ['up', 411], ['down', 420], ['up', 428]] as const) machine.edge({ kind, atMs: t0 + dt });
  assert.deepEqual(actions, [{ type: 'close-poll', source: 'button' }], 'one press, not five');
  // A second, clean press 30 ms later is a real press.
  clock.advance(100);
  machine.edge({ kind: 'down', atMs: t0 + 460 });
  machine.edge({ kind: 'up', atMs: t0 + 560 });
  assert.equal(actions.length, 2);
});

test('a lost release neither becomes a long press nor lets the next press confirm a wipe it armed', () => {
  const { clock, actions, machine, hold } = setup();
  machine.edge({ kind: 'down', atMs: clock.now() });
  clock.advance(6_000); // armed by the hold; the release never arrives
  clock.advance(1_000);
  hold(200);
  assert.deepEqual(actions, [
    { type: 'wipe-armed', source: 'button' },
    { type: 'wipe-disarmed', reason: 'lost-release' },
    { type: 'close-poll', source: 'button' },
  ]);
  assert.equal(machine.state(), 'idle');
});

test('a release without a press, or a second press edge while held, changes nothing', () => {
  const { clock, actions, machine } = setup();
  machine.edge({ kind: 'up', atMs: clock.now() });
  clock.advance(100);
  machine.edge({ kind: 'down', atMs: clock.now() });
  clock.advance(100);
  machine.edge({ kind: 'down', atMs: clock.now() });
  clock.advance(100);
  machine.edge({ kind: 'up', atMs: clock.now() });
  assert.deepEqual(actions, [{ type: 'close-poll', source: 'button' }]);
});

test('console presses: long arms, short confirms; short alone closes; sources are kept', () => {
  const { clock, actions, machine } = setup();
  machine.press('short', 'console');
  machine.press('long', 'dev');
  clock.advance(5_000);
  machine.press('short', 'console');
  assert.deepEqual(actions, [
    { type: 'close-poll', source: 'console' },
    { type: 'wipe-armed', source: 'dev' },
    { type: 'wipe-confirmed', source: 'console' },
  ]);
  machine.press('long', 'console');
  clock.advance(10_000);
  assert.deepEqual(actions.at(-1), { type: 'wipe-disarmed', reason: 'timeout' });
  machine.dispose();
  assert.equal(clock.pendingTimers(), 0);
});
