// Bundles every entry point with esbuild: the Node services and CLIs into dist/*.js, and the web UI
// (when present) through webui/build.mjs. Native modules (lmdb) stay external and load from node_modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const entries = {
  conclaved: 'firmware/main.ts',
  'conclave-netconfig': 'firmware/net/netconfig-cli.ts',
  'conclave-provision': 'provision/cli.ts',
};
const external = ['lmdb', 'msgpackr', 'msgpackr-extract', 'node-gyp-build-optional-packages', 'playwright-core'];

for (const [name, entry] of Object.entries(entries)) {
  if (!existsSync(entry)) continue;
  await build({
    entryPoints: [entry],
    outfile: `dist/${name}.js`,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    external,
    banner: {
      // Bundled CommonJS dependencies (pino) call require(); give the ESM bundle one.
      js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    define: { __CONCLAVE_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
}

if (existsSync('webui/build.mjs')) {
  const { buildWebui } = await import('../webui/build.mjs');
  await buildWebui();
}
