/**
 * What the lanes timeline may ask the engine about one model of a run, and what it gets back. The
 * renderer only ever holds coalesced lanes; per-task data crosses only as answers to these bounded
 * questions: the tasks under the pointer, and a zoomed-in window at the plot's pixel resolution.
 */
import type { ModelId } from './models';
import type { BusyInterval, GilHold } from './results';

/** Most tasks one tasks question returns. */
export const TIMELINE_TASKS_LIMIT = 20;

/** Most lanes one window question names. */
export const TIMELINE_WINDOW_LANES = 64;

/** Widest plot a window question may ask for, in pixels. */
export const TIMELINE_MAX_COLUMNS = 4096;

/** Most busy intervals a window answer holds over all its lanes. */
export const TIMELINE_WINDOW_INTERVALS = 8000;

/** Most GIL turns a window answer lists one by one; more are given as shares per interval. */
export const TIMELINE_WINDOW_TURNS = 2048;

/** Longest text of a task's output or error in an answer, in characters. */
export const TASK_TEXT_LIMIT = 160;

/** Which tasks of a model ran (or run) within [fromMs, toMs], ms since the model's start. */
export interface TimelineTasksRequest {
  readonly runId: string;
  readonly model: ModelId;
  /** One lane, or null for every lane. */
  readonly lane: number | null;
  readonly fromMs: number;
  readonly toMs: number;
  /** At most this many tasks (1 to TIMELINE_TASKS_LIMIT), nearest to the range's middle first. */
  readonly limit: number;
}

/** One task as it ran, for the timeline's tooltip and details; times in ms since the model's start. */
export interface TaskDetail {
  readonly task: number;
  readonly model: ModelId;
  readonly lane: number;
  readonly laneLabel: string;
  readonly state: 'done' | 'failed' | 'running';
  readonly queuedAt: number;
  readonly startedAt: number;
  /** Null while it runs. */
  readonly endedAt: number | null;
  /** Its output in short words (done), or its error (failed); null when the run did not keep it. */
  readonly text: string | null;
}

/** The answer to a tasks question. */
export interface TimelineTasksReply {
  readonly tasks: readonly TaskDetail[];
  /** How many tasks the range held in all (more than `tasks` when it held over `limit`). */
  readonly matched: number;
  /** Whether the run kept its tasks' outputs (runs re-opened from an older history did not). */
  readonly textsKept: boolean;
}

/** A zoomed-in stretch of a model's lanes, drawn `columns` pixels wide. */
export interface TimelineWindowRequest {
  readonly runId: string;
  readonly model: ModelId;
  readonly fromMs: number;
  readonly toMs: number;
  readonly columns: number;
  /** The lanes on screen (1 to TIMELINE_WINDOW_LANES). */
  readonly lanes: readonly number[];
}

/**
 * The GIL holder track over a window: each turn when they are wide enough to see, else each holder's
 * share of every interval (percent, by lane index; what no lane held was idle).
 */
export type GilWindow =
  | { readonly kind: 'turns'; readonly turns: readonly GilHold[] }
  | {
      readonly kind: 'shares';
      readonly startMs: number;
      readonly bucketMs: number;
      /** Per interval, per lane index, the percent of the interval that lane held the GIL. */
      readonly shares: readonly (readonly number[])[];
    };

/** The answer to a window question: every task its own interval unless tasks are closer than a pixel. */
export interface TimelineWindowReply {
  readonly fromMs: number;
  readonly toMs: number;
  /** Intervals closer than this were merged; 0 when every task is its own interval. */
  readonly mergeGapMs: number;
  readonly lanes: readonly { readonly index: number; readonly intervals: readonly BusyInterval[] }[];
  /** The GIL holder track over the window, for models with a GIL. */
  readonly gil?: GilWindow;
}
