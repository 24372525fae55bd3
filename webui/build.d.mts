// Types for build.mjs (plain ESM because scripts/build.mjs imports it without tsx).
export interface WebuiManifest {
  apps: Record<'voter' | 'chair' | 'screen', { page: string; js: string[]; css: string[] }>;
  files: Record<string, { bytes: number; gzip: number; brotli: number }>;
}
export declare const APPS: Record<'voter' | 'chair' | 'screen', { page: string; title: string; viewport: string }>;
export declare function buildWebui(options?: { outDir?: string; minify?: boolean }): Promise<WebuiManifest>;
