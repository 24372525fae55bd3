// The benchmark's output: one markdown table, each row with its goal and whether this run met it.
export interface Row {
  measure: string;
  result: string;
  /** Comparison measured in the same run (a ratio against the baseline, or a per-unit figure). */
  ratio?: string;
  goal?: string;
  met?: boolean;
}

export function renderTable(rows: Row[]): string {
  const lines = ['| Measure | Result | Same-run comparison | Goal | Met |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
    lines.push(`| ${r.measure} | ${r.result} | ${r.ratio ?? ''} | ${r.goal ?? ''} | ${met} |`);
  }
  return lines.join('\n');
}

export const ms = (v: number): string => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
export const rate = (v: number): string => `${Math.round(v).toLocaleString('en')} req/s`;
export const times = (v: number): string => `${v.toFixed(2)}×`;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}
