/** Distribution statistics of a run: percentiles by linear interpolation between closest ranks. */
import type { Percentiles } from '../../../shared/results';

/** The q-quantile (0..1) of values sorted ascending; 0 for an empty list. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const position = (n - 1) * Math.min(1, Math.max(0, q));
  const lower = Math.floor(position);
  const upper = Math.min(n - 1, lower + 1);
  const a = sorted[lower]!;
  const b = sorted[upper]!;
  return a + (b - a) * (position - lower);
}

/** p50, p95 and max of a list of values. */
export function percentiles(values: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    max: sorted.length ? sorted[sorted.length - 1]! : 0,
  };
}
