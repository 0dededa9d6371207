/**
 * A batch of checked CPU tasks (sums of squares over ranges of their own, each known in closed form)
 * timed on one executor: wall time from queueing to the last result, and whether every task came back
 * right exactly once — none lost, none counted twice.
 */
import { epochNow } from '../../../../shared/clock';
import type { Executor, RunEnd, TaskEvent, TaskSpec } from '../../../../workers/protocol/executor';
import { sumSquaresClosedForm } from '../../../../workers/workloads/sum-squares';
import { CancelledError } from '../../errors';

/** Tasks and the sum each must return. */
export interface Batch {
  readonly tasks: readonly TaskSpec[];
  readonly expected: readonly string[];
}

/** Where the ranges start: far enough from 0 that every task does the same amount of work per unit. */
const BASE = 2 ** 30;

/** `count` tasks of `units` numbers each, over ranges that never overlap (`offset` in tasks, to keep batches apart). */
export function sumSquaresBatch(count: number, units: number, offset = 0): Batch {
  const tasks: TaskSpec[] = [];
  const expected: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = BASE + (offset + i) * units;
    tasks.push({ workload: 'sum-squares', input: { start, end: start + units } });
    expected.push(sumSquaresClosedForm(start, start + units).toString());
  }
  return { tasks, expected };
}

/** What one batch measured. */
export interface BatchRun {
  readonly wallMs: number;
  /** Every task finished once with its sum. */
  readonly ok: boolean;
  readonly lost: number;
  readonly countedTwice: number;
}

/** Runs a batch on a started executor; `onEvent` sees every task event (to kill a worker mid-task). */
export async function timeBatch(
  executor: Executor,
  batch: Batch,
  signal: AbortSignal,
  onEvent: (event: TaskEvent) => void = () => undefined,
): Promise<BatchRun> {
  const results = new Map<number, number>();
  let right = 0;
  let failed = 0;
  let queuedAt: number | null = null;
  const end: RunEnd | void = await executor.run(
    batch.tasks,
    (event) => {
      if (event.type === 'queued-all') queuedAt = event.at;
      else if (event.type === 'finished') {
        results.set(event.task, (results.get(event.task) ?? 0) + 1);
        const sum = (event.output as { sum?: unknown } | null)?.sum;
        if (sum === batch.expected[event.task]) right++;
      } else if (event.type === 'failed') {
        results.set(event.task, (results.get(event.task) ?? 0) + 1);
        failed++;
      }
      onEvent(event);
    },
    signal,
  );
  const endedAt = end ? end.endedAt : epochNow();
  const lost = batch.tasks.length - results.size;
  const countedTwice = [...results.values()].filter((n) => n > 1).length;
  return {
    wallMs: Math.max(0, endedAt - (queuedAt ?? endedAt)),
    ok: failed === 0 && lost === 0 && countedTwice === 0 && right === batch.tasks.length,
    lost,
    countedTwice,
  };
}

/** Starts an executor, uses it and closes it, whatever happens; an abort closes it at once. */
export async function withExecutor<E extends Executor, T>(
  executor: E,
  signal: AbortSignal,
  use: (executor: E) => Promise<T>,
): Promise<T> {
  const onAbort = (): void => void executor.close();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal.aborted) throw new CancelledError();
    await executor.start();
    if (signal.aborted) throw new CancelledError();
    return await use(executor);
  } catch (error) {
    throw signal.aborted ? new CancelledError() : error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    await executor.close();
  }
}
