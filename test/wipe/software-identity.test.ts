import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { softwareIdentity } from '../../firmware/wipe/software-identity.js';

test('the software hash covers the bundle and the web UI files, and changes when any of them does', async () => {
  const dist = await mkdtemp(join(tmpdir(), 'conclave-dist-'));
  try {
    assert.match((await softwareIdentity(dist, '1.2.3')).hash, /^unavailable/);
    await writeFile(join(dist, 'conclaved.js'), 'console.log(1)\n');
    const a = await softwareIdentity(dist, '1.2.3');
    assert.equal(a.version, '1.2.3');
    assert.match(a.hash, /^sha256:[0-9a-f]{64}$/);
    await mkdir(join(dist, 'webui', 'voter'), { recursive: true });
    await writeFile(join(dist, 'webui', 'voter', 'index.html'), '<p>vote</p>');
    const b = await softwareIdentity(dist, '1.2.3');
    assert.notEqual(b.hash, a.hash);
    assert.equal((await softwareIdentity(dist, '1.2.3')).hash, b.hash, 'stable');
    await writeFile(join(dist, 'webui', 'voter', 'index.html'), '<p>vote!</p>');
    assert.notEqual((await softwareIdentity(dist, '1.2.3')).hash, b.hash);
  } finally {
    await rm(dist, { recursive: true, force: true });
  }
});
