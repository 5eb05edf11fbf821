// The per-day chart's days: every day of the window, days without posts included as 0, so a chart
// of 30 days has 30 bars (a supervisor reads gaps, not only the busy days).

/** yyyy-mm-dd of the calendar day `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * `count` consecutive days ending at `end` (yyyy-mm-dd), each with its posts from `perDay`
 * (yyyy-mm-dd → posts; days outside the window are left out).
 */
export function daySeries(perDay: [string, number][], end: string, count = 30): [string, number][] {
  const posts = new Map(perDay);
  return Array.from({ length: count }, (_, i) => {
    const day = addDays(end, i - count + 1);
    return [day, posts.get(day) ?? 0];
  });
}
