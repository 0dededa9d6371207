/** Sum of i*i over a range, exact, with no allocation in the hot loop. */
import type { WorkloadContext } from './workload-context';

/** A half-open range [start, end) of non-negative integers below 2^40. */
export interface SumSquaresInput {
  readonly start: number;
  readonly end: number;
}

/** The exact sum as a decimal string (it exceeds 2^53). */
export interface SumSquaresOutput {
  readonly sum: string;
}

/** Largest value (exclusive) the exact split below supports. */
export const SUM_SQUARES_LIMIT = 2 ** 40;
const SPLIT = 2 ** 20;
const BLOCK = 4096;

/**
 * Sums i*i for i in [start, end). Each i is split as hi * 2^20 + lo so that every partial sum of a
 * 4096-element block stays below 2^53 in a double; blocks are flushed into a BigInt.
 */
export async function sumSquaresWorkload(
  input: SumSquaresInput,
  ctx: WorkloadContext,
): Promise<SumSquaresOutput> {
  const { start, end } = input;
  if (!(
    Number.isSafeInteger(start) &&
    Number.isSafeInteger(end) &&
    start >= 0 &&
    end >= start &&
    end <= SUM_SQUARES_LIMIT
  )) {
    throw new RangeError(`sum-squares range must satisfy 0 <= start <= end <= 2^40 (got ${start}..${end})`);
  }
  let total = 0n;
  let x = start;
  let blocks = 0;
  while (x < end) {
    const blockEnd = Math.min(end, x + BLOCK);
    let hi = Math.floor(x / SPLIT);
    let lo = x - hi * SPLIT;
    let hh = 0;
    let hl = 0;
    let ll = 0;
    for (; x < blockEnd; x++) {
      hh += hi * hi;
      hl += hi * lo;
      ll += lo * lo;
      lo++;
      if (lo === SPLIT) {
        lo = 0;
        hi++;
      }
    }
    // x^2 = hi^2 * 2^40 + 2 * hi * lo * 2^20 + lo^2
    total += (BigInt(hh) << 40n) + (BigInt(hl) << 21n) + BigInt(ll);
    if (++blocks % 32 === 0) await ctx.checkpoint();
  }
  return { sum: total.toString() };
}

/** The closed form: sum of i*i for i in [start, end), for checking. */
export function sumSquaresClosedForm(start: number, end: number): bigint {
  const s = (n: bigint): bigint => ((n - 1n) * n * (2n * n - 1n)) / 6n;
  return s(BigInt(end)) - s(BigInt(start));
}
