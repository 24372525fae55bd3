// hostapd-config is self-contained by design (DESIGN §6): it may import Node built-ins and its own files only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

test('hostapd-config imports nothing from the rest of the firmware or from packages', () => {
  const dir = new URL('../../firmware/net/hostapd-config/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 5);
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    for (const m of text.matchAll(/\bfrom\s+'([^']+)'/g)) {
      const spec = m[1] ?? '';
      assert.ok(/^\.\/[\w-]+\.js$/.test(spec) || spec.startsWith('node:'), `${f} imports ${spec}`);
    }
  }
});
