/** Count primes in a range by trial division: the classic CPU-bound multiprocessing demo. */
import { isPrime } from '../../shared/cpu-job';
import type { WorkloadContext } from './workload-context';

export { isPrime };

/** A half-open range [start, end). */
export interface CountPrimesInput {
  readonly start: number;
  readonly end: number;
}

/** How many primes the range holds. */
export interface CountPrimesOutput {
  readonly count: number;
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
