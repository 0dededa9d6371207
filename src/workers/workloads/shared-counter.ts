/** Increments one counter in shared memory with a plain read-then-write: the race-condition exercise. */
import type { WorkloadContext } from './workload-context';

/** Which counter to increment, how often, and whether a checkpoint may fall between the read and the write. */
export interface SharedCounterInput {
  readonly buffer: SharedArrayBuffer;
  readonly index: number;
  readonly times: number;
  /**
   * With a checkpoint between read and write, a GIL switch can land in the middle of `counter += 1` —
   * as CPython can switch between the bytecodes of `+=` — and updates get lost even under the GIL.
   */
  readonly checkpointInside: boolean;
}

/** How many increments this task made (the counter itself is the shared result). */
export interface SharedCounterOutput {
  readonly increments: number;
}

/** Does `counter = counter + 1` `times` times, non-atomically (load, then store). */
export async function sharedCounterWorkload(
  input: SharedCounterInput,
  ctx: WorkloadContext,
): Promise<SharedCounterOutput> {
  const counters = new Int32Array(input.buffer);
  for (let i = 0; i < input.times; i++) {
    const value = Atomics.load(counters, input.index);
    if (input.checkpointInside) await ctx.checkpoint();
    Atomics.store(counters, input.index, value + 1);
    if (!input.checkpointInside && (i & 255) === 0) await ctx.checkpoint();
  }
  return { increments: input.times };
}
