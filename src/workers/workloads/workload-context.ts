/** What a workload may ask of whoever runs it: cooperative checkpoints, and waits that release the GIL. */

/** Passed to every workload call; each host (calling thread, worker thread, process, GIL) implements it. */
export interface WorkloadContext {
  /**
   * A cooperative checkpoint; call it between chunks of computation (every ~0.1-1 ms of work) as
   * `await ctx.checkpoint()`. Under the simulated GIL it is where the holder gives the GIL up when
   * another thread asked for it; on the calling thread it is where cancellation is noticed.
   */
  checkpoint(): void | Promise<void>;
  /** Awaits an I/O operation that has already started; the GIL is released for the wait, as CPython does. */
  io<T>(pending: Promise<T>): Promise<T>;
  /** An I/O-style wait of `ms` milliseconds (simulated disk or network). */
  sleep(ms: number): Promise<void>;
  /** Aborted when the run is cancelled. */
  readonly signal: AbortSignal;
}

/** Raised inside a workload when the run was cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
