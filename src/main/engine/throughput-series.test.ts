import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../workers/workloads/hashing';
import { ThroughputSeries } from './throughput-series';

/** Completions the points stand for: each rate times its bucket's width (from the previous point's time). */
function reconstructTotal(points: readonly (readonly [number, number])[]): number {
  let previous = 0;
  let total = 0;
  for (const [seconds, rate] of points) {
    total += rate * (seconds - previous);
    previous = seconds;
  }
  return total;
}

function bucketWidths(points: readonly (readonly [number, number])[]): number[] {
  return points.map(([seconds], i) => seconds - (i === 0 ? 0 : points[i - 1]![0]));
}

describe('ThroughputSeries', () => {
  it('reconstructs exactly the completions added, with the final partial bucket', () => {
    const random = seededRandom(9);
    for (const runMs of [0.5, 99, 250, 1234.5, 60_000, 3_600_000]) {
      const series = new ThroughputSeries();
      const count = 1 + Math.floor(random() * 5000);
      for (let i = 0; i < count; i++) series.add(random() * runMs);
      expect(reconstructTotal(series.points(runMs, true)), `run of ${runMs} ms`).toBeCloseTo(count, 6);
    }
  });

  it('counts only complete buckets while running, and the partial one at the end', () => {
    const series = new ThroughputSeries(100);
    for (const at of [10, 20, 150, 230, 240]) series.add(at);
    // Buckets [0, 100) and [100, 200) are complete at 250 ms; [200, 250) is half a bucket with 2 tasks.
    expect(series.points(250)).toEqual([
      [0.1, 20],
      [0.2, 10],
    ]);
    const final = series.points(250, true);
    expect(final).toHaveLength(3);
    expect(final[2]![0]).toBeCloseTo(0.25, 12);
    expect(final[2]![1]).toBeCloseTo(2 / 0.05, 9);
  });

  it('counts a completion that lands exactly at the end of the run', () => {
    const series = new ThroughputSeries(100);
    series.add(50);
    series.add(200);
    // The run ended at 200 ms, the moment its last task completed: both completions belong to it.
    expect(reconstructTotal(series.points(200, true))).toBeCloseTo(2, 9);
  });

  it('never has more than maxPoints points, and widens its buckets on long runs', () => {
    const maxPoints = 240;
    const series = new ThroughputSeries(100, maxPoints);
    const random = seededRandom(10);
    let now = 0;
    let added = 0;
    while (now < 2 * 3_600_000) {
      const step = random() * 2000;
      for (let i = 0; i < 3; i++) {
        series.add(now + random() * step);
        added++;
      }
      now += step;
      const points = series.points(now);
      expect(points.length).toBeLessThanOrEqual(maxPoints);
      expect(series.points(now, true).length).toBeLessThanOrEqual(maxPoints);
    }
    const final = series.points(now, true);
    // Two hours in buckets of at most 240 points: every complete bucket is at least 30 s wide.
    const widths = bucketWidths(final).slice(0, -1);
    for (const width of widths) expect(width).toBeGreaterThanOrEqual((2 * 3600) / maxPoints - 1e-9);
    expect(new Set(widths.map((w) => w.toFixed(6))).size).toBe(1);
    expect(reconstructTotal(final)).toBeCloseTo(added, 6);
  });

  it('keeps its points evenly spaced and ascending in time', () => {
    const series = new ThroughputSeries(100, 16);
    for (let at = 0; at < 10_000; at += 7) series.add(at);
    const points = series.points(10_000);
    expect(points.length).toBeLessThanOrEqual(16);
    const widths = bucketWidths(points);
    for (const width of widths) expect(width).toBeCloseTo(widths[0]!, 9);
    // A steady one task per 7 ms is about 143 per second in every bucket.
    for (const [, rate] of points) expect(Math.abs(rate - 1000 / 7)).toBeLessThan(2);
  });

  it('has no points before the first bucket ends, and none for a run of zero length', () => {
    const series = new ThroughputSeries(100);
    series.add(5);
    expect(series.points(99)).toEqual([]);
    expect(new ThroughputSeries().points(0, true)).toEqual([]);
  });
});
