/**
 * Answers the lanes timeline's questions from a model's task columns: which tasks lie under the
 * pointer (nearest first, at most a few), and a zoomed-in window of busy intervals and GIL turns at
 * the plot's pixel resolution. Each answer is bounded whatever the number of tasks; each question
 * walks the columns once (about a millisecond for 100,000 tasks).
 */
import type { BusyInterval, GilHold } from '../../../shared/results';
import {
  TIMELINE_WINDOW_INTERVALS,
  TIMELINE_WINDOW_TURNS,
  type GilWindow,
  type TaskDetail,
  type TimelineTasksReply,
  type TimelineTasksRequest,
  type TimelineWindowReply,
  type TimelineWindowRequest,
} from '../../../shared/timeline';
import type { GilHolds } from '../recording/gil-holds';
import { TASK_STATUS, type TaskColumns } from '../recording/task-columns';

/** Most intervals a GIL share track is cut into, whatever the plot's width. */
const MAX_SHARE_BUCKETS = 600;

/** Pixels per GIL share interval. */
const SHARE_BUCKET_PX = 3;

/** Times in answers are kept to a microsecond: finer is invisible, and full doubles double the JSON. */
function micro(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function detailOf(columns: TaskColumns, task: number): TaskDetail {
  const status = columns.status[task];
  const lane = columns.lane[task]!;
  const running = status === TASK_STATUS.running;
  return {
    task,
    model: columns.model,
    lane,
    laneLabel: columns.laneLabel(lane),
    state: running ? 'running' : status === TASK_STATUS.failed ? 'failed' : 'done',
    queuedAt: micro(columns.queuedAt[task]!),
    startedAt: micro(columns.startedAt[task]!),
    endedAt: running ? null : micro(columns.endedAt[task]!),
    text: running ? null : (columns.texts?.get(task) ?? null),
  };
}

/** Where a task's bar ends: its end, or "now" while it runs. */
function endOf(columns: TaskColumns, task: number, nowMs: number): number {
  return columns.status[task] === TASK_STATUS.running
    ? Math.max(nowMs, columns.startedAt[task]!)
    : columns.endedAt[task]!;
}

/** The tasks that ran within the range, the one under its middle first; `nowMs` ends running tasks. */
export function tasksIn(
  columns: TaskColumns,
  request: TimelineTasksRequest,
  nowMs: number,
): TimelineTasksReply {
  const { fromMs, toMs, lane, limit } = request;
  const middle = (fromMs + toMs) / 2;
  const best: { task: number; distance: number }[] = [];
  let matched = 0;
  for (let task = 0; task < columns.total; task++) {
    const status = columns.status[task];
    if (status !== TASK_STATUS.done && status !== TASK_STATUS.failed && status !== TASK_STATUS.running)
      continue;
    if (lane !== null && columns.lane[task] !== lane) continue;
    const start = columns.startedAt[task]!;
    const end = endOf(columns, task, nowMs);
    if (start > toMs || end < fromMs) continue;
    matched++;
    const distance =
      start <= middle && middle <= end ? 0 : Math.min(Math.abs(start - middle), Math.abs(end - middle));
    if (best.length === limit && distance >= best[best.length - 1]!.distance) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.distance > distance) at--;
    best.splice(at, 0, { task, distance });
    if (best.length > limit) best.pop();
  }
  return {
    tasks: best.map(({ task }) => detailOf(columns, task)),
    matched,
    textsKept: columns.texts !== null,
  };
}

/**
 * Merges neighbours less than `gapMs` apart when one of them is too thin to see on its own (under
 * two gaps wide): tasks wide enough to see stay separate bars even back to back.
 */
function merged(intervals: readonly BusyInterval[], gapMs: number): BusyInterval[] {
  const out: { start: number; end: number; failed: boolean }[] = [];
  let lastWidth = Infinity;
  for (const interval of intervals) {
    const last = out.at(-1);
    const width = interval.end - interval.start;
    if (last && interval.start - last.end < gapMs && Math.min(width, lastWidth) < 2 * gapMs) {
      last.end = Math.max(last.end, interval.end);
      last.failed ||= interval.failed;
    } else out.push({ ...interval });
    lastWidth = width;
  }
  return out;
}

