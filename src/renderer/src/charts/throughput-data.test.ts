import { describe, expect, it } from 'vitest';
import { latestRate, throughputPoints } from './throughput-data';

describe('throughputPoints', () => {
  it('converts pairs to points once per series', () => {
    const series = [
      [0.1, 0],
      [0.2, 10],
    ] as const;
    const points = throughputPoints(series);
    expect(points).toEqual([
      { x: 0.1, y: 0 },
      { x: 0.2, y: 10 },
    ]);
    expect(throughputPoints(series)).toBe(points);
  });

  it('reads the latest rate', () => {
    expect(latestRate([[1, 5]])).toBe(5);
    expect(latestRate([])).toBeNull();
  });
});
