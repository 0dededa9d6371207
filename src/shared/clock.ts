/** The one clock of a run: epoch-aligned, high-resolution milliseconds, comparable across threads and processes. */

/**
 * Milliseconds since the Unix epoch with sub-millisecond resolution. Every thread and process has its
 * own `performance.timeOrigin`, so `timeOrigin + now()` is what lines their timestamps up.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
