import { describe, expect, it } from 'vitest';
import { measuringContext } from '../../test-support/measuring-context';
import { countPrimesWorkload, isPrime } from './count-primes';

/** Trial division by every d up to sqrt(n): slow and obviously right. */
function naiveIsPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

function naiveCount(start: number, end: number): number {
  let count = 0;
  for (let n = start; n < end; n++) if (naiveIsPrime(n)) count++;
  return count;
}

async function workloadCount(start: number, end: number): Promise<number> {
  return (await countPrimesWorkload({ start, end }, measuringContext())).count;
}

describe('isPrime', () => {
  it('agrees with naive trial division on 0..10,000', () => {
    for (let n = 0; n <= 10_000; n++) expect(isPrime(n), String(n)).toBe(naiveIsPrime(n));
  });

  it('rejects squares and products of two large primes above one billion', () => {
    // 31607 and 31627 are prime; their product and 31607^2 have no factor below 31607.
    expect(naiveIsPrime(31_607) && naiveIsPrime(31_627)).toBe(true);
    expect(isPrime(31_607 * 31_627)).toBe(false);
    expect(isPrime(31_607 * 31_607)).toBe(false);
    expect(isPrime(1_000_000_007)).toBe(true);
    expect(isPrime(1_000_000_009)).toBe(true);
    expect(isPrime(1_000_000_011)).toBe(false);
  });
});

describe('countPrimesWorkload', () => {
  it('agrees with a naive count on ranges from 0, 1 and 2', async () => {
    const ranges: [number, number][] = [
      [0, 0],
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
      [2, 100],
      [0, 1000],
      [1, 7919],
      [2, 7920],
    ];
    for (const [start, end] of ranges) {
      expect(await workloadCount(start, end), `[${start}, ${end})`).toBe(naiveCount(start, end));
    }
  });

  it('agrees with a naive count on ranges above one billion', async () => {
    for (const [start, end] of [
      [1e9, 1e9 + 1],
      [1e9, 1e9 + 7],
      [1e9 + 7, 1e9 + 8],
      [1e9 + 8, 1e9 + 2000],
      // Across 2^31, where 32-bit integer arithmetic would wrap.
      [2 ** 31 - 1000, 2 ** 31 + 1000],
      [4e12, 4e12 + 300],
    ] as const) {
      expect(await workloadCount(start, end), `[${start}, ${end})`).toBe(naiveCount(start, end));
    }
  });

  it('finds the 78,498 primes below one million', async () => {
    expect(await workloadCount(0, 1_000_000)).toBe(78_498);
  });

  it('rejects invalid ranges with a RangeError naming the range', async () => {
    for (const [start, end] of [
      [-5, 10],
      [10, 9],
      [1.5, 10],
      [0, Number.POSITIVE_INFINITY],
    ] as const) {
      await expect(countPrimesWorkload({ start, end }, measuringContext())).rejects.toThrow(RangeError);
      await expect(countPrimesWorkload({ start, end }, measuringContext())).rejects.toThrow(
        `${start}..${end}`,
      );
    }
  });
});
