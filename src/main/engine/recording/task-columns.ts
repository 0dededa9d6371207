/**
 * One model's tasks as columns (status, lane, queued, started, ended, output text) and its GIL turns:
 * what the timeline's questions are answered from. The live recorder is one (its own arrays, read as
 * the run goes); a finished run re-opened from the history is another, built from its timeline.
 */
import type { ModelId } from '../../../shared/models';
import type { Lane, TaskRecord } from '../../../shared/results';
import type { GilHolds } from './gil-holds';
import type { TaskTexts } from './text-column';

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
export function columnsFromRecords(
  model: ModelId,
  total: number,
  records: readonly TaskRecord[],
  lanes: readonly Lane[],
): TaskColumns {
  const size = Math.max(
    total,
    records.reduce((most, record) => Math.max(most, record.task + 1), 0),
  );
  const status = new Uint8Array(size);
  const lane = new Int32Array(size).fill(-1);
  const queuedAt = new Float64Array(size);
  const startedAt = new Float64Array(size);
  const endedAt = new Float64Array(size);
  for (const record of records) {
    status[record.task] = record.ok ? TASK_STATUS.done : TASK_STATUS.failed;
    lane[record.task] = record.lane;
    queuedAt[record.task] = record.queuedAt;
    startedAt[record.task] = record.startedAt;
    endedAt[record.task] = record.endedAt;
  }
  const labels = new Map(lanes.map((l) => [l.index, l.label]));
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
    laneLabel: (index) => labels.get(index) ?? `lane ${index + 1}`,
  };
}
