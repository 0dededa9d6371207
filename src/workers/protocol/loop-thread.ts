/** Messages between the engine and its dedicated loop thread (the calling-thread models, hosted off the main thread). */
import type { TaskSpec } from './executor';
import type { PackedEvents } from './packed-events';

/** How the loop thread runs its model: given as workerData. */
export interface LoopThreadConfig {
  readonly model: 'sequential' | 'async';
  readonly concurrency: number | null;
  readonly yieldEveryMs: number;
}

/**
 * Engine to loop thread: the tasks in chunks (cloning 100,000 at once would hold the main thread
 * for tens of milliseconds), then the order to run them all.
 */
export type LoopThreadRun =
  { readonly type: 'tasks'; readonly tasks: readonly TaskSpec[] } | { readonly type: 'run' };

/** Tasks per 'tasks' message: 4,096 took the serving process 3–4 ms a turn to clone on 2 busy cores. */
export const TASK_CHUNK = 1024;

/** Loop thread to engine. */
export type LoopThreadMessage =
  | { readonly type: 'ready' }
  /** Up to 1,024 events, packed into columns (see packed-events). */
  | { readonly type: 'events'; readonly events: PackedEvents }
  /** Every event has been sent; `endedAt` is when the last task really ended (epoch ms). */
  | { readonly type: 'done'; readonly endedAt: number }
  | { readonly type: 'error'; readonly message: string };
