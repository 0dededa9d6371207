import { describe, expect, it } from 'vitest';
import { frameStats, percentile } from './frame-meter';

describe('frame meter statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile([5], 0.95)).toBe(5);
    expect(percentile([], 0.95)).toBe(0);
  });

  it('summarises a window of frame gaps', () => {
    expect(frameStats([16, 17, 16, 50])).toEqual({ p95: 50, max: 50, frames: 4 });
  });
});
