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

/**
 * p50, p95 and max of a list of values, the same as quantileSorted on the sorted list. Found by
 * selection, in linear time, rather than by sorting: once compiled, a model's 100,000 latencies
 * take a millisecond or two where a sort took 8–9 ms, and percentileSteps can split the work.
 */
export function percentiles(values: ArrayLike<number>): Percentiles {
  const steps = percentileSteps(values);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * percentiles() in steps of a few milliseconds each at 100,000 values (less once the code is
 * compiled): whoever drives it may give the event loop a turn at every yield.
 */
export function* percentileSteps(values: ArrayLike<number>): Generator<void, Percentiles> {
  return yield* percentileStepsInPlace(new Float64Array(values));
}

/** As percentileSteps, over a list made for it, which it reorders rather than copies. */
export function* percentileStepsInPlace(work: Float64Array): Generator<void, Percentiles> {
  const n = work.length;
  if (n === 0) return { p50: 0, p95: 0, max: 0 };
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, work[i]!);
  yield;
  const p50 = yield* quantileSelected(work, 0.5, max);
  yield;
  // The p50 selection left the upper half to the right: the p95 selection works in it.
  return { p50, p95: yield* quantileSelected(work, 0.95, max), max };
}

/** Values a partition pass may cover before the caller gets a step boundary. */
const STEP_VALUES = 16_384;

/** The q-quantile of `work` (reordered in place), by the rule of quantileSorted; `max` is its largest value. */
function* quantileSelected(work: Float64Array, q: number, max: number): Generator<void, number> {
  const n = work.length;
  const position = (n - 1) * q;
  const lower = Math.floor(position);
  const a = yield* selectInPlace(work, lower);
  if (lower + 1 >= n) return a;
  // After selection every value right of `lower` is at least `a`: the next in order is their least.
  let b = max;
  for (let i = lower + 1; i < n; i++) b = Math.min(b, work[i]!);
  return a + (b - a) * (position - lower);
}

/**
 * Reorders `work` so that work[k] is the value a sort would put there, smaller-or-equal values left
 * of it and greater-or-equal right (Hoare's selection, median-of-three pivots); returns work[k].
 */
function* selectInPlace(work: Float64Array, k: number): Generator<void, number> {
  let left = 0;
  let right = work.length - 1;
  while (right > left) {
    // A pass over more than this many values is a step of its own (the first passes, on big lists).
    if (right - left > STEP_VALUES) yield;
    const middle = (left + right) >>> 1;
    // The median of the ends and the middle: sorted inputs stay linear.
    if (work[middle]! < work[left]!) swap(work, middle, left);
    if (work[right]! < work[left]!) swap(work, right, left);
    if (work[right]! < work[middle]!) swap(work, right, middle);
    const pivot = work[middle]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (work[i]! < pivot) i++;
      while (work[j]! > pivot) j--;
      if (i <= j) swap(work, i++, j--);
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return work[k]!;
}

function swap(work: Float64Array, a: number, b: number): void {
  const value = work[a]!;
  work[a] = work[b]!;
  work[b] = value;
}
