// Figures for `npm run bench`: median/p95 of measured samples against a goal.

export interface Figure {
  name: string;
  unit: string;
  samples: number[];
  /** Goal for the median (and p95 where given); lower is better. */
  goal?: { median?: number; p95?: number };
  note?: string;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(figure: Figure) {
  const median = quantile(figure.samples, 0.5);
  const p95 = quantile(figure.samples, 0.95);
  const ratios = [
    figure.goal?.median !== undefined ? median / figure.goal.median : undefined,
    figure.goal?.p95 !== undefined ? p95 / figure.goal.p95 : undefined,
  ].filter((r): r is number => r !== undefined);
  const ratio = ratios.length ? Math.max(...ratios) : undefined;
  return { name: figure.name, unit: figure.unit, runs: figure.samples.length, median, p95, goal: figure.goal, ratio, met: ratio === undefined ? undefined : ratio <= 1, note: figure.note };
}

const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function table(rows: ReturnType<typeof summarize>[]): string {
  const lines = rows.map((r) => {
    const goal = [r.goal?.median !== undefined ? `median ≤ ${r.goal.median}` : '', r.goal?.p95 !== undefined ? `p95 ≤ ${r.goal.p95}` : ''].filter(Boolean).join(', ');
    return [r.name, r.unit, String(r.runs), fmt(r.median), fmt(r.p95), goal || '(reported)', r.ratio === undefined ? '–' : `${fmt(r.ratio)}${r.met ? ' ✓' : ' ✗'}`];
  });
  const header = ['figure', 'unit', 'runs', 'median', 'p95', 'goal', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' │ ');
  return [row(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...lines.map(row)].join('\n');
}
