import { describe, expect, it } from 'vitest';
import { measuringContext } from '../../test-support/measuring-context';
import { SUM_SQUARES_LIMIT, sumSquaresClosedForm, sumSquaresWorkload } from './sum-squares';

const SPLIT = 2 ** 20;

/** The sum of i*i over [start, end), one BigInt at a time. */
function bruteForce(start: number, end: number): bigint {
  let total = 0n;
  for (let i = BigInt(start); i < BigInt(end); i++) total += i * i;
  return total;
}

/** Sum of squares 0..n-1 by a second closed form: the hockey-stick identity, sum i^2 = 2*C(n,3) + C(n,2). */
function hockeyStick(n: bigint): bigint {
  if (n < 2n) return 0n;
  const c2 = (n * (n - 1n)) / 2n;
  const c3 = (n * (n - 1n) * (n - 2n)) / 6n;
  return 2n * c3 + c2;
}

async function workloadSum(start: number, end: number): Promise<bigint> {
  const { sum } = await sumSquaresWorkload({ start, end }, measuringContext());
  return BigInt(sum);
}

describe('sumSquaresWorkload', () => {
  it('equals the brute-force BigInt sum on small ranges', async () => {
    const ranges: [number, number][] = [
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 2],
      [0, 10],
      [3, 17],
      [0, 4096],
      [0, 4097],
      [4095, 8193],
      [12_345, 30_000],
    ];
    for (const [start, end] of ranges) {
      expect(await workloadSum(start, end), `[${start}, ${end})`).toBe(bruteForce(start, end));
    }
  });

  it('is exact near the top of its range, where i*i far exceeds 2^53', async () => {
    const start = 2 ** 39;
    const end = start + 1_000_000;
    const want = hockeyStick(BigInt(end)) - hockeyStick(BigInt(start));
    expect(await workloadSum(start, end)).toBe(want);
    const top = SUM_SQUARES_LIMIT;
    expect(await workloadSum(top - 5000, top)).toBe(bruteForce(top - 5000, top));
  });

  it('carries correctly across multiples of 2^20 (the hi/lo split)', async () => {
    for (const boundary of [SPLIT, 2 * SPLIT, 77 * SPLIT, 2 ** 39]) {
      // Ranges whose blocks straddle the boundary at different offsets.
      for (const [before, after] of [
        [1, 1],
        [3, 4100],
        [4096, 4096],
        [5000, 9000],
      ] as const) {
        const start = boundary - before;
        const end = boundary + after;
        expect(await workloadSum(start, end), `[${start}, ${end})`).toBe(bruteForce(start, end));
      }
    }
  });

  it('is additive: two adjacent chunks sum to the whole', async () => {
    const a = 2 ** 33 + 123;
    const b = a + 70_001;
    const c = b + 54_321;
    expect((await workloadSum(a, b)) + (await workloadSum(b, c))).toBe(await workloadSum(a, c));
  });

  it('rejects invalid ranges with a RangeError naming the range', async () => {
    const bad: [number, number][] = [
      [-1, 5],
      [10, 5],
      [0, SUM_SQUARES_LIMIT + 1],
      [0.5, 3],
      [0, Number.NaN],
      [0, Infinity],
    ];
    for (const [start, end] of bad) {
      const run = sumSquaresWorkload({ start, end }, measuringContext());
      await expect(run, `[${start}, ${end})`).rejects.toBeInstanceOf(RangeError);
      await expect(sumSquaresWorkload({ start, end }, measuringContext())).rejects.toThrow(
        `${start}..${end}`,
      );
    }
  });

  it('stops with a cancellation when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      sumSquaresWorkload({ start: 0, end: 32 * 4096 + 1 }, measuringContext(controller.signal)),
    ).rejects.toThrow('cancelled');
  });
});

describe('sumSquaresClosedForm', () => {
  it('matches brute force on every small range', () => {
    for (let start = 0; start <= 40; start++) {
      for (let end = start; end <= 40; end++) {
        expect(sumSquaresClosedForm(start, end)).toBe(bruteForce(start, end));
      }
    }
  });

  it('matches a second closed form on large ranges', () => {
    for (const [start, end] of [
      [0, SUM_SQUARES_LIMIT],
      [2 ** 39, 2 ** 39 + 1_000_000],
      [123_456_789, 987_654_321_000],
    ] as const) {
      expect(sumSquaresClosedForm(start, end)).toBe(hockeyStick(BigInt(end)) - hockeyStick(BigInt(start)));
    }
  });
});
