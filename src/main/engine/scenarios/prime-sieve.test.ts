import { describe, expect, it } from 'vitest';
import { countPrimesWorkload } from '../../../workers/workloads/count-primes';
import { seededRandom } from '../../../shared/hashing';
import { measuringContext } from './calibrate';
import { countPrimesInRanges } from './prime-sieve';

const SEGMENT = 2 ** 19; // the sieve's segment size: boundaries around its multiples are the risky ones

function naiveIsPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/** Counts per range by trial division of every number. */
function naiveCounts(boundaries: readonly number[]): number[] {
  const counts: number[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    let count = 0;
    for (let n = boundaries[i]!; n < boundaries[i + 1]!; n++) if (naiveIsPrime(n)) count++;
    counts.push(count);
  }
  return counts;
}

/** 1 for each prime in [from, to): every composite is crossed off by a divisor up to its square root. */
function windowSieve(from: number, to: number): Uint8Array {
  const prime = new Uint8Array(to - from).fill(1);
  for (let n = from; n < Math.min(to, 2); n++) prime[n - from] = 0;
  for (let d = 2; d * d < to; d++) {
    if (!naiveIsPrime(d)) continue;
    for (let m = Math.max(d * d, Math.ceil(from / d) * d); m < to; m += d) prime[m - from] = 0;
  }
  return prime;
}

/** Ascending boundaries from `from`, with gaps up to `maxGap` (zero gaps make empty ranges). */
function randomBoundaries(random: () => number, from: number, ranges: number, maxGap: number): number[] {
  const boundaries = [from];
  for (let i = 0; i < ranges; i++) boundaries.push(boundaries.at(-1)! + Math.floor(random() * (maxGap + 1)));
  return boundaries;
}

describe('countPrimesInRanges', () => {
  it('agrees with trial division on many seeded random boundary sets', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 200; round++) {
      const from = round % 4 === 0 ? Math.floor(random() * 4) : Math.floor(random() * 2e9);
      const boundaries = randomBoundaries(random, from, 1 + Math.floor(random() * 8), 300);
      expect(countPrimesInRanges(boundaries), JSON.stringify(boundaries)).toEqual(naiveCounts(boundaries));
    }
  });

  it('counts correctly where ranges cross segment boundaries (multiples of 2^20)', () => {
    for (const k of [1, 2, 3, 953]) {
      const edge = k * SEGMENT;
      const boundaries = [edge - 400, edge - 1, edge, edge + 1, edge + 400];
      expect(countPrimesInRanges(boundaries), `around ${k} * 2^20`).toEqual(naiveCounts(boundaries));
    }
  });

  it('counts ranges spanning several whole segments like a plain unsegmented sieve', () => {
    for (const from of [0, 3, 1_000_000_000]) {
      const to = from + 2 * SEGMENT + SEGMENT / 2;
      // Each inner boundary sits on the far side of a segment edge measured from `from`.
      const boundaries = [from, from + 1000, from + SEGMENT + 7, from + 2 * SEGMENT - 1, to];
      const prime = windowSieve(from, to);
      const want = boundaries.slice(1).map((end, i) => {
        let count = 0;
        for (let n = boundaries[i]!; n < end; n++) count += prime[n - from]!;
        return count;
      });
      expect(countPrimesInRanges(boundaries), `from ${from}`).toEqual(want);
    }
  });

  it('agrees with the prime-counting function at powers of ten', () => {
    // pi(10^k) for k = 1..6: independent, well-known values.
    expect(countPrimesInRanges([0, 10, 100, 1000, 10_000, 100_000, 1_000_000])).toEqual([
      4,
      25 - 4,
      168 - 25,
      1229 - 168,
      9592 - 1229,
      78_498 - 9592,
    ]);
  });

  it('gives zero for empty ranges and an empty list for fewer than two boundaries', () => {
    expect(countPrimesInRanges([])).toEqual([]);
    expect(countPrimesInRanges([17])).toEqual([]);
    expect(countPrimesInRanges([17, 17])).toEqual([0]);
    expect(countPrimesInRanges([2, 2, 3, 3])).toEqual([0, 1, 0]);
    expect(countPrimesInRanges([0, 0, 0])).toEqual([0, 0]);
    expect(countPrimesInRanges([1e9 + 7, 1e9 + 7, 1e9 + 8])).toEqual([0, 1]);
  });

  it('agrees with the trial-division workload it checks, from 0, 1, 2 and above one billion', async () => {
    for (const boundaries of [
      [0, 1, 2, 3, 100, 1000],
      [1, 2, 7919, 7920],
      [2, 3, 50_000],
      [1e9, 1e9 + 7, 1e9 + 8, 1e9 + 5000, 1e9 + 20_000],
    ]) {
      const sieve = countPrimesInRanges(boundaries);
      for (let i = 0; i + 1 < boundaries.length; i++) {
        const input = { start: boundaries[i]!, end: boundaries[i + 1]! };
        const { count } = await countPrimesWorkload(input, measuringContext());
        expect(sieve[i], JSON.stringify(input)).toBe(count);
      }
    }
  });

  it('does not count 0 and 1 as primes', () => {
    expect(countPrimesInRanges([0, 1, 2, 3])).toEqual([0, 0, 1]);
  });
});
