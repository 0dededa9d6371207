/** Error helpers of the engine. */
import { CancelledError } from '../../workers/workloads/workload-context';

/** Whether an error means "the run was cancelled". */
export function isCancellation(error: unknown): boolean {
  return error instanceof CancelledError || (error instanceof Error && error.name === 'AbortError');
}

export { CancelledError };
