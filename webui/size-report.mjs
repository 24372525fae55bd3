// What a phone downloads on first load of each app (its HTML page plus the JS and CSS that page loads),
// compressed as the appliance serves it, against the budgets of issue 3. Read from dist/webui/manifest.json,
// which webui/build.mjs writes; the benchmark suite prints it with formatSizeReport().
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Budgets in bytes (1 kB = 1000 bytes, the stricter reading). */
export const BUDGETS = { voterTotalGzip: 25_000, voterJsGzip: 15_000, chairTotalGzip: 120_000 };

function appSize(manifest, app) {
  const info = manifest.apps[app];
  const pick = (files) => files.reduce((sum, f) => sum + manifest.files[f].gzip, 0);
  const all = [info.page, ...info.js, ...info.css];
  return {
    htmlGzip: pick([info.page]),
    jsGzip: pick(info.js),
    cssGzip: pick(info.css),
    totalGzip: pick(all),
    totalBrotli: all.reduce((sum, f) => sum + manifest.files[f].brotli, 0),
    totalRaw: all.reduce((sum, f) => sum + manifest.files[f].bytes, 0),
  };
}

/** @param {{dir?: string}} [options] the built web UI folder (default dist/webui) */
export async function sizeReport({ dir = 'dist/webui' } = {}) {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  const voter = appSize(manifest, 'voter');
  const chair = appSize(manifest, 'chair');
  const screen = appSize(manifest, 'screen');
  const rows = [
    { name: 'voter app, first load (HTML+JS+CSS, gzip)', bytes: voter.totalGzip, budget: BUDGETS.voterTotalGzip },
    { name: 'voter app, JS only (gzip)', bytes: voter.jsGzip, budget: BUDGETS.voterJsGzip },
    { name: 'voter app, first load (brotli)', bytes: voter.totalBrotli, budget: null },
    { name: 'chair console, first load (gzip)', bytes: chair.totalGzip, budget: BUDGETS.chairTotalGzip },
    { name: 'projector screen, first load (gzip)', bytes: screen.totalGzip, budget: null },
  ].map((r) => ({ ...r, ok: r.budget === null || r.bytes <= r.budget }));
  return { voter, chair, screen, budgets: BUDGETS, rows, ok: rows.every((r) => r.ok) };
}

export function formatSizeReport(report) {
  const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
  const width = Math.max(...report.rows.map((r) => r.name.length));
  return report.rows
    .map((r) => `${r.name.padEnd(width)}  ${kb(r.bytes).padStart(9)}  ${r.budget === null ? '' : `budget ${kb(r.budget)}  ${r.ok ? 'ok' : 'OVER BUDGET'}`}`)
    .join('\n');
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const report = await sizeReport();
  console.log(formatSizeReport(report));
  if (!report.ok) process.exitCode = 1;
}
