/** Realistic RunResult fixtures for the reporter tests: five models run one after another on 2 cores. */
import type { ModelId } from '../../../shared/models';
import type { GilStats, Lane, ModelResult, RunResult, TaskRecord } from '../../../shared/results';
import { percentiles } from '../recording/stats';
import { TaskTimeline } from '../../../shared/task-timeline';
import { LaneList } from '../../../shared/lane-list';

/** Variants of the sample run. */
export interface SampleRunOptions {
  /** threads (otherwise the fastest) gets a wrong answer and one failed task whose message holds a comma and quotes. */
  readonly wrongAnswer?: boolean;
  /** The run was cancelled while processes ran: processes is partial. */
  readonly cancelled?: boolean;
  /** processes loses 4 of its 6 tasks to killed workers and ends first: the fastest wall time, but failed. */
  readonly lostTasks?: boolean;
}

/** Epoch ms at which the first model's first task was queued. */
export const RUN_EPOCH_MS = 1_763_703_360_000;
/** Idle time between one model's end and the next model's start. */
export const GAP_BETWEEN_MODELS_MS = 100;
/** The failure message of the wrong-answer variant: a comma and double quotes, to exercise quoting. */
export const FAILURE_MESSAGE = 'Error: bad input, got "NaN" words';
/** The note of the wrong-answer variant. */
export const WRONG_ANSWER_NOTE = 'wrong answer: "61,727 words", expected "61,728 words"';

const TASKS = 6;
const TASK_MS = 100;

interface ModelDraft {
  readonly model: ModelId;
  readonly placement: string;
  readonly workers: number | null;
  readonly startupMs: number;
  readonly lanes: readonly Lane[];
  readonly timeline: readonly TaskRecord[];
  readonly cpuUtilization: number | null;
  readonly peakRssMb: number;
  readonly notes: readonly string[];
  readonly gil?: GilStats;
}

function lanes(count: number, label: (index: number) => string): Lane[] {
  return Array.from({ length: count }, (_, index) => ({ index, label: label(index) }));
}

