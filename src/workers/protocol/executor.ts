/** The Executor interface every model implements, and the task events they emit. */
import type { PythonRunStats } from '../../shared/python-run';
import type { Lane } from '../../shared/results';
import type { ModelId } from '../../shared/models';
import type { TaskGilUsage } from './host-messages';
import type { WorkloadName } from '../workloads';

/** One unit of work: a workload by name and its input (plain data). */
export interface TaskSpec {
  readonly workload: WorkloadName;
  readonly input: unknown;
}

/**
 * A run's tasks, read by index (0 to length - 1) or in slices: an array, or tasks made from their
 * index when asked for (`GeneratedTasks`): a 100,000-task scenario made as an array is 200,000
 * objects, made in one turn of the serving process and kept by its garbage collector for the run.
 */
export interface TaskList {
  readonly length: number;
  at(index: number): TaskSpec | undefined;
  slice(from?: number, to?: number): TaskSpec[];
}

/** What happened to a task, stamped on the shared clock (epoch ms, see shared/clock). */
export type TaskEvent =
  /** Every task of the run was queued at `at` (executors queue the whole batch at once). */
  | { readonly type: 'queued-all'; readonly count: number; readonly at: number }
  | { readonly type: 'started'; readonly task: number; readonly lane: number; readonly at: number }
  | {
      readonly type: 'finished';
      readonly task: number;
      readonly lane: number;
      readonly startedAt: number;
      readonly endedAt: number;
      readonly output: unknown;
      readonly gil?: TaskGilUsage;
    }
  | {
      readonly type: 'failed';
      readonly task: number;
      readonly lane: number;
      readonly startedAt: number;
      readonly endedAt: number;
      readonly error: string;
      readonly gil?: TaskGilUsage;
    }
  /**
   * An attempt ended without a result (its distributed worker was lost, or another worker finished the
   * task first): drawn on its lane as failed, counted nowhere; the task stays queued and is delivered again.
   */
  | {
      readonly type: 'interrupted';
      readonly task: number;
      readonly lane: number;
      readonly startedAt: number;
      readonly endedAt: number;
      readonly reason: string;
    }
  /** A lane appeared, or its worker was replaced and it has a new label. */
  | { readonly type: 'lane'; readonly lane: Lane };

/** When a run really ended, as the executor measured it. */
export interface RunEnd {
  readonly endedAt: number;
}

/** Receives task events as they happen. */
export type TaskEventListener = (event: TaskEvent) => void;

/** CPU time and memory of the processes an executor started (not of the calling process). */
export interface ChildUsage {
  readonly cpuMs: number;
  readonly rssBytes: number;
}

/** Runs tasks under one concurrency model. */
export interface Executor {
  readonly model: ModelId;
  /** Where tasks run, in words: "calling thread", "6 worker threads". */
  readonly placement: string;
  /** How many tasks can run at once (threads, processes, async slots); null when unlimited. */
  readonly workers: number | null;
  /** Starts the pool, if any; resolves when every worker is ready for tasks. */
  start(): Promise<void>;
  /**
   * Runs every task, emitting events; resolves when every task has finished or failed — with the
   * epoch time the last one ended when the executor knows it better than its caller's clock does
   * (events delivered late from another thread). On abort it stops everything and rejects with a
   * CancelledError.
   */
  run(tasks: TaskList, listener: TaskEventListener, signal: AbortSignal): Promise<RunEnd | void>;
  /**
   * Changes the GIL switch interval while the model runs (sys.setswitchinterval); present only on
   * executors that have a GIL to tune. Callers ask for the capability instead of the class.
   */
  setSwitchInterval?(switchIntervalMs: number): void;
  /**
   * What the last run measured inside a real CPython (the GIL's costs, the clock's offset); present
   * only on the Python models' executors, null before a run completed.
   */
  pythonStats?(): PythonRunStats | null;
  /**
   * What the executor alone measured of its last run, in words for the Notes column (redeliveries, the
   * clocks of other machines); present only on executors with something to say.
   */
  remarks?(): readonly string[];
  /** CPU time and memory of child processes since start(); zero when there are none. */
  childUsage(): ChildUsage;
  /** Stops every worker and process. Safe to call more than once. */
  close(): Promise<void>;
}
