// Figures for `npm run bench`: median/p95 of measured samples against a goal in time, and where a
// figure has one, against its floor: the same work without the product's overhead, measured in the
// same run (absolute times move 2× between two machines of one kind; the ratio moves much less).

export interface Figure {
  name: string;
  unit: string;
  samples: number[];
  /** Samples per browser launch: the report gives the spread of the launch medians. */
  launches?: number[][];
  /** Goal for the median (and p95 where given); lower is better. */
  goal?: { median?: number; p95?: number };
  /** The bare work this figure is made of, measured beside it. */
  floor?: { name: string; samples: number[] };
  /** Goal against the floor: median ≤ factor × floor median + plus (in the figure's unit). */
  ratioGoal?: { factor: number; plus?: number };
  note?: string;
  /**
   * Paired differences around zero (the extension's cost minus machine noise): the median's 95 %
   * interval (medianNoise) must be within this, or the figure is "below noise", not a pass.
   */
  resolution?: number;
}

/**
 * Half-width of the 95 % interval of a sample median: 1.96 × 1.2533 × σ ÷ √n, σ taken robustly as
 * 1.4826 × the median absolute deviation (a busy machine's rare long pauses would swamp the sd).
 */
export function medianNoise(samples: number[]): number {
  const n = samples.length;
  if (n < 2) return Infinity;
  const median = quantile(samples, 0.5);
  const sigma = 1.4826 * quantile(samples.map((x) => Math.abs(x - median)), 0.5);
  return (1.96 * 1.2533 * sigma) / Math.sqrt(n);
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
  const launchMedians = (figure.launches ?? []).filter((l) => l.length).map((l) => quantile(l, 0.5));
  const spread = launchMedians.length > 1 ? { min: Math.min(...launchMedians), max: Math.max(...launchMedians) } : undefined;
  const floor = figure.floor && { name: figure.floor.name, median: quantile(figure.floor.samples, 0.5), runs: figure.floor.samples.length };
  const ratios = [
    figure.goal?.median !== undefined ? median / figure.goal.median : undefined,
    figure.goal?.p95 !== undefined ? p95 / figure.goal.p95 : undefined,
    floor && figure.ratioGoal ? median / (figure.ratioGoal.factor * floor.median + (figure.ratioGoal.plus ?? 0)) : undefined,
  ].filter((r): r is number => r !== undefined);
  const ratio = ratios.length ? Math.max(...ratios) : undefined;
  const noise = figure.resolution === undefined ? undefined : medianNoise(figure.samples);
  const belowNoise = noise !== undefined && noise > figure.resolution!;
  return {
    name: figure.name,
    unit: figure.unit,
    runs: figure.samples.length,
    median,
    p95,
    spread,
    goal: figure.goal,
    floor,
    /** The figure's median over its floor's. */
    floorRatio: floor ? median / floor.median : undefined,
    ratioGoal: figure.ratioGoal,
    /** The worst of the goals: ≤ 1 means every goal is met. */
    ratio,
    /** Undefined when there is no goal, or when the figure is below noise (too noisy to call). */
    met: ratio === undefined || belowNoise ? undefined : ratio <= 1,
    noise,
    resolution: figure.resolution,
    belowNoise,
    note: figure.note,
  };
}

const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function table(rows: ReturnType<typeof summarize>[]): string {
  const lines = rows.map((r) => {
    const goal = [
      r.goal?.median !== undefined ? `median ≤ ${r.goal.median}` : '',
      r.goal?.p95 !== undefined ? `p95 ≤ ${r.goal.p95}` : '',
      r.ratioGoal ? `≤ ${r.ratioGoal.factor}× floor${r.ratioGoal.plus ? ` + ${r.ratioGoal.plus}` : ''}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return [
      r.name,
      r.unit,
      String(r.runs),
      fmt(r.median),
      fmt(r.p95),
      r.spread ? `${fmt(r.spread.min)}–${fmt(r.spread.max)}` : '–',
      r.floor ? fmt(r.floor.median) : '–',
      r.floorRatio === undefined ? '–' : `${fmt(r.floorRatio)}×`,
      goal || '(reported)',
      r.belowNoise ? `below noise (±${fmt(r.noise)} > ${r.resolution})` : r.ratio === undefined ? '–' : `${fmt(r.ratio)}${r.met ? ' ✓' : ' ✗'}${r.noise !== undefined ? ` ±${fmt(r.noise)}` : ''}`,
    ];
  });
  const header = ['figure', 'unit', 'runs', 'median', 'p95', 'launch medians', 'floor', '÷ floor', 'goal', 'worst/goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' │ ');
  return [row(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...lines.map(row)].join('\n');
}

/** Collects samples per launch: `next()` starts a launch, `add()` records into it. */
export function launchSamples() {
  const launches: number[][] = [];
  return {
    next: () => void launches.push([]),
    add: (value: number) => {
      if (!launches.length) launches.push([]);
      launches.at(-1)!.push(value);
    },
    figure: () => ({ samples: launches.flat(), launches }),
  };
}