/** The GIL turns within the window: one by one when few enough to see, else shares per interval. */
export function gilWindow(holds: GilHolds, fromMs: number, toMs: number, columns: number): GilWindow {
  const inside: number[] = [];
  for (let i = 0; i < holds.count; i++) if (holds.start(i) < toMs && holds.end(i) > fromMs) inside.push(i);
  // A turn needs about two pixels to be seen as a turn rather than a smear.
  if (inside.length <= Math.min(TIMELINE_WINDOW_TURNS, columns / 2)) {
    const turns: GilHold[] = inside
      .map((i) => ({ lane: holds.lane(i), start: micro(holds.start(i)), end: micro(holds.end(i)) }))
      .sort((a, b) => a.start - b.start);
    return { kind: 'turns', turns };
  }
  const buckets = Math.max(1, Math.min(MAX_SHARE_BUCKETS, Math.floor(columns / SHARE_BUCKET_PX)));
  const bucketMs = (toMs - fromMs) / buckets;
  let lanes = 0;
  for (const i of inside) lanes = Math.max(lanes, holds.lane(i) + 1);
  const held = Array.from({ length: buckets }, () => new Float64Array(lanes));
  for (const i of inside) {
    const start = Math.max(fromMs, holds.start(i));
    const end = Math.min(toMs, holds.end(i));
    const lane = holds.lane(i);
    for (let b = Math.floor((start - fromMs) / bucketMs); b < buckets && fromMs + b * bucketMs < end; b++) {
      const overlap = Math.min(end, fromMs + (b + 1) * bucketMs) - Math.max(start, fromMs + b * bucketMs);
      if (overlap > 0) held[b]![lane]! += overlap;
    }
  }
  const shares = held.map((row) => Array.from(row, (ms) => Math.min(100, Math.round((100 * ms) / bucketMs))));
  return { kind: 'shares', startMs: fromMs, bucketMs, shares };
}

/** The window's busy intervals per lane (closer than a pixel merged, within a total budget) and its GIL turns. */
export function windowOf(columns: TaskColumns, request: TimelineWindowRequest): TimelineWindowReply {
  const { fromMs, toMs } = request;
  const wanted = new Map(request.lanes.map((lane, order) => [lane, order]));
  const byLane: BusyInterval[][] = request.lanes.map(() => []);
  for (let task = 0; task < columns.total; task++) {
    const status = columns.status[task];
    if (status !== TASK_STATUS.done && status !== TASK_STATUS.failed) continue;
    const order = wanted.get(columns.lane[task]!);
    if (order === undefined) continue;
    const start = columns.startedAt[task]!;
    const end = columns.endedAt[task]!;
    if (start > toMs || end < fromMs) continue;
    byLane[order]!.push({ start: micro(start), end: micro(end), failed: status === TASK_STATUS.failed });
  }
  for (const intervals of byLane) intervals.sort((a, b) => a.start - b.start);
  // Under a pixel apart is one bar on screen; the gap doubles until the answer is within budget.
  let gapMs = (toMs - fromMs) / Math.max(1, request.columns);
  let lanes = byLane.map((intervals) => merged(intervals, gapMs));
  while (lanes.reduce((sum, intervals) => sum + intervals.length, 0) > TIMELINE_WINDOW_INTERVALS) {
    gapMs *= 2;
    lanes = lanes.map((intervals) => merged(intervals, gapMs));
  }
  const tasksMerged = lanes.some((intervals, i) => intervals.length < byLane[i]!.length);
  return {
    fromMs,
    toMs,
    mergeGapMs: tasksMerged ? gapMs : 0,
    lanes: request.lanes.map((index, i) => ({ index, intervals: lanes[i]! })),
    ...(columns.holds ? { gil: gilWindow(columns.holds, fromMs, toMs, request.columns) } : {}),
  };
}
