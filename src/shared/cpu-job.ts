/**
 * The CPU job of the responsiveness lab, and the trial division behind the cpu-primes workload: plain
 * functions that run anywhere — a page, a Web Worker, Node's main thread, a worker, a process.
 */

/** Trial division by 2, 3 and 6k ± 1 up to the square root. */
export function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n < 4) return true;
  if (n % 2 === 0 || n % 3 === 0) return false;
  for (let d = 5; d * d <= n; d += 6) {
    if (n % d === 0 || n % (d + 2) === 0) return false;
  }
  return true;
}

/** Counts primes in [start, end) in one go: the thread that runs it does nothing else meanwhile. */
export function countPrimesBlocking(start: number, end: number): number {
  let count = 0;
  for (let n = start; n < end; n++) if (isPrime(n)) count++;
  return count;
}

/**
 * Counts primes in [start, end), handing the thread back every `sliceMs` through `yieldTurn` (a
 * setImmediate, a setTimeout(0), a MessageChannel tick): slower overall, but the thread stays responsive.
 */
export async function countPrimesChunked(
  start: number,
  end: number,
  sliceMs: number,
  yieldTurn: () => Promise<void>,
): Promise<number> {
  let count = 0;
  let sliceStart = performance.now();
  for (let n = start; n < end; n++) {
    if (isPrime(n)) count++;
    if ((n & 255) === 0 && performance.now() - sliceStart >= sliceMs) {
      await yieldTurn();
      sliceStart = performance.now();
    }
  }
  return count;
}
