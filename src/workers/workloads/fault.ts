/** Deliberate faults, so tests (and the curious) can see how each model fails: throw, exit, run out of memory, hang. */
import type { WorkloadContext } from './workload-context';

/** Which fault to cause. */
export interface FaultInput {
  readonly kind: 'throw' | 'exit' | 'oom' | 'hang';
  readonly message?: string;
}

/** Whether the current code runs on a thread or process the engine may lose (a pool worker). */
let expendable = false;

/** Marks this thread or process as a pool worker: faults that end it are allowed here. */
export function markExpendable(): void {
  expendable = true;
}

/** Causes the fault. `exit` and `oom` end the thread or process, so they refuse to run on the calling thread. */
export async function faultWorkload(input: FaultInput, ctx: WorkloadContext): Promise<never> {
  if ((input.kind === 'exit' || input.kind === 'oom') && !expendable) {
    throw new Error(`the ${input.kind} fault only runs in a pool worker, never on the calling thread`);
  }
  switch (input.kind) {
    case 'throw':
      throw new Error(input.message ?? 'task failed on purpose');
    case 'exit':
      process.exit(3);
      break;
    case 'oom': {
      const hoard: number[][] = [];
      for (;;) {
        hoard.push(Array.from({ length: 1 << 16 }, (_, i) => i * 1.5));
        await ctx.checkpoint();
      }
    }
    case 'hang':
      // A stuck task: never yields, never checkpoints. Only a timeout or termination ends it.
      for (;;) {
        /* spin */
      }
  }
  throw new Error(`unknown fault ${String((input as { kind: unknown }).kind)}`);
}
