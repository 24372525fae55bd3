// webui/build.mjs into a temp folder: hashed assets referenced by the pages, no inline script or style
// (the CSP forbids them), precompressed copies identical to the originals, and the size budgets of issue 3.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildWebui, type WebuiManifest } from '../../webui/build.mjs';
import { sizeReport, formatSizeReport } from '../../webui/size-report.mjs';

describe('web UI build', () => {
  let dir = '';
  let manifest: WebuiManifest;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conclave-webui-'));
    manifest = await buildWebui({ outDir: dir });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('writes one page per app that loads only hashed, existing assets', async () => {
    assert.deepEqual(
      Object.values(manifest.apps).map((a) => a.page).sort(),
      ['chair.html', 'index.html', 'screen.html'],
    );
    for (const app of Object.values(manifest.apps)) {
      const html = await readFile(join(dir, app.page), 'utf8');
      assert.equal(app.js.length, 1);
      assert.equal(app.css.length, 1);
      for (const asset of [...app.js, ...app.css]) {
        assert.match(asset, /^assets\/[\w-]+-[A-Z0-9]{8}\.(js|css)$/);
        assert.ok(html.includes(`"/${asset}"`), `${app.page} references ${asset}`);
        assert.ok(manifest.files[asset], `${asset} in manifest`);
      }
    }
  });

  it('puts no inline script, inline style or style attribute in the pages', async () => {
    for (const app of Object.values(manifest.apps)) {
      const html = await readFile(join(dir, app.page), 'utf8');
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
      assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/i);
    }
  });

  it('writes gzip and brotli copies that decompress to the original', async () => {
    for (const [file, sizes] of Object.entries(manifest.files)) {
      const original = await readFile(join(dir, file));
      assert.equal(original.length, sizes.bytes);
      assert.deepEqual(gunzipSync(await readFile(join(dir, `${file}.gz`))), original);
      assert.deepEqual(brotliDecompressSync(await readFile(join(dir, `${file}.br`))), original);
    }
  });

  it('keeps the chair and screen text out of the voter bundle', async () => {
    const js = await readFile(join(dir, manifest.apps.voter.js[0]!), 'utf8');
    assert.ok(js.includes('Your vote is counted'));
    assert.ok(!js.includes('Wipe the event'), 'chair catalogue leaked into the voter app');
    assert.ok(!js.includes('Join the vote'), 'screen catalogue leaked into the voter app');
  });

  it('stays within the size budgets (voter 25 kB total and 15 kB JS gzip, chair 120 kB)', async () => {
    const report = await sizeReport({ dir });
    assert.ok(report.ok, `over budget:\n${formatSizeReport(report)}`);
    assert.ok(report.voter.totalGzip > 1000, 'report measured real files');
  });
});
