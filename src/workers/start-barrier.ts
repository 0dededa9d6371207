/**
 * A start line in shared memory: workers of a lesson arrive, and none starts until all have, so
 * their loops really overlap instead of the first finishing before the last is dispatched. The same
 * count-and-wait marks later meeting points (the deadlock lesson's "everyone has made a first move").
 */
import type { WorkloadContext } from './workloads/workload-context';

/** Atomics.waitAsync (ES2024; in Node since 16), which the ES2023 lib does not declare. */
type WaitAsync = (
  view: Int32Array,
  index: number,
  value: number,
  timeoutMs?: number,
) =>
  | { readonly async: false; readonly value: string }
  | { readonly async: true; readonly value: Promise<string> };

const waitAsync = (Atomics as unknown as { readonly waitAsync: WaitAsync }).waitAsync;

/**
 * Counts this worker in at `view[index]` and resolves once `parties` have arrived. The wait goes
 * through ctx.io, so a thread under the simulated GIL lets it go while waiting.
 */
export async function arriveAndWait(
  view: Int32Array,
  index: number,
  parties: number,
  ctx: WorkloadContext,
  timeoutMs = 10_000,
): Promise<void> {
  announce(view, index);
  await waitForCount(view, index, parties, ctx, timeoutMs);
}

/** Adds one to the count at `view[index]` and wakes whoever waits for it. */
export function announce(view: Int32Array, index: number): void {
  Atomics.add(view, index, 1);
  Atomics.notify(view, index);
}

/** Resolves once the count at `view[index]` reaches `parties`; rejects after `timeoutMs`. */
export async function waitForCount(
  view: Int32Array,
  index: number,
  parties: number,
  ctx: WorkloadContext,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const arrived = Atomics.load(view, index);
    if (arrived >= parties) return;
    const remaining = deadline - performance.now();
    if (remaining <= 0)
      throw new Error(`only ${arrived} of ${parties} workers arrived within ${timeoutMs} ms`);
    const wait = waitAsync(view, index, arrived, remaining);
    if (wait.async) await ctx.io(wait.value);
  }
}
