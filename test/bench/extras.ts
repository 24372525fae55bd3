// Rows from other parts of the product: the web UI's transfer sizes (from the build manifest) and the
// time to provision an event of 2000 cards (bundle, codes, cards PDF, report).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ms, type Row } from './table.js';

const manifestSchema = z.object({
  apps: z.record(z.string(), z.object({ page: z.string(), js: z.array(z.string()), css: z.array(z.string()) })),
  files: z.record(z.string(), z.object({ bytes: z.number(), gzip: z.number(), brotli: z.number() })),
});

const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

export async function webuiSizes(): Promise<Row[]> {
  const path = join(process.cwd(), 'dist/webui/manifest.json');
  if (!existsSync(path)) return [{ measure: 'Web UI size', result: 'n/a', ratio: 'dist/webui/manifest.json missing (web UI not built)' }];
  const m = manifestSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  return Object.entries(m.apps).map(([app, files]) => {
    const all = [files.page, ...files.js, ...files.css].map((f) => m.files[f] ?? { bytes: 0, gzip: 0, brotli: 0 });
    const sum = (k: 'bytes' | 'gzip' | 'brotli') => all.reduce((s, f) => s + f[k], 0);
    return { measure: `Web UI size, ${app} app (page + JS + CSS)`, result: `${kib(sum('brotli'))} brotli`, ratio: `${kib(sum('gzip'))} gzip, ${kib(sum('bytes'))} raw` };
  });
}

interface ProvisionModule {
  provisionEvent(o: { voters: string; name: string; out: string; chairPassphrase?: string; date?: string }): Promise<
    { ok: true; value: { timings: { total: number; pdf: number; codes: number } } } | { ok: false; error: string[] }
  >;
}

export async function provisioning(cards: number): Promise<Row[]> {
  const modulePath = join(process.cwd(), 'provision/event.ts');
  if (!existsSync(modulePath)) return [{ measure: `Provisioning ${cards} cards`, result: 'n/a', ratio: 'provision/event.ts not present' }];
  const { provisionEvent } = (await import(pathToFileURL(modulePath).href)) as ProvisionModule;
  const dir = await mkdtemp(join(tmpdir(), 'conclave-bench-prov-'));
  try {
    const csv = join(dir, 'voters.csv');
    const lines = Array.from({ length: cards }, (_, i) => `M-${String(i + 1).padStart(5, '0')},${1 + (i % 17)},members`);
    await writeFile(csv, `label,weight,group\n${lines.join('\n')}\n`);
    const started = performance.now();
    const r = await provisionEvent({ voters: csv, name: 'Benchmark meeting', out: join(dir, 'out'), chairPassphrase: 'bench-chair-passphrase', date: '2026-12-10' });
    const wall = performance.now() - started;
    if (!r.ok) return [{ measure: `Provisioning ${cards} cards`, result: 'failed', ratio: r.error.join('; ') }];
    const t = r.value.timings;
    return [{ measure: `Provisioning ${cards} cards (bundle, codes, cards PDF, report)`, result: ms(wall), ratio: `codes ${ms(t.codes)}, PDF ${ms(t.pdf)}` }];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
