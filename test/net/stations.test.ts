import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import {
  clientLimit,
  countAllSta,
  countStationDump,
  FakeStationCounter,
  LeaseFileStationCounter,
  stationCounterFor,
  warnThreshold,
  HostapdStationCounter,
  NoStationCounter,
} from '../../firmware/net/stations.js';
import { withTempDirAsync } from './real-tools.js';

const ALL_STA = `02:11:22:33:44:55
flags=[AUTH][ASSOC][AUTHORIZED][WMM][HT]
aid=1
rx_packets=120
connected_time=35
3a:aa:bb:cc:dd:ee
flags=[AUTH][ASSOC][AUTHORIZED][WMM]
aid=2
connected_time=4
`;
const STATION_DUMP = `Station 02:11:22:33:44:55 (on wlan0)
	inactive time:	120 ms
	rx bytes:	10240
	signal:  	-52 dBm
Station 3a:aa:bb:cc:dd:ee (on wlan0)
	inactive time:	40 ms
Station 7e:00:00:00:00:01 (on wlan0)
	inactive time:	4000 ms
`;

test('client limits per mode and the 80 % warning', () => {
  assert.deepEqual(
    (['onboard', 'usb-radio', 'external-ap', 'venue'] as const).map((m) => [clientLimit(m), warnThreshold(m)]),
    [[19, 16], [30, 24], [500, 400], [0, null]],
  );
});

test('counts hostapd_cli all_sta and iw station dump output', () => {
  assert.equal(countAllSta(ALL_STA), 2);
  assert.equal(countAllSta(''), 0);
  assert.equal(countStationDump(STATION_DUMP), 3);
});

test('lease-file counter counts unexpired leases only', async () => {
  await withTempDirAsync(async (dir) => {
    const file = join(dir, 'leases');
    writeFileSync(file, '2000 02:00:00:00:00:01 10.42.0.10 * 01:02\n500 02:00:00:00:00:02 10.42.0.11 * *\n0 02:00:00:00:00:03 10.42.0.12 * *\n');
    assert.equal(await new LeaseFileStationCounter(file, () => 1000_000).count(), 2);
    assert.equal(await new LeaseFileStationCounter(join(dir, 'missing')).count(), 0);
  });
});

test('picks the right counter per mode; fake is settable', async () => {
  assert.ok(stationCounterFor('onboard', { radio: 'wlan0' }) instanceof HostapdStationCounter);
  assert.ok(stationCounterFor('external-ap', {}) instanceof LeaseFileStationCounter);
  assert.ok(stationCounterFor('venue', {}) instanceof NoStationCounter);
  const fake = new FakeStationCounter(3);
  fake.clients = 17;
  assert.equal(await fake.count(), 17);
});

test('the real counter fails cleanly when there is no such radio', async () => {
  await assert.rejects(new HostapdStationCounter({ iface: 'cnvnone0', ctrlDir: '/nonexistent', timeoutMs: 3000 }).count());
});
