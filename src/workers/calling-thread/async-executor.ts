/** The `async` model: tasks interleaved on the calling thread's event loop, like asyncio.gather. */
import { epochNow } from '../../shared/clock';
import { createInlineContext } from './inline-context';
import { CancelledError } from '../workloads/workload-context';
import { runWorkload } from '../workloads';
import type { ChildUsage, Executor, TaskEventListener, TaskList } from '../protocol/executor';
import { errorMessage } from '../../shared/format';
import type { InlineExecutorOptions } from './sequential-executor';

/** Options of the async executor. */
export interface AsyncExecutorOptions extends InlineExecutorOptions {
  /** Most tasks in flight at once; null is unlimited. */
  readonly concurrency: number | null;
}

/**
 * Starts up to `concurrency` tasks at once on one event loop. Each task in flight occupies a slot
 * (the lowest free one), and slots are its lanes: they show how many tasks overlapped.
 */
export class AsyncExecutor implements Executor {
  readonly model = 'async';
  readonly placement: string;
  readonly workers: number | null;

  constructor(private readonly options: AsyncExecutorOptions) {
    this.placement =
      options.concurrency === null
        ? 'calling thread, unlimited concurrency'
        : `calling thread, ${options.concurrency} at a time`;
    this.workers = options.concurrency;
  }

  async start(): Promise<void> {}

  run(tasks: TaskList, listener: TaskEventListener, signal: AbortSignal): Promise<void> {
    const limit = Math.min(this.options.concurrency ?? Infinity, tasks.length);
    const ctx = createInlineContext({ signal, yieldEveryMs: this.options.yieldEveryMs });
    const queuedAt = epochNow();
    listener({ type: 'queued-all', count: tasks.length, at: queuedAt });
    if (tasks.length === 0) return Promise.resolve();

    return new Promise<void>((resolve, reject) => {
      const freeSlots: number[] = [];
      let slotCount = 0;
      let next = 0;
      let settled = 0;
      let inFlight = 0;
      let stopped = false;

      const stop = (): void => {
        if (stopped) return;
        stopped = true;
        reject(new CancelledError());
      };
      signal.addEventListener('abort', stop, { once: true });

      const takeSlot = (): number => {
        if (freeSlots.length > 0) {
          // Lowest free slot first, so lanes fill from the top.
          let best = 0;
          for (let i = 1; i < freeSlots.length; i++) if (freeSlots[i]! < freeSlots[best]!) best = i;
          return freeSlots.splice(best, 1)[0]!;
        }
        const slot = slotCount++;
        listener({ type: 'lane', lane: { index: slot, label: `slot ${slot + 1}` } });
        return slot;
      };

      const launch = (): void => {
        while (!stopped && inFlight < limit && next < tasks.length) {
          const task = next++;
          const spec = tasks.at(task)!;
          const lane = takeSlot();
          inFlight++;
          const startedAt = epochNow();
          listener({ type: 'started', task, lane, at: startedAt });
          runWorkload(spec.workload, spec.input, ctx).then(
            (output) =>
              settle(
                () => listener({ type: 'finished', task, lane, startedAt, endedAt: epochNow(), output }),
                lane,
              ),
            (error: unknown) =>
              settle(
                () =>
                  listener({
                    type: 'failed',
                    task,
                    lane,
                    startedAt,
                    endedAt: epochNow(),
                    error: errorMessage(error),
                  }),
                lane,
              ),
          );
        }
      };

      const settle = (report: () => void, lane: number): void => {
        if (stopped) return;
        report();
        inFlight--;
        settled++;
        freeSlots.push(lane);
        if (settled === tasks.length) {
          stopped = true;
          signal.removeEventListener('abort', stop);
          resolve();
        } else {
          launch();
        }
      };

      if (signal.aborted) stop();
      else launch();
    });
  }

  childUsage(): ChildUsage {
    return { cpuMs: 0, rssBytes: 0 };
  }

  async close(): Promise<void> {}
}
