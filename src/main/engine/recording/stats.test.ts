import { describe, expect, it } from 'vitest';
import { percentiles, percentileSteps, quantileSorted } from './stats';

describe('percentiles', () => {
  it('interpolates between closest ranks on an odd-length list', () => {
    // Sorted: 1 2 3 4 5. p50 is the middle value; p95 sits at rank 0.95 * 4 = 3.8, between 4 and 5.
    const p = percentiles([5, 1, 4, 2, 3]);
    expect(p.p50).toBe(3);
    expect(p.p95).toBeCloseTo(4.8, 12);
    expect(p.max).toBe(5);
  });

  it('interpolates on an even-length list', () => {
    // Sorted: 10 20 30 40. p50 at rank 1.5 (between 20 and 30); p95 at rank 2.85 (between 30 and 40).
    const p = percentiles([40, 10, 30, 20]);
    expect(p.p50).toBe(25);
    expect(p.p95).toBeCloseTo(38.5, 12);
    expect(p.max).toBe(40);
  });

  it('sorts numerically, not as strings', () => {
    // As strings, 100 < 25 < 3; numerically the median of 3, 25, 100 is 25.
    // p95 at rank 0.95 * 2 = 1.9: 25 + 0.9 * (100 - 25).
    const p = percentiles([100, 3, 25]);
    expect(p.p50).toBe(25);
    expect(p.p95).toBeCloseTo(92.5, 12);
    expect(p.max).toBe(100);
  });

  it('gives the one value for every percentile of a single-element list', () => {
    expect(percentiles([7.25])).toEqual({ p50: 7.25, p95: 7.25, max: 7.25 });
  });

  it('gives zeros for an empty list', () => {
    expect(percentiles([])).toEqual({ p50: 0, p95: 0, max: 0 });
  });

  it('gives p95 of 1..100 as 95.05 (rank 94.05 of 0..99)', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    const p = percentiles(values);
    expect(p.p50).toBeCloseTo(50.5, 12);
    expect(p.p95).toBeCloseTo(95.05, 12);
    expect(p.max).toBe(100);
  });

  it('leaves unsorted input unchanged', () => {
    const values = [3, 1, 2];
    const typed = Float64Array.of(9, 7, 8);
    percentiles(values);
    percentiles(typed);
    expect(values).toEqual([3, 1, 2]);
    expect([...typed]).toEqual([9, 7, 8]);
  });
});

describe('quantileSorted', () => {
  it('clamps q to 0..1 and returns the extremes there', () => {
    const sorted = [1, 2, 4, 8];
    expect(quantileSorted(sorted, 0)).toBe(1);
    expect(quantileSorted(sorted, 1)).toBe(8);
    expect(quantileSorted(sorted, -3)).toBe(1);
    expect(quantileSorted(sorted, 7)).toBe(8);
    expect(quantileSorted([], 0.5)).toBe(0);
  });

  it('is monotone in q', () => {
    const sorted = [0, 1, 1, 2, 3, 5, 8, 13, 21];
    let previous = -Infinity;
    for (let q = 0; q <= 1; q += 0.01) {
      const value = quantileSorted(sorted, q);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });
});

describe('percentiles by selection', () => {
  it('match the sorted list’s quantiles on random, sorted, reversed and repeated values', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 100;
    const lists = [
      Array.from({ length: 100_001 }, random),
      Array.from({ length: 2_000 }, (_, i) => i * 0.5),
      Array.from({ length: 2_000 }, (_, i) => 2_000 - i),
      Array.from({ length: 999 }, (_, i) => i % 3),
      Array.from({ length: 50 }, () => 4.5),
      [2, 1],
    ];
    for (const values of lists) {
      const sorted = Float64Array.from(values).sort();
      expect(percentiles(values)).toEqual({
        p50: quantileSorted(sorted, 0.5),
        p95: quantileSorted(sorted, 0.95),
        max: sorted[sorted.length - 1],
      });
    }
  });
});

describe('percentileSteps', () => {
  it('gives the same percentiles in several steps on 100,000 values, and in few on a short list', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 100_003);
    const count = (list: number[]): { steps: number; value: ReturnType<typeof percentiles> } => {
      const steps = percentileSteps(list);
      let step = steps.next();
      let taken = 1;
      for (; !step.done; taken++) step = steps.next();
      return { steps: taken, value: step.value };
    };
    const big = count(values);
    expect(big.value).toEqual(percentiles(values));
    expect(big.steps).toBeGreaterThan(4);
    expect(count([3, 1, 2]).steps).toBeLessThanOrEqual(3);
  });
});
