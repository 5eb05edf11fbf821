// The bench's verdicts: a paired-difference figure whose median cannot be resolved to its
// resolution is "below noise", never a pass, however small its median.
import { describe, expect, it } from 'vitest';
import { medianNoise, summarize } from '../../bench/stats';

/** Deterministic spread around `centre`: n values at ±spread. */
const pairs = (n: number, centre: number, spread: number) => Array.from({ length: n }, (_, i) => centre + (i % 2 ? spread : -spread) * ((i % 5) / 4));

describe('bench stats', () => {
  it('calls a noisy paired figure below noise, not a pass', () => {
    // Ten pairs varying by ±7 ms per 10,000 mutations (±0.7 per 1,000), median well under the goal.
    const row = summarize({ name: 'mutations', unit: 'ms', samples: pairs(10, 0.3, 0.7), goal: { median: 1 }, resolution: 0.2 });
    expect(row.belowNoise).toBe(true);
    expect(row.met).toBeUndefined();
  });

  it('passes the same median once enough pairs resolve it', () => {
    const row = summarize({ name: 'mutations', unit: 'ms', samples: pairs(400, 0.3, 0.7), goal: { median: 1 }, resolution: 0.2 });
    expect(row.noise).toBeLessThan(0.2);
    expect(row.belowNoise).toBe(false);
    expect(row.met).toBe(true);
  });

  it('fails a resolved median above the goal', () => {
    expect(summarize({ name: 'mutations', unit: 'ms', samples: pairs(400, 1.5, 0.7), goal: { median: 1 }, resolution: 0.2 }).met).toBe(false);
  });

  it('takes the noise robustly: one long pause does not swamp it', () => {
    const steady = pairs(40, 0.3, 0.2);
    expect(medianNoise([...steady.slice(1), 40])).toBeLessThan(2 * medianNoise(steady));
  });
});
