/** The async trap of the lessons: tasks that poll I/O, and one that sleeps — awaited, or blocking the whole loop. */
import type { WorkloadContext } from './workload-context';

/** A task that waits for I/O in many small steps, as a poller or a chatty client does. */
export interface PollInput {
  readonly steps: number;
  readonly stepMs: number;
}

/** Awaits `steps` waits of `stepMs`: each step needs the event loop to come back to this task. */
export async function pollWorkload(input: PollInput, ctx: WorkloadContext): Promise<{ steps: number }> {
  for (let i = 0; i < input.steps; i++) await ctx.sleep(input.stepMs);
  return { steps: input.steps };
}

/** The one task that sleeps: after `afterMs`, for `sleepMs`, either awaited or blocking (time.sleep in asyncio). */
export interface SleeperInput {
  readonly afterMs: number;
  readonly sleepMs: number;
  readonly blocking: boolean;
}

/**
 * Awaits `afterMs`, then sleeps `sleepMs`: awaited, the loop serves the other tasks meanwhile;
 * blocking (Atomics.wait, which a page's main thread forbids but Node allows), every task on the loop stalls.
 */
export async function sleeperWorkload(input: SleeperInput, ctx: WorkloadContext): Promise<{ slept: number }> {
  await ctx.sleep(input.afterMs);
  if (input.blocking) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, input.sleepMs);
  else await ctx.sleep(input.sleepMs);
  return { slept: input.sleepMs };
}
