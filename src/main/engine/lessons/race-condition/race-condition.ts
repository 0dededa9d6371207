/**
 * Lesson: a race condition. N worker threads increment one counter in a SharedArrayBuffer K times
 * each — without synchronisation (updates get lost), with Atomics.add, and under an AtomicsMutex —
 * and the same unsynchronised code under the simulated GIL, with and without a switch point between
 * the read and the write.
 */
import { availableParallelism } from 'node:os';
import {
  RACE_KNOBS,
  RACE_MODES,
  type RaceConditionRequest,
  type RaceConditionResult,
  type RaceMode,
  type RaceRun,
} from '../../../../shared/lessons/race-condition';
import { knobProblem } from '../../../../shared/knobs';
import { DEFAULT_SWITCH_INTERVAL_MS } from '../../../../shared/pool';
import {
  createRaceBuffer,
  RACE_SLOTS,
  type RaceCheckpoints,
  type RaceCounterInput,
  type RaceCounterOutput,
  type RaceSync,
} from '../../../../workers/workloads/race-counter';
import type { Executor, TaskEvent, TaskSpec } from '../../../../workers/protocol/executor';
import { GilThreadPoolExecutor, ThreadPoolExecutor } from '../../models/pool-executors';
import {
  checkInteger,
  LessonInputError,
  round3,
  throwIfCancelled,
  type LessonEnvironment,
} from '../lesson-environment';

/** Runs the races one after another; rejects with a CancelledError when the signal aborts. */
export async function runRaceConditionLesson(
  request: RaceConditionRequest,
  env: LessonEnvironment,
): Promise<RaceConditionResult> {
  checkInteger('workers', request.workers, RACE_KNOBS.workers);
  checkInteger('increments', request.increments, RACE_KNOBS.increments);
  const modes = request.modes ?? RACE_MODES;
  for (const mode of modes)
    if (!RACE_MODES.includes(mode))
      throw new LessonInputError(`mode must be one of ${RACE_MODES.join(', ')} (got ${String(mode)})`);
  const switchIntervalMs = request.switchIntervalMs ?? DEFAULT_SWITCH_INTERVAL_MS;
  const switchProblem = knobProblem(RACE_KNOBS.switchIntervalMs, switchIntervalMs);
  if (switchProblem) throw new LessonInputError(`switchIntervalMs ${switchProblem}`);
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
