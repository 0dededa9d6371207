/**
 * The Web Worker of the responsiveness lab: counts primes with the very function the engine runs,
 * on its own thread, and posts the count back. One worker per job; the page terminates it after.
 */
import { countPrimesBlocking } from '../../../../shared/cpu-job';

/** What the page sends: the range to count. */
export interface JobWorkerRequest {
  readonly start: number;
  readonly end: number;
}

/** What the worker answers. */
export interface JobWorkerReply {
  readonly count: number;
}

/** The part of a dedicated worker's global scope used here (the page's DOM types describe a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<JobWorkerRequest>) => void) | null;
  postMessage(message: JobWorkerReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { start, end } = event.data;
  scope.postMessage({ count: countPrimesBlocking(start, end) });
};
