/** Runs one model on the prepared tasks and measures it. */
import { epochNow } from '../../shared/clock';
import type { ModelId } from '../../shared/models';
import type { ModelResult, ModelSnapshot, ResolvedPool } from '../../shared/results';
import { AnswerChecker, type ReferenceAnswers } from './answer-checker';
import { createExecutor, type ExecutorEnvironment } from './create-executor';
import { CancelledError, errorMessage, isCancellation } from './errors';
import type { Executor } from './executor';
import { RunRecorder } from './run-recorder';
import type { PreparedScenario } from './scenarios/scenario';
import { SnapshotThrottle } from './snapshot-throttle';

/** Everything one model's run needs. */
export interface ModelRunInput {
  readonly model: ModelId;
  readonly scenario: PreparedScenario;
  readonly pool: ResolvedPool;
  readonly env: ExecutorEnvironment;
  readonly cores: number;
  readonly references: ReferenceAnswers;
  readonly signal: AbortSignal;
  readonly onSnapshot?: (snapshot: ModelSnapshot) => void;
  /** Milliseconds between snapshots at most (50: 20 per second). */
  readonly snapshotIntervalMs?: number;
}

/** A model's result before the run-level numbers (speedup, notes) are known. */
export type MeasuredModel = Omit<ModelResult, 'speedup' | 'notes'> & { readonly injectedFailures: number };

const MEMORY_SAMPLE_MS = 100;

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
  const checker = new AnswerChecker(model, scenario, input.references);
  const throttle = new SnapshotThrottle(
    () => input.onSnapshot?.(recorder.snapshot(epochNow())),
    input.snapshotIntervalMs ?? 50,
  );
  const executor = createExecutor(model, pool, env);
  let state: MeasuredModel['state'] = 'done';
  let error: string | undefined;
  let wallMs = 0;
  let cpuMs: number | null = null;
  let sampler: NodeJS.Timeout | undefined;

  recorder.starting();
  throttle.flush();
  const startAt = epochNow();
  try {
    await startOrAbort(executor, signal);
    const t0 = epochNow();
    recorder.begin(t0, t0 - startAt);
    throttle.flush();
    const cpu0 = process.cpuUsage();
    const child0 = executor.childUsage().cpuMs;
    const sampleMemory = (): void =>
      recorder.sampleMemory(process.memoryUsage.rss() + executor.childUsage().rssBytes);
    sampleMemory();
    sampler = setInterval(sampleMemory, MEMORY_SAMPLE_MS);
    try {
      await executor.run(
        scenario.tasks,
        (event) => {
          recorder.handle(event);
          if (event.type === 'finished') checker.finished(event.task, event.output);
          else if (event.type === 'failed') checker.failed(event.task);
          throttle.changed();
        },
        signal,
      );
    } finally {
      wallMs = epochNow() - t0;
      sampleMemory();
      const cpu = process.cpuUsage(cpu0);
      cpuMs = (cpu.user + cpu.system) / 1000 + (executor.childUsage().cpuMs - child0);
    }
  } catch (caught) {
    if (isCancellation(caught) || signal.aborted) state = 'cancelled';
    else {
      state = 'failed';
      error = errorMessage(caught);
    }
  } finally {
    clearInterval(sampler);
    await executor.close();
  }

  const check = checker.summary();
  if (state === 'done' && check.ok === false) state = 'failed';
  recorder.end(state, recorder.epochStartMs ? recorder.epochStartMs + wallMs : epochNow());
  throttle.dispose();
  input.onSnapshot?.(recorder.snapshot(epochNow(), true));

  const completed = recorder.completed;
  const gil = model === 'gil-threads' ? recorder.gilStats(pool.switchIntervalMs) : undefined;
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
    latencyMs: recorder.latency(),
    queueWaitMs: recorder.queueWait(),
    cpuUtilization: cpuMs !== null && wallMs > 0 ? Math.min(1, cpuMs / wallMs / cores) : null,
    peakRssMb: recorder.peakRssBytes / (1024 * 1024),
    check,
    ...(error ? { error } : {}),
    failures: recorder.failures,
    ...(gil ? { gil } : {}),
    lanes: recorder.lanes(),
    epochStartMs: recorder.epochStartMs,
    timeline: recorder.timeline(),
    injectedFailures: checker.injectedFailures,
  };
}
