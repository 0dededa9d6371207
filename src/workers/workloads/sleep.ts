/** Simulated I/O: wait without computing, the "read a file that takes 2 seconds" of the lessons. */
import type { WorkloadContext } from './workload-context';

/** Input of one simulated I/O wait. */
export interface SleepInput {
  readonly ms: number;
  /** Echoed back so the checker can tell that every task ran (and ran once). */
  readonly token: number;
}

/** Output of one simulated I/O wait. */
export interface SleepOutput {
  readonly token: number;
  readonly ms: number;
}

/** Waits `ms` milliseconds as I/O (releasing the GIL), then returns its token. */
export async function sleepWorkload(input: SleepInput, ctx: WorkloadContext): Promise<SleepOutput> {
  await ctx.sleep(input.ms);
  return { token: input.token, ms: input.ms };
}
