/** Runs one model on the prepared tasks and measures it. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { epochNow } from '../../../shared/clock';
import type { ModelId } from '../../../shared/models';
import type { ResolvedPool } from '../../../shared/pool';
import { finalState } from '../../../shared/ranking';
import type { ModelResult } from '../../../shared/results';
import { AnswerChecker, type ReferenceAnswers } from './answer-checker';
import type { ExecutorEnvironment } from '../models/executor-environment';
import { MODEL_ENGINES } from '../models/registry';
import { errorMessage } from '../../../shared/format';
import { CancelledError, isCancellation } from '../errors';
import type { Executor, RunEnd } from '../../../workers/protocol/executor';
import { RunRecorder } from '../recording/run-recorder';
import { otherLoad, readCpuCounters } from '../system/cpu-load';
import type { LoadWindow } from '../../../shared/machine-load';
import type { PreparedScenario } from '../scenarios/scenario';
import type { SnapshotPacer } from '../recording/snapshot-pacer';
import { percentileStepsInPlace } from '../recording/stats';
import type { ModelTimeline } from '../timeline/run-timelines';
import { LaneListBuilder } from '../../../shared/lane-list';
import type { TaskTimeline } from '../../../shared/task-timeline';

/** Everything one model's run needs. */
export interface ModelRunInput {
  readonly model: ModelId;
  readonly scenario: PreparedScenario;
  readonly pool: ResolvedPool;
  readonly env: ExecutorEnvironment;
  readonly cores: number;
  readonly references: ReferenceAnswers;
  readonly signal: AbortSignal;
  /** Paces this run's snapshots (shared by its models); none when nobody watches. */
  readonly pacer?: SnapshotPacer;
  /** Told the running executor once its pool is up (to change its settings live), then null when it ends. */
  readonly onLive?: (executor: LiveExecutor | null) => void;
  /** Told the model's tasks as they are recorded, for the timeline's questions. */
  readonly onRecording?: (model: ModelId, timeline: ModelTimeline) => void;
  /** How long the model is expected to take, from the run's forecast: its ETA until a task settles. */
  readonly expectedMs?: number;
}

/** What may be changed on a running model: the optional capabilities of its executor. */
export type LiveExecutor = Pick<Executor, 'model' | 'setSwitchInterval'>;

/**
 * A model's result before the run-level numbers (speedup, notes) are known, with the other
 * processes' load while it ran (null when it never ran).
 */
export type MeasuredModel = Omit<ModelResult, 'speedup' | 'notes'> & {
  readonly injectedFailures: number;
  readonly load: LoadWindow | null;
  /** What the executor said of its run (Executor.remarks), for its registry entry's notes. */
  readonly remarks?: readonly string[];
};

const MEMORY_SAMPLE_MS = 100;
/** Lanes whose records are built in one turn of the event loop when a model ends. */
const SLICE = 10_000;

/** Start-to-end time of each task of a timeline. */
function latencies(timeline: TaskTimeline): Float64Array {
  const values = new Float64Array(timeline.length);
  for (let i = 0; i < values.length; i++) values[i] = timeline.endedAt[i]! - timeline.startedAt[i]!;
  return values;
}

/** Queue-to-start time of each task of a timeline. */
function queueWaits(timeline: TaskTimeline): Float64Array {
  const values = new Float64Array(timeline.length);
  for (let i = 0; i < values.length; i++)
    values[i] = Math.max(0, timeline.startedAt[i]! - timeline.queuedAt[i]!);
  return values;
}

/** Runs a computation's steps with a turn of the event loop between them; resolves with its value. */
async function inTurns<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}
/**
 * A live snapshot at least this often while tasks run, events or not: a CPython task can take
 * seconds, and the elapsed time, the running lanes and the ETA must keep moving meanwhile.
 */
const HEARTBEAT_MS = 250;