function record(task: number, lane: number, startedAt: number, endedAt: number, ok = true): TaskRecord {
  return { task, lane, queuedAt: 0, startedAt, endedAt, ok };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

const gil: GilStats = {
  switchIntervalMs: 5,
  lanes: range(TASKS).map((lane) => ({
    lane,
    holdMs: 98 + lane,
    waitMs: 480 - lane * 3,
    switches: 19 + lane,
  })),
  holdMs: 603,
  waitMs: 2835,
  switches: 129,
};

function drafts(): ModelDraft[] {
  return [
    {
      model: 'sequential',
      placement: 'calling thread',
      workers: 1,
      startupMs: 0,
      lanes: lanes(1, () => 'calling thread'),
      timeline: range(TASKS).map((t) => record(t, 0, t * TASK_MS, (t + 1) * TASK_MS)),
      cpuUtilization: 0.51,
      peakRssMb: 61.4,
      notes: ['baseline'],
    },
    {
      model: 'async',
      placement: 'calling thread, event loop',
      workers: null,
      startupMs: 0,
      lanes: lanes(TASKS, (i) => `slot ${i + 1}`),
      // CPU work interleaved at yield points: every task starts at once and they all end near the end.
      timeline: range(TASKS).map((t) => record(t, t, t * 0.2, 560 + t * 9)),
      cpuUtilization: 0.5,
      peakRssMb: 62.9,
      notes: ['CPU-bound: async overlaps waiting, not computing'],
    },
    {
      model: 'threads',
      placement: '6 worker threads',
      workers: 6,
      startupMs: 38,
      lanes: lanes(TASKS, (i) => `thread ${i + 1}`),
      timeline: range(TASKS).map((t) => record(t, t, 1 + t * 0.5, 240 + t * 4)),
      cpuUtilization: 0.97,
      peakRssMb: 88,
      notes: ['6 threads share 2 cores'],
    },
    {
      model: 'gil-threads',
      placement: '6 worker threads sharing one GIL',
      workers: 6,
      startupMs: 41,
      lanes: lanes(TASKS, (i) => `thread ${i + 1}`),
      timeline: range(TASKS).map((t) => record(t, t, 1 + t * 0.5, 585 + t * 5)),
      cpuUtilization: 0.52,
      peakRssMb: 90.2,
      notes: ['GIL held 99% of the time: one thread computes at a time'],
      gil,
    },
    {
      model: 'processes',
      placement: '2 child processes',
      workers: 2,
      startupMs: 82,
      lanes: lanes(2, (i) => `process ${i + 1}`),
      timeline: range(TASKS).map((t) =>
        record(t, t % 2, Math.floor(t / 2) * TASK_MS + 2, Math.floor(t / 2) * TASK_MS + 2 + TASK_MS),
      ),
      cpuUtilization: 0.95,
      peakRssMb: 140.5,
      notes: ['start-up 82 ms'],
    },
  ];
}

function applyVariant(draft: ModelDraft, options: SampleRunOptions): ModelDraft {
  if (options.wrongAnswer && draft.model === 'threads') {
    return {
      ...draft,
      timeline: draft.timeline.map((r) =>
        r.task === 3 ? { ...r, ok: false, endedAt: r.startedAt + 12 } : r,
      ),
      notes: [...draft.notes, WRONG_ANSWER_NOTE],
    };
  }
  if (options.lostTasks && draft.model === 'processes') {
    return {
      ...draft,
      timeline: draft.timeline.map((r) => ({
        ...r,
        startedAt: 2,
        endedAt: r.task < 2 ? 100 : 40,
        ok: r.task < 2,
      })),
      notes: [...draft.notes, '4 tasks failed (process 1 (pid 4242) was killed by SIGKILL)'],
    };
  }
  if (options.cancelled && draft.model === 'processes') {
    return { ...draft, timeline: draft.timeline.filter((r) => r.task < 3) };
  }
  return draft;
}

function finish(
  draft: ModelDraft,
  epochStartMs: number,
  sequentialWallMs: number,
  options: SampleRunOptions,
): ModelResult {
  const ended = draft.timeline;
  const wallMs = Math.max(0, ...ended.map((r) => r.endedAt)) + 1.5;
  const completed = ended.filter((r) => r.ok).length;
  const failed = ended.length - completed;
  const wrong = options.wrongAnswer === true && draft.model === 'threads';
  const cancelled = options.cancelled === true && draft.model === 'processes';
  const lost = options.lostTasks === true && draft.model === 'processes';
  return {
    model: draft.model,
    state: cancelled ? 'cancelled' : lost ? 'failed' : 'done',
    placement: draft.placement,
    workers: draft.workers,
    wallMs,
    startupMs: draft.startupMs,
    total: TASKS,
    completed,
    failed,
    expectedFailures: 0,
    throughput: completed / (wallMs / 1000),
    speedup: lost ? null : sequentialWallMs / wallMs,
    latencyMs: percentiles(ended.map((r) => r.endedAt - r.startedAt)),
    queueWaitMs: percentiles(ended.map((r) => r.startedAt - r.queuedAt)),
    cpuUtilization: cancelled ? null : draft.cpuUtilization,
    peakRssMb: draft.peakRssMb,
    check: wrong
      ? { ok: false, answer: '61,727 words', problem: 'differs from sequential: 61,728 words' }
      : { ok: cancelled ? null : true, answer: '61,728 words' },
    failures: wrong
      ? [{ task: 3, message: FAILURE_MESSAGE }]
      : lost
        ? [{ task: 2, message: 'process 1 (pid 4242) was killed by SIGKILL' }]
        : [],
    ...(draft.gil ? { gil: draft.gil } : {}),
    lanes: LaneList.of(draft.lanes),
    epochStartMs,
    timeline: TaskTimeline.of(draft.timeline),
    notes: draft.notes,
  };
}

/** A cpu-wordcount run of all five models on a 2-core machine, one model after another. */
export function sampleRun(options: SampleRunOptions = {}): RunResult {
  const results: ModelResult[] = [];
  let epoch = RUN_EPOCH_MS;
  let sequentialWallMs = 0;
  for (const draft of drafts()) {
    const result = finish(applyVariant(draft, options), epoch, sequentialWallMs, options);
    if (result.model === 'sequential') {
      sequentialWallMs = result.wallMs;
      results.push({ ...result, speedup: 1 });
    } else {
      results.push(result);
    }
    epoch += result.wallMs + GAP_BETWEEN_MODELS_MS;
  }
  return {
    runId: 'run-7f3a',
    scenario: 'cpu-wordcount',
    title: '10 files, word counts (CPU)',
    startedAt: new Date(RUN_EPOCH_MS - 250).toISOString(),
    state: options.cancelled ? 'cancelled' : options.lostTasks ? 'failed' : 'done',
    params: { tasks: TASKS, taskMs: TASK_MS },
    derived: { wordsPerFile: 123_456 },
    pool: {
      threads: 6,
      processes: 2,
      concurrency: null,
      switchIntervalMs: 5,
      taskTimeoutMs: null,
      workers: 2,
    },
    machine: {
      cores: 2,
      cpuModel: 'Intel(R) Xeon(R) CPU @ 2.20GHz',
      platform: 'linux',
      arch: 'x64',
      node: 'v20.20.2',
    },
    results,
  };
}
