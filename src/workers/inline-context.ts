/** The workload context of the calling thread (sequential and async models, the responsiveness jobs). */
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import { CancelledError, type WorkloadContext } from './workload-context';

/** How a calling-thread workload shares its thread. */
export interface InlineContextOptions {
  readonly signal: AbortSignal;
  /**
   * Yield to the event loop at a checkpoint once this many ms have passed since the last yield.
   * The engine uses 100 ms: enough for Ctrl-C and Cancel to be noticed within half a second, and
   * too rare to change a measurement. Infinity never yields (the thread stays blocked until the
   * task ends); a small value is the "chunked" job of the responsiveness lab.
   */
  readonly yieldEveryMs: number;
}

/** Creates a context whose checkpoints notice cancellation and yield as the options say. */
export function createInlineContext(options: InlineContextOptions): WorkloadContext {
  const { signal, yieldEveryMs } = options;
  let lastYield = performance.now();
  const afterYield = (): void => {
    lastYield = performance.now();
    if (signal.aborted) throw new CancelledError();
  };
  return {
    checkpoint() {
      if (signal.aborted) throw new CancelledError();
      if (yieldEveryMs === Infinity || performance.now() - lastYield < yieldEveryMs) return undefined;
      return nextTurn().then(afterYield);
    },
    io: (pending) => pending,
    async sleep(ms) {
      try {
        await delay(ms, undefined, { signal });
      } catch (error) {
        if (signal.aborted) throw new CancelledError();
        throw error;
      }
    },
    signal,
  };
}
