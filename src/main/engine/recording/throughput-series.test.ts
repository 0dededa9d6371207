import { describe, expect, it } from 'vitest';
import { ThroughputSeries } from './throughput-series';

describe('ThroughputSeries', () => {
  it('shows a steady rate for tasks slower than a bucket, not a sawtooth', () => {
    const series = new ThroughputSeries(100);
    for (let t = 400; t <= 10_000; t += 400) series.add(t); // one task every 400 ms: 2.5 tasks/s
    const later = series.points(10_000).filter(([seconds]) => seconds >= 2);
    expect(later.length).toBeGreaterThan(50);
    for (const [, rate] of later) {
      expect(rate).toBeGreaterThanOrEqual(2);
      expect(rate).toBeLessThanOrEqual(3);
    }
  });

  it('reports the average since the start before a whole window has passed', () => {
    const series = new ThroughputSeries(100);
    for (let i = 0; i < 30; i++) series.add(i * 10); // 30 tasks in the first 300 ms
    const [first, second, third] = series.points(300);
    expect(first![1]).toBeCloseTo(100, 6); // 10 tasks in 0.1 s
    expect(second![1]).toBeCloseTo(100, 6);
    expect(third![1]).toBeCloseTo(100, 6);
  });

  it('counts a burst over one window, then lets it go', () => {
    const series = new ThroughputSeries(100);
    for (let i = 0; i < 100; i++) series.add(5_050);
    const points = series.points(8_000);
    const at = (seconds: number): number => points.find(([s]) => Math.abs(s - seconds) < 1e-9)![1];
    expect(at(5.0)).toBe(0);
    expect(at(5.1)).toBeCloseTo(100, 6); // 100 tasks in the trailing second
    expect(at(6.0)).toBeCloseTo(100, 6);
    expect(at(6.1)).toBe(0);
  });

  it('ends with a point at the end of the run that counts every last completion, with no spike', () => {
    const series = new ThroughputSeries(100);
    for (let t = 100; t <= 2_000; t += 100) series.add(t - 1); // 10 tasks/s
    series.add(2_003); // one more, 3 ms into a new bucket
    const points = series.points(2_003, true);
    const last = points.at(-1)!;
    expect(last[0]).toBeCloseTo(2.003, 9);
    // 11 completions in the last 1.003 s: about 11/s, never 1/0.003 s.
    expect(last[1]).toBeCloseTo(11 / 1.003, 6);
  });

  it('gives the overall average for a run shorter than one bucket', () => {
    const series = new ThroughputSeries(100);
    for (let i = 0; i < 7; i++) series.add(i);
    expect(series.points(7, true)).toEqual([[0.007, 1000]]);
  });

  it('never holds more than maxPoints points, widening its buckets over long runs', () => {
    const series = new ThroughputSeries(100, 240);
    for (let t = 0; t < 3_600_000; t += 250) series.add(t); // an hour at 4 tasks/s
    const points = series.points(3_600_000, true);
    expect(points.length).toBeLessThanOrEqual(241);
    const middle = points[Math.floor(points.length / 2)]![1];
    expect(middle).toBeCloseTo(4, 1);
  });
});
