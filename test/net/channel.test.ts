import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { allowedChannels } from '../../firmware/net/hostapd-config/index.js';
import { channelOfFrequency, chooseChannel, FirstScanner, FailingScanner, parseIwScan, RecordedScanner } from '../../firmware/net/channel.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const NL_2G = allowedChannels('2.4', 'NL');

test('recorded iw survey in a hotel: two strong networks on 6 → we avoid 6 and 1, take 11', () => {
  const scan = parseIwScan(fixture('iw-scan-hotel.txt'));
  assert.equal(scan.length, 6);
  assert.deepEqual(scan[0], { channel: 6, signalDbm: -41 });
  assert.deepEqual(scan.at(-1), { channel: 36, signalDbm: -60 });
  const choice = chooseChannel(scan, '2.4', NL_2G);
  assert.equal(choice.channel, 11);
  assert.ok((choice.scores[6] ?? 0) > (choice.scores[1] ?? 0));
  assert.ok((choice.scores[1] ?? 0) > (choice.scores[11] ?? 0));
});

test('recorded node-wifi survey in an office: strong 1 and 11, a faint 7 → 6', () => {
  const raw = JSON.parse(fixture('node-wifi-scan-office.json')) as Array<{ channel: number; signal_level: number }>;
  const scan = raw.map((n) => ({ channel: n.channel, signalDbm: n.signal_level }));
  assert.equal(chooseChannel(scan, '2.4', NL_2G).channel, 6);
  assert.equal(chooseChannel(scan, '5', allowedChannels('5', 'NL')).channel, 40);
});

test('an empty survey and ties keep channel 6; only allowed candidates are offered', () => {
  assert.equal(chooseChannel([], '2.4', NL_2G).channel, 6);
  assert.equal(chooseChannel([{ channel: 6, signalDbm: -30 }], '2.4', NL_2G).channel, 1);
  assert.deepEqual(Object.keys(chooseChannel([], '2.4', NL_2G).scores).sort(), ['1', '11', '6']);
  assert.deepEqual(Object.keys(chooseChannel([], '5', allowedChannels('5', 'NL')).scores).map(Number), [36, 40, 44, 48]);
});

test('frequencies map to channels', () => {
  assert.equal(channelOfFrequency(2412), 1);
  assert.equal(channelOfFrequency(2472), 13);
  assert.equal(channelOfFrequency(2484), 14);
  assert.equal(channelOfFrequency(5180), 36);
  assert.equal(channelOfFrequency(5825), 165);
  assert.equal(channelOfFrequency(60000), null);
});

test('FirstScanner falls through a failing scanner to the next', async () => {
  const s = new FirstScanner([new FailingScanner(), new RecordedScanner([{ channel: 1, signalDbm: -50 }])]);
  assert.deepEqual(await s.scan('wlan0'), [{ channel: 1, signalDbm: -50 }]);
  await assert.rejects(new FirstScanner([new FailingScanner()]).scan('wlan0'));
});
