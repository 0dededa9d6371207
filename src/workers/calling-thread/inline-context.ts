/** The workload context of the calling thread (sequential and async models, the responsiveness jobs). */
import { CancelledError, type WorkloadContext } from '../workloads/workload-context';

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
  const sleeps = cancellableSleeps(signal);
  const turns = loopTurns(signal);
  // Shared by every task on this context: the time since the event loop last had a turn.
  let lastYield = performance.now();
  const afterYield = (): void => {
    lastYield = performance.now();
    if (signal.aborted) throw new CancelledError();
  };
  return {
    checkpoint() {
      if (signal.aborted) throw new CancelledError();
      if (yieldEveryMs === Infinity || performance.now() - lastYield < yieldEveryMs) return undefined;
      return turns.next().then(afterYield);
    },
    io: (pending) => pending,
    sleep: (ms) => sleeps.sleep(ms),
    signal,
  };
}

/**
 * Turns of the event loop for tasks that yield, one task resumed per turn. Resuming every waiting
 * task in one turn (one setImmediate each) let each run a whole slice before the loop could see a
 * Ctrl-C or Cancel: eight async CPU tasks took 0.8 s to stop. In line, each slice is followed by a
 * turn; tasks still take their slices in turn, as asyncio's ready queue runs them.
 */
function loopTurns(signal: AbortSignal): { next(): Promise<void> } {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    // Scheduled from inside a setImmediate callback, the next one runs only after the loop's next
    // poll for I/O and signals: that is the turn each slice leaves behind it.
    setImmediate(resumeOne);
  };
  const resumeOne = (): void => {
    scheduled = false;
    waiting.shift()?.();
    if (waiting.length > 0) schedule();
  };
  // Cancelled: every waiting task resumes at once, to see the abort and stop.
  signal.addEventListener('abort', () => waiting.splice(0).forEach((resume) => resume()), { once: true });
  return {
    next: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        schedule();
      }),
  };
}

/**
 * Waits that one abort listener cancels together. A listener per wait would make 100,000 concurrent
 * async waits quadratic: EventTarget scans its listeners on every add.
 */
function cancellableSleeps(signal: AbortSignal): { sleep(ms: number): Promise<void> } {
  const pending = new Map<NodeJS.Timeout, (error: CancelledError) => void>();
  signal.addEventListener(
    'abort',
    () => {
      // One error for every wait: building 100,000 stack traces would take longer than the waits' cleanup.
      const cancelled = new CancelledError();
      for (const [timer, cancel] of pending) {
        clearTimeout(timer);
        cancel(cancelled);
      }
      pending.clear();
    },
    { once: true },
  );
  return {
    sleep(ms) {
      if (signal.aborted) return Promise.reject(new CancelledError());
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(timer);
          resolve();
        }, ms);
        pending.set(timer, reject);
      });
    },
  };
}
