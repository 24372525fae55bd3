// Types for size-report.mjs (plain ESM so the benchmark and build scripts can load it without tsx).
export interface AppSize {
  htmlGzip: number;
  jsGzip: number;
  cssGzip: number;
  totalGzip: number;
  totalBrotli: number;
  totalRaw: number;
}
export interface SizeRow {
  name: string;
  bytes: number;
  budget: number | null;
  ok: boolean;
}
export interface SizeReport {
  voter: AppSize;
  chair: AppSize;
  screen: AppSize;
  budgets: { voterTotalGzip: number; voterJsGzip: number; chairTotalGzip: number };
  rows: SizeRow[];
  ok: boolean;
}
export declare const BUDGETS: SizeReport['budgets'];
export declare function sizeReport(options?: { dir?: string }): Promise<SizeReport>;
export declare function formatSizeReport(report: SizeReport): string;
