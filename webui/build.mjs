// Builds the three web apps into dist/webui: content-hashed JS and CSS under assets/, one HTML page per app
// (index.html = voter at /, chair.html at /chair, screen.html at /screen), a gzip and a brotli copy of every
// file so the appliance never compresses at request time, and manifest.json listing what each page loads
// (the size report and the static-file server read it). No inline script or style: the CSP forbids them.
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const APPS = {
  voter: { page: 'index.html', title: 'Conclave', viewport: 'width=device-width, initial-scale=1' },
  chair: { page: 'chair.html', title: 'Conclave · chair', viewport: 'width=device-width, initial-scale=1' },
  screen: { page: 'screen.html', title: 'Conclave', viewport: 'width=device-width, initial-scale=1' },
};

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function page(app, js, css) {
  const { title, viewport } = APPS[app];
  // The icon is an empty data: URL so browsers do not ask the appliance for /favicon.ico.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="${viewport}">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
${css.map((href) => `<link rel="stylesheet" href="/${href}">`).join('\n')}
${js.map((src) => `<script type="module" src="/${src}"></script>`).join('\n')}
</head>
<body class="app-${app}">
<noscript><p>Conclave needs JavaScript. / Conclave heeft JavaScript nodig.</p></noscript>
</body>
</html>
`;
}

function compressions(bytes) {
  return {
    gz: gzipSync(bytes, { level: 9 }),
    br: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }),
  };
}

/** Builds dist/webui (or `outDir`) and returns the manifest it wrote. */
export async function buildWebui({ outDir = join(root, 'dist/webui'), minify = true } = {}) {
  const entryPoints = {};
  for (const app of Object.keys(APPS)) {
    entryPoints[app] = join(root, `webui/${app}/main.ts`);
    entryPoints[`${app}-style`] = join(root, `webui/${app}/${app}.css`);
  }
  const result = await build({
    entryPoints,
    outdir: outDir,
    entryNames: 'assets/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    bundle: true,
    format: 'esm',
    // Captive-portal sheets embed the OS's web view, which may be a few years old (iOS 15, Android 9).
    target: ['es2021', 'safari15', 'chrome90'],
    minify,
    legalComments: 'none',
    sourcemap: false,
    metafile: true,
    write: false,
    tsconfig: join(root, 'tsconfig.json'),
    absWorkingDir: root,
    logLevel: 'warning',
  });

  await rm(outDir, { recursive: true, force: true });
  const files = {};
  const emit = async (rel, bytes) => {
    const path = join(outDir, rel);
    await mkdir(dirname(path), { recursive: true });
    const { gz, br } = compressions(bytes);
    await writeFile(path, bytes);
    await writeFile(`${path}.gz`, gz);
    await writeFile(`${path}.br`, br);
    files[rel] = { bytes: bytes.length, gzip: gz.length, brotli: br.length };
  };

  const apps = {};
  for (const app of Object.keys(APPS)) apps[app] = { page: APPS[app].page, js: [], css: [] };
  for (const file of result.outputFiles) {
    const rel = relative(outDir, file.path).split('\\').join('/');
    const entry = result.metafile.outputs[relative(root, file.path).split('\\').join('/')]?.entryPoint ?? '';
    const app = Object.keys(APPS).find((name) => entry.includes(`webui/${name}/`));
    if (app) apps[app][rel.endsWith('.css') ? 'css' : 'js'].push(rel);
    await emit(rel, Buffer.from(file.contents));
  }
  for (const [app, info] of Object.entries(apps)) {
    await emit(info.page, Buffer.from(page(app, info.js, info.css)));
  }
  const manifest = { apps, files };
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWebui();
}
