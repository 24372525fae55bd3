import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../firmware/net/write-atomic.js';
import { withTempDirAsync } from './real-tools.js';

test('atomic write: replaces content, applies the mode, leaves no temp file', async () => {
  await withTempDirAsync(async (dir) => {
    const p = join(dir, 'hostapd.conf');
    await writeFileAtomic(p, 'old\n');
    await writeFileAtomic(p, 'new\n', 0o600);
    assert.equal(readFileSync(p, 'utf8'), 'new\n');
    assert.equal(statSync(p).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['hostapd.conf']);
    await assert.rejects(writeFileAtomic(join(dir, 'missing', 'x.conf'), 'x'));
    assert.deepEqual(readdirSync(dir), ['hostapd.conf']);
  });
});
