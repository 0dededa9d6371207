/** Count primes in a range by trial division: the classic CPU-bound multiprocessing demo. */
import type { WorkloadContext } from '../workload-context';

/** A half-open range [start, end). */
export interface CountPrimesInput {
  readonly start: number;
  readonly end: number;
}

/** How many primes the range holds. */
export interface CountPrimesOutput {
  readonly count: number;
}

/** Trial division by 2, 3 and 6k +- 1 up to the square root. */
export function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n < 4) return true;
  if (n % 2 === 0 || n % 3 === 0) return false;
  for (let d = 5; d * d <= n; d += 6) {
    if (n % d === 0 || n % (d + 2) === 0) return false;
  }
  return true;
}

/** Counts primes in [start, end) with a checkpoint every 64 numbers. */
export async function countPrimesWorkload(
  input: CountPrimesInput,
  ctx: WorkloadContext,
): Promise<CountPrimesOutput> {
  const { start, end } = input;
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end >= start)) {
    throw new RangeError(
      `count-primes range must be non-negative integers with start <= end (got ${start}..${end})`,
    );
  }
  let count = 0;
  for (let n = start; n < end; n++) {
    if (isPrime(n)) count++;
    if ((n & 63) === 0) await ctx.checkpoint();
  }
  return { count };
}
