/**
 * One model's tasks as columns (status, lane, queued, started, ended, output text) and its GIL turns:
 * what the timeline's questions are answered from. The live recorder is one (its own arrays, read as
 * the run goes); a finished run re-opened from the history is another, built from its timeline.
 */
import type { ModelId } from '../../../shared/models';
import type { TaskTimeline } from '../../../shared/task-timeline';
import type { GilHolds } from './gil-holds';
import type { TaskTexts } from './text-column';
import type { LaneList } from '../../../shared/lane-list';

/** How far a task got, as the status column stores it. */
export const TASK_STATUS = { pending: 0, queued: 1, running: 2, done: 3, failed: 4 } as const;

/** A model's tasks, times in ms since the model's start; the arrays are read, never written, by queries. */
export interface TaskColumns {
  readonly model: ModelId;
  readonly total: number;
  readonly status: Uint8Array;
  readonly lane: Int32Array;
  readonly queuedAt: Float64Array;
  readonly startedAt: Float64Array;
  readonly endedAt: Float64Array;
  /** Each task's output in words (done) or error (failed); null when the run did not keep them. */
  readonly texts: TaskTexts | null;
  /** Every GIL turn, for models with a GIL whose turns were kept. */
  readonly holds: GilHolds | null;
  /** A lane's label ("thread 3"). */
  laneLabel(lane: number): string;
}

/** The columns of a finished run's stored timeline (no outputs, no GIL turns: the history keeps neither). */
export function columnsFromTimeline(
  model: ModelId,
  total: number,
  timeline: TaskTimeline,
  lanes: LaneList,
): TaskColumns {
  const size = Math.max(
    total,
    timeline.task.reduce((most, task) => Math.max(most, task + 1), 0),
  );
  const status = new Uint8Array(size);
  const lane = new Int32Array(size).fill(-1);
  const queuedAt = new Float64Array(size);
  const startedAt = new Float64Array(size);
  const endedAt = new Float64Array(size);
  for (let i = 0; i < timeline.length; i++) {
    const task = timeline.task[i]!;
    if (task < 0) continue;
    status[task] = timeline.ok[i] ? TASK_STATUS.done : TASK_STATUS.failed;
    lane[task] = timeline.lane[i]!;
    queuedAt[task] = timeline.queuedAt[i]!;
    startedAt[task] = timeline.startedAt[i]!;
    endedAt[task] = timeline.endedAt[i]!;
  }
  return {
    model,
    total: size,
    status,
    lane,
    queuedAt,
    startedAt,
    endedAt,
    texts: null,
    holds: null,
    laneLabel: (index) => lanes.labelOf(index) ?? `lane ${index + 1}`,
  };
}