async function startOrAbort(executor: Executor, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw new CancelledError();
  const starting = executor.start();
  starting.catch(() => undefined); // if the abort wins, close() ends the start
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([starting, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Starts the model's pool, runs every task, checks the answers, and stops the pool (always). */
export async function runModel(input: ModelRunInput): Promise<MeasuredModel> {
  const { model, scenario, pool, env, cores, signal } = input;
  const total = scenario.tasks.length;
  const recorder = new RunRecorder(model, total);
  input.onRecording?.(model, { columns: recorder.columns(), nowMs: () => recorder.elapsedMs(epochNow()) });
  const checker = new AnswerChecker(model, scenario, input.references);
  const pacer = input.pacer;
  const changed = (): void => pacer?.live(() => recorder.snapshot(epochNow()));
  const executor = MODEL_ENGINES[model].createExecutor(pool, env);
  let state: MeasuredModel['state'] = 'done';
  let error: string | undefined;
  let wallMs = 0;
  let cpuMs: number | null = null;
  let load: LoadWindow | null = null;
  let sampler: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let remarks: readonly string[];

  if (input.expectedMs !== undefined) recorder.expect(input.expectedMs);
  recorder.starting();
  changed();
  await nextTurn();
  const startAt = epochNow();
  try {
    await startOrAbort(executor, signal);
    input.onLive?.(executor);
    const t0 = epochNow();
    recorder.begin(t0, t0 - startAt);
    changed();
    const cpu0 = process.cpuUsage();
    const child0 = executor.childUsage().cpuMs;
    const counters0 = readCpuCounters();
    const sampleMemory = (): void =>
      recorder.sampleMemory(process.memoryUsage.rss() + executor.childUsage().rssBytes);
    sampleMemory();
    sampler = setInterval(sampleMemory, MEMORY_SAMPLE_MS);
    if (pacer) heartbeat = setInterval(changed, HEARTBEAT_MS);
    let end: RunEnd | void = undefined;
    try {
      end = await executor.run(
        scenario.tasks,
        (event) => {
          recorder.handle(event);
          if (event.type === 'finished') checker.finished(event.task, event.output);
          else if (event.type === 'failed') checker.failed(event.task);
          changed();
        },
        signal,
      );
    } finally {
      wallMs = (end ? end.endedAt : epochNow()) - t0;
      sampleMemory();
      const cpu = process.cpuUsage(cpu0);
      const childMs = executor.childUsage().cpuMs - child0;
      cpuMs = (cpu.user + cpu.system) / 1000 + childMs;
      load = otherLoad(model, counters0, readCpuCounters(), childMs);
    }
  } catch (caught) {
    if (isCancellation(caught) || signal.aborted) state = 'cancelled';
    else {
      state = 'failed';
      error = errorMessage(caught);
      // Tasks the model never finished fail with it: every task ends completed or failed.
      recorder.failUnsettled(`not run: ${error}`, epochNow());
    }
  } finally {
    clearInterval(sampler);
    clearInterval(heartbeat);
    input.onLive?.(null);
    remarks = executor.remarks?.() ?? [];
    await executor.close();
  }

  const check = checker.summary();
  // A task that failed unplanned, or a wrong answer, fails the model: it is never ranked.
  state = finalState({
    model,
    state,
    wallMs,
    total,
    failed: recorder.failed,
    expectedFailures: checker.injectedFailures,
    check,
  });
  recorder.end(state, recorder.epochStartMs ? recorder.epochStartMs + wallMs : epochNow());
  await pacer?.final(recorder.snapshot(epochNow(), true));

  const completed = recorder.completed;
  // Only an executor with a GIL reports GIL usage with its tasks; the rest have no GIL statistics.
  const gil = recorder.gilStats(pool.switchIntervalMs);
  // Only an executor on a real interpreter measures its GIL's costs and its clock's offset.
  const python = executor.pythonStats?.() ?? null;
  // Each of these walks every task (or lane): the event loop gets a turn between them, and within
  // them every few milliseconds, so that a serving process keeps answering its room (bench (e)).
  // The timeline's columns, built in turns, are what the percentiles are then read from.
  const timeline = await inTurns(recorder.timelineSteps());
  await nextTurn();
  const latencyMs = await inTurns(percentileStepsInPlace(latencies(timeline)));
  await nextTurn();
  const queueWaitMs = await inTurns(percentileStepsInPlace(queueWaits(timeline)));
  await nextTurn();
  // A slice's Lane objects live one turn: the list keeps their labels in one string (shared/lane-list).
  const laneList = new LaneListBuilder();
  for (let from = 0; from < recorder.laneSlots; from += SLICE) {
    laneList.add(recorder.lanes(from, from + SLICE));
    await nextTurn();
  }
  const lanes = laneList.done();
  return {
    model,
    state,
    placement: executor.placement,
    workers: executor.workers,
    wallMs,
    startupMs: recorder.startupMs,
    total,
    completed,
    failed: recorder.failed,
    throughput: wallMs > 0 ? (completed * 1000) / wallMs : 0,
    latencyMs,
    queueWaitMs,
    cpuUtilization: cpuMs !== null && wallMs > 0 ? Math.min(1, cpuMs / wallMs / cores) : null,
    peakRssMb: recorder.peakRssBytes / (1024 * 1024),
    check,
    ...(error ? { error } : {}),
    failures: recorder.failures,
    ...(gil ? { gil } : {}),
    ...(python ? { python } : {}),
    lanes,
    epochStartMs: recorder.epochStartMs,
    timeline,
    injectedFailures: checker.injectedFailures,
    load,
    ...(remarks.length > 0 ? { remarks } : {}),
  };
}
