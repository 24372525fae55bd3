import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPool } from '../../firmware/net/pool.js';

test('pool sizes per subnet, never containing the appliance, network or broadcast address', () => {
  assert.deepEqual(planPool('10.42.0.1', 24, 38), { start: '10.42.0.10', end: '10.42.0.47', size: 38, netmask: '255.255.255.0', complete: true });
  assert.deepEqual(planPool('10.42.0.1', 24, 1000), { start: '10.42.0.10', end: '10.42.0.254', size: 245, netmask: '255.255.255.0', complete: false });
  assert.deepEqual(planPool('10.50.0.1', 22, 1000), { start: '10.50.0.10', end: '10.50.3.241', size: 1000, netmask: '255.255.252.0', complete: true });
  const mid = planPool('192.168.7.100', 24, 500);
  assert.deepEqual(mid, { start: '192.168.7.101', end: '192.168.7.254', size: 154, netmask: '255.255.255.0', complete: false });
  const tiny = planPool('10.0.0.1', 29, 38);
  assert.deepEqual(tiny, { start: '10.0.0.2', end: '10.0.0.6', size: 5, netmask: '255.255.255.248', complete: false });
  assert.equal(planPool('10.0.0.0', 24, 10), null);
  assert.equal(planPool('10.0.0.255', 24, 10), null);
});
