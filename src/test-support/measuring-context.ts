/** A workload context for tests that call workloads in place (the same as the engine's calibration context). */
import { createInlineContext } from '../workers/calling-thread/inline-context';
import type { WorkloadContext } from '../workers/workloads/workload-context';

/** The calling thread's context with no yields: cancellation is noticed at checkpoints, nothing else happens. */
export function measuringContext(signal: AbortSignal = new AbortController().signal): WorkloadContext {
  return createInlineContext({ signal, yieldEveryMs: Infinity });
}
