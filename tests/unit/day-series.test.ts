import { describe, expect, it } from 'vitest';
import { addDays, daySeries } from '../../utils/shared/day-series';

describe('per-day chart days', () => {
  it('has every day of the window, zero days included, across a month and a year end', () => {
    const series = daySeries([['2026-12-30', 4], ['2027-01-02', 1], ['2026-11-01', 9]], '2027-01-03', 30);
    expect(series).toHaveLength(30);
    expect(series[0]).toEqual(['2026-12-05', 0]);
    expect(series.at(-1)).toEqual(['2027-01-03', 0]);
    expect(series.filter(([, n]) => n > 0)).toEqual([['2026-12-30', 4], ['2027-01-02', 1]]);
    expect(new Set(series.map(([d]) => d)).size).toBe(30);
  });

  it('counts calendar days, not 24-hour steps', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
