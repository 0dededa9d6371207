/** Messages between the engine and its dedicated loop thread (the calling-thread models, hosted off the main thread). */
import type { TaskEvent, TaskSpec } from './executor';

/** How the loop thread runs its model: given as workerData. */
export interface LoopThreadConfig {
  readonly model: 'sequential' | 'async';
  readonly concurrency: number | null;
  readonly yieldEveryMs: number;
}

/** Engine to loop thread. */
export interface LoopThreadRun {
  readonly type: 'run';
  readonly tasks: readonly TaskSpec[];
}

/** Loop thread to engine. */
export type LoopThreadMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'events'; readonly events: readonly TaskEvent[] }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };
