/** Error helpers of the engine. */
import { CancelledError } from '../../workers/workload-context';

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether an error means "the run was cancelled". */
export function isCancellation(error: unknown): boolean {
  return error instanceof CancelledError || (error instanceof Error && error.name === 'AbortError');
}

export { CancelledError };
