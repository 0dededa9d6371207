/** The `sequential` model: one task after another on the calling thread, the baseline of every speedup. */
import { epochNow } from '../../shared/clock';
import { createInlineContext } from './inline-context';
import { CancelledError } from '../workloads/workload-context';
import { runWorkload } from '../workloads';
import type { ChildUsage, Executor, TaskEventListener, TaskList } from '../protocol/executor';
import { errorMessage } from '../../shared/format';

/** Options of the calling-thread executors. */
export interface InlineExecutorOptions {
  /** See InlineContextOptions.yieldEveryMs. */
  readonly yieldEveryMs: number;
  /** What to call the thread the tasks run on, in lanes: "calling thread" unless hosted elsewhere. */
  readonly threadLabel?: string;
}

/** Runs tasks one after another on the calling thread. */
export class SequentialExecutor implements Executor {
  readonly model = 'sequential';
  readonly placement = 'calling thread';
  readonly workers = 1;

  constructor(private readonly options: InlineExecutorOptions) {}

  async start(): Promise<void> {}

  async run(tasks: TaskList, listener: TaskEventListener, signal: AbortSignal): Promise<void> {
    const ctx = createInlineContext({ signal, yieldEveryMs: this.options.yieldEveryMs });
    listener({ type: 'lane', lane: { index: 0, label: this.options.threadLabel ?? 'calling thread' } });
    const queuedAt = epochNow();
    listener({ type: 'queued-all', count: tasks.length, at: queuedAt });
    for (let task = 0; task < tasks.length; task++) {
      if (signal.aborted) throw new CancelledError();
      const spec = tasks.at(task)!;
      const startedAt = epochNow();
      listener({ type: 'started', task, lane: 0, at: startedAt });
      try {
        const output = await runWorkload(spec.workload, spec.input, ctx);
        listener({ type: 'finished', task, lane: 0, startedAt, endedAt: epochNow(), output });
      } catch (error) {
        if (signal.aborted) throw new CancelledError();
        listener({
          type: 'failed',
          task,
          lane: 0,
          startedAt,
          endedAt: epochNow(),
          error: errorMessage(error),
        });
      }
    }
  }

  childUsage(): ChildUsage {
    return { cpuMs: 0, rssBytes: 0 };
  }

  async close(): Promise<void> {}
}
