import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFakeLed } from '../../firmware/hardware/fake-devices.js';
import { PATTERN_CYCLES } from '../../firmware/hardware/led.js';
import { createLedController } from '../../firmware/hardware/led-controller.js';

test('the LED language of DESIGN §8, with the armed wipe shown over ready / poll-open', () => {
  const led = createFakeLed();
  const c = createLedController(led);
  const seen: string[] = [];
  c.subscribe((p) => seen.push(p));
  assert.equal(c.pattern(), 'heartbeat');
  c.setState('ready');
  c.setState('poll-open');
  c.setWipeArmed(true);
  assert.equal(c.pattern(), 'fast-blink');
  c.setState('ready'); // the poll closed while armed: still armed
  assert.equal(c.pattern(), 'fast-blink');
  c.setState('wiping');
  c.setState('wiped');
  c.setState('fault');
  assert.deepEqual(seen, ['on', 'slow-blink', 'fast-blink', 'very-fast', 'off', 'sos']);
  assert.deepEqual(led.history(), ['heartbeat', 'on', 'slow-blink', 'fast-blink', 'very-fast', 'off', 'sos']);
  c.setState('ready');
  assert.equal(c.pattern(), 'on', 'wiping cleared the armed state');
});

test('every blinking pattern is an even cycle starting lit; SOS spells ... --- ...', () => {
  for (const [name, spec] of Object.entries(PATTERN_CYCLES)) {
    if ('cycle' in spec) assert.equal(spec.cycle.length % 2, 0, name);
  }
  const sos = PATTERN_CYCLES.sos;
  assert.ok('cycle' in sos);
  const lit = sos.cycle.filter((_, i) => i % 2 === 0);
  assert.deepEqual(lit.map((ms) => (ms < 400 ? '.' : '-')).join(''), '...---...');
});
