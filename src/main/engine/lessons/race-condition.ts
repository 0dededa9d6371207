/**
 * Lesson: a race condition. N worker threads increment one counter in a SharedArrayBuffer K times
 * each — without synchronisation (updates get lost), with Atomics.add, and under an AtomicsMutex —
 * and the same unsynchronised code under the simulated GIL, with and without a switch point between
 * the read and the write.
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_SWITCH_INTERVAL_MS } from '../../../shared/models';
import {
  createRaceBuffer,
  RACE_SLOTS,
  type RaceCheckpoints,
  type RaceCounterInput,
  type RaceCounterOutput,
  type RaceSync,
} from '../../../workers/workloads/race-counter';
import type { Executor, TaskEvent, TaskSpec } from '../executor';
import { GilThreadPoolExecutor, ThreadPoolExecutor } from '../pool-executors';
import {
  checkInteger,
  LessonInputError,
  round3,
  throwIfCancelled,
  type LessonEnvironment,
} from './lesson-environment';

/** How the increments are protected. */
export type RaceMode = 'unsynchronised' | 'atomic' | 'mutex';

/** Every mode, in the order the lesson shows them. */
export const RACE_MODES: readonly RaceMode[] = ['unsynchronised', 'atomic', 'mutex'];

/** Allowed knob ranges. */
export const RACE_LIMITS = {
  workers: { min: 2, max: 16 },
  increments: { min: 1, max: 10_000_000 },
  switchIntervalMs: { min: 1, max: 100 },
} as const;

/** What to race. */
export interface RaceConditionRequest {
  readonly workers: number;
  /** Increments per worker. */
  readonly increments: number;
  /** Modes on real threads; all three when left out. */
  readonly modes?: readonly RaceMode[];
  /** Also run the unsynchronised code on gil-threads (default true). */
  readonly gilThreads?: boolean;
  /** The GIL's switch interval, like sys.setswitchinterval (default 5 ms). */
  readonly switchIntervalMs?: number;
}

/** One worker's part of a run. */
export interface RaceWorkerShare {
  readonly worker: number;
  readonly increments: number;
  /** From the start line to its last increment. */
  readonly ms: number;
}

/** One race: the expected and the final count, side by side. */
export interface RaceRun {
  readonly model: 'threads' | 'gil-threads';
  readonly mode: RaceMode;
  /** Whether a thread switch could land between the read and the write (gil-threads only). */
  readonly switchInsideIncrement: boolean;
  readonly expected: number;
  readonly final: number;
  /** expected − final: updates overwritten by another worker's stale write. */
  readonly lost: number;
  readonly lostPercent: number;
  /** From the first worker leaving the start line to the last one finishing. */
  readonly wallMs: number;
  readonly workers: readonly RaceWorkerShare[];
}

/** The lesson's result: one run per mode and model. */
export interface RaceConditionResult {
  readonly workers: number;
  readonly increments: number;
  readonly cores: number;
  readonly runs: readonly RaceRun[];
}

/** Runs the races one after another; rejects with a CancelledError when the signal aborts. */
export async function runRaceConditionLesson(
  request: RaceConditionRequest,
  env: LessonEnvironment,
): Promise<RaceConditionResult> {
  checkInteger('workers', request.workers, RACE_LIMITS.workers);
  checkInteger('increments', request.increments, RACE_LIMITS.increments);
  const modes = request.modes ?? RACE_MODES;
  for (const mode of modes)
    if (!RACE_MODES.includes(mode))
      throw new LessonInputError(`mode must be one of ${RACE_MODES.join(', ')} (got ${String(mode)})`);
  const switchIntervalMs = request.switchIntervalMs ?? DEFAULT_SWITCH_INTERVAL_MS;
  checkInteger('switchIntervalMs', switchIntervalMs, RACE_LIMITS.switchIntervalMs);
  throwIfCancelled(env.signal);

  const runs: RaceRun[] = [];
  const options = { size: request.workers, taskTimeoutMs: null };
  await withExecutor(new ThreadPoolExecutor(env.hostScripts.threadHost, options), async (threads) => {
    for (const mode of modes)
      runs.push(await race(threads, request, env, { model: 'threads', mode, checkpoints: 'none' }));
  });
  if (request.gilThreads !== false) {
    const gil = new GilThreadPoolExecutor(env.hostScripts.threadHost, { ...options, switchIntervalMs });
    await withExecutor(gil, async (gilThreads) => {
      for (const checkpoints of ['inside-increment', 'between-increments'] as const)
        runs.push(
          await race(gilThreads, request, env, { model: 'gil-threads', mode: 'unsynchronised', checkpoints }),
        );
    });
  }
  return { workers: request.workers, increments: request.increments, cores: availableParallelism(), runs };
}

async function withExecutor<E extends Executor>(
  executor: E,
  use: (executor: E) => Promise<void>,
): Promise<void> {
  try {
    await executor.start();
    await use(executor);
  } finally {
    await executor.close();
  }
}

const SYNC: Readonly<Record<RaceMode, RaceSync>> = {
  unsynchronised: 'none',
  atomic: 'atomic',
  mutex: 'mutex',
};

interface RaceSetup {
  readonly model: RaceRun['model'];
  readonly mode: RaceMode;
  readonly checkpoints: RaceCheckpoints;
}

async function race(
  executor: Executor,
  request: RaceConditionRequest,
  env: LessonEnvironment,
  setup: RaceSetup,
): Promise<RaceRun> {
  const buffer = createRaceBuffer();
  const tasks: TaskSpec[] = Array.from({ length: request.workers }, (_, i) => {
    const input: RaceCounterInput = {
      buffer,
      workerId: i + 1,
      workers: request.workers,
      times: request.increments,
      sync: SYNC[setup.mode],
      checkpoints: setup.checkpoints,
    };
    return { workload: 'race-counter', input };
  });
  const outputs: RaceCounterOutput[] = [];
  const failures: string[] = [];
  const listener = (event: TaskEvent): void => {
    if (event.type === 'finished') outputs.push(event.output as RaceCounterOutput);
    else if (event.type === 'failed') failures.push(event.error);
  };
  await executor.run(tasks, listener, env.signal ?? new AbortController().signal);
  if (failures.length > 0) throw new Error(`${setup.model} ${setup.mode} race failed: ${failures[0]}`);

  const expected = request.workers * request.increments;
  const final = new Int32Array(buffer)[RACE_SLOTS.counter]!;
  const start = Math.min(...outputs.map((o) => o.loopStartedAt));
  const end = Math.max(...outputs.map((o) => o.loopEndedAt));
  return {
    model: setup.model,
    mode: setup.mode,
    switchInsideIncrement: setup.checkpoints === 'inside-increment',
    expected,
    final,
    lost: expected - final,
    lostPercent: round3(((expected - final) / expected) * 100),
    wallMs: round3(end - start),
    workers: outputs
      .map((o) => ({
        worker: o.workerId,
        increments: o.increments,
        ms: round3(o.loopEndedAt - o.loopStartedAt),
      }))
      .sort((a, b) => a.worker - b.worker),
  };
}
