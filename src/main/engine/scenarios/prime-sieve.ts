/** A segmented sieve of Eratosthenes: the independent check of the trial-division workload. */
import { setImmediate as nextTurn } from 'node:timers/promises';

const SEGMENT = 1 << 19;

function basePrimes(limit: number): number[] {
  const composite = new Uint8Array(limit + 1);
  const primes: number[] = [];
  for (let i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    primes.push(i);
    for (let j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  return primes;
}

/** Sieves one segment at a time into `counts`, pausing (yield) after each. */
function* sieveSegments(boundaries: readonly number[], counts: number[]): Generator<void> {
  if (counts.length === 0) return;
  const lo = boundaries[0]!;
  const hi = boundaries.at(-1)!;
  const primes = basePrimes(Math.floor(Math.sqrt(hi)) + 1);
  const marks = new Uint8Array(SEGMENT);
  let range = 0;
  for (let from = lo; from < hi; from += SEGMENT) {
    const to = Math.min(hi, from + SEGMENT);
    marks.fill(0, 0, to - from);
    for (const p of primes) {
      if (p * p >= to) break;
      let first = Math.max(p * p, Math.ceil(from / p) * p);
      for (; first < to; first += p) marks[first - from] = 1;
    }
    for (let n = Math.max(from, 2); n < to; n++) {
      while (n >= boundaries[range + 1]!) range++;
      if (marks[n - from] === 0) counts[range]! += 1;
    }
    yield;
  }
}

/** How many primes lie in each range [boundaries[i], boundaries[i + 1]). Boundaries must ascend. */
export function countPrimesInRanges(boundaries: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(0, boundaries.length - 1)).fill(0);
  for (const _ of sieveSegments(boundaries, counts));
  return counts;
}

/** The same, giving the event loop a turn after every segment (about 10 ms of work). */
export async function countPrimesInRangesYielding(boundaries: readonly number[]): Promise<number[]> {
  const counts = new Array<number>(Math.max(0, boundaries.length - 1)).fill(0);
  for (const _ of sieveSegments(boundaries, counts)) await nextTurn();
  return counts;
}
