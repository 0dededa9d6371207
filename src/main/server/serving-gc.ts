/**
 * How the serving process collects garbage. V8 scavenges its young generation with helper threads
 * and the event loop waits for the slowest; while a run keeps every core busy (its workers, and on a
 * workshop laptop the browser too), a helper waits for a core and the pause grows. Measured with
 * bench (e) on 2 cores, 100,000 tasks and 100 followers: with helpers, 10–13 ms stalls recurred
 * while the processes model ran (2 of 3 runs had seconds whose p99 passed 10 ms outside a model's
 * end); with the scavenge on the loop's own thread, the p50 scavenge took 2.3 ms, the worst 11.8 ms,
 * and no second's p99 passed 7.9 ms outside a model's end.
 */
import { setFlagsFromString } from 'node:v8';

/** V8 flags for a process that serves a room, safe to set after start-up (read at every scavenge). */
export const SERVING_GC_FLAGS = '--no-parallel-scavenge';

/** Scavenges on the event loop's own thread from now on. */
export function collectOnOwnThread(): void {
  setFlagsFromString(SERVING_GC_FLAGS);
}
