// Time to amplify: how long after an urgent item's publication officers posted it, as median and
// 90th percentile per programme and per officer (the dashboard, its export, the bench).
import { csvLine } from './log-csv';

export interface AmplifyRow {
  name: string;
  posts: number;
  medianSeconds: number;
  p90Seconds: number;
}

/**
 * The p-th percentile with linear interpolation between closest ranks (what PostgreSQL's
 * `percentile_cont` gives, so the hub and the dashboard agree). `sorted` ascending, not empty.
 */
export function percentile(sorted: number[], p: number): number {
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** Collects samples by group name, then summarises each group (slowest median first: who needs a nudge). */
export class AmplifySamples {
  private groups = new Map<string, number[]>();

  add(name: string, seconds: number): void {
    const list = this.groups.get(name);
    if (list) list.push(seconds);
    else this.groups.set(name, [seconds]);
  }

  rows(): AmplifyRow[] {
    return [...this.groups]
      .map(([name, samples]) => {
        const sorted = samples.sort((a, b) => a - b);
        return { name, posts: sorted.length, medianSeconds: percentile(sorted, 0.5), p90Seconds: percentile(sorted, 0.9) };
      })
      .sort((a, b) => b.medianSeconds - a.medianSeconds || a.name.localeCompare(b.name));
  }
}

export const AMPLIFY_CSV_FIELDS = ['group', 'name', 'posts', 'medianSeconds', 'p90Seconds'] as const;

/** The two tables as one CSV (with BOM, like the log export): `group` is `program` or `officer`. */
export function amplifyCsv(perProgram: AmplifyRow[], perOfficer: AmplifyRow[]): string {
  const rows = (group: string, list: AmplifyRow[]) => list.map((r) => csvLine([group, r.name, r.posts, Math.round(r.medianSeconds), Math.round(r.p90Seconds)])).join('');
  return `\uFEFF${AMPLIFY_CSV_FIELDS.join(',')}\r\n${rows('program', perProgram)}${rows('officer', perOfficer)}`;
}
