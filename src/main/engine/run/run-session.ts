/** Runs a whole request: prepares the scenario once, then every model in turn on the same tasks. */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { epochNow } from '../../../shared/clock';
import { errorMessage } from '../../../shared/format';
import type { RunForecast } from '../../../shared/forecast';
import { resolvePool } from '../../../shared/pool';
import type { ModelResult, ModelSnapshot, RunResult } from '../../../shared/results';
import { resolveParams, type RunRequest } from '../../../shared/run-request';
import { scenarioInfo } from '../../../shared/scenarios';
import { ReferenceAnswers } from './answer-checker';
import type { DistributedSettings } from '../models/distributed/distributed-model';
import type { ExecutorEnvironment } from '../models/executor-environment';
import { modelAvailability } from '../models/availability';
import type { CpuHistory } from '../system/cpu-load';
import { machineInfo } from '../system/machine';
import { runModel, type MeasuredModel, type ModelRunInput } from './model-run';
import { forecastRun } from './run-forecast';
import { NOT_RUN, NOT_STARTED, withSpeedups } from './model-notes';
import type { HostScripts } from '../models/host-scripts';
import type { ProcessSpawner } from '../models/process-spawner';
import { SCENARIO_RUNNERS } from '../scenarios';
import { SnapshotPacer } from '../recording/snapshot-pacer';
import type { PreparedScenario } from '../scenarios/scenario';
import { TaskTimeline } from '../../../shared/task-timeline';
import { LaneList } from '../../../shared/lane-list';

/** How the engine is set up in this process (CLI, app, browser mode, tests). */
export interface EngineOptions {
  readonly hostScripts: HostScripts;
  readonly spawner: ProcessSpawner;
  /** Cores to plan for; defaults to os.availableParallelism(). */
  readonly cores?: number;
  /** See InlineContextOptions.yieldEveryMs; 100 ms by default. */
  readonly callingThreadYieldMs?: number;
  readonly workerMemoryMb?: number;
  /** Where scenario files are generated; the OS temp folder by default. */
  readonly tempRoot?: string;
  /** See ExecutorEnvironment.callingThread; 'inline' by default (the CLI). */
  readonly callingThread?: 'inline' | 'dedicated';
  /** See ProbeContext.python: the interpreter the Python models use (`--python PATH`, CONCURRENCY_LAB_PYTHON). */
  readonly python?: string;
  /** The system monitor's recent CPU readings: a run reads the machine's load of the second before it. */
  readonly cpuHistory?: CpuHistory;
  /** The distributed model's broker (--server, the app's cluster panel); a private nats-server per run when absent. */
  readonly distributed?: DistributedSettings;
}

/** Observers of a run in progress. */
export interface RunHooks {
  /** The run's id, when the caller hands it out before the run starts; a new UUID otherwise. */
  readonly runId?: string;
  readonly signal?: AbortSignal;
  /** A model's live state: at most 20 per second for the whole run; every model's final state is sent. */
  readonly onSnapshot?: (snapshot: ModelSnapshot) => void;
  /** A model finished (numbers that depend on other models, like speedup, come with the run result). */
  readonly onModelResult?: (result: ModelResult) => void;
  /** Long preparation steps, in words. */
  readonly onPreparing?: (message: string) => void;
  /** See ModelRunInput.onLive. */
  readonly onLive?: ModelRunInput['onLive'];
  /** See ModelRunInput.onRecording. */
  readonly onRecording?: ModelRunInput['onRecording'];
  /** Before the first model starts: how long the models that can tell (CPython) are expected to take. */
  readonly onForecast?: (forecast: RunForecast) => void;
}

/** A model that never ran: cancelled before its turn, or unable to run on this machine. */
function neverRan(
  model: MeasuredModel['model'],
  total: number,
  why: { readonly state: 'cancelled' } | { readonly state: 'failed'; readonly error: string },
): MeasuredModel {
  const zero = { p50: 0, p95: 0, max: 0 };
  return {
    model,
    state: why.state,
    ...(why.state === 'failed' ? { error: why.error } : {}),
    placement: why.state === 'cancelled' ? NOT_STARTED : NOT_RUN,
    workers: null,
    wallMs: 0,
    startupMs: 0,
    total,
    completed: 0,
    failed: 0,
    throughput: 0,
    latencyMs: zero,
    queueWaitMs: zero,
    cpuUtilization: null,
    peakRssMb: 0,
    check: { ok: null, answer: 'not run' },
    failures: [],
    lanes: LaneList.of([]),
    epochStartMs: epochNow(),
    timeline: TaskTimeline.sized(0),
    injectedFailures: 0,
    load: null,
  };
}

/**
 * Runs a validated request. Models run one after another, each with the whole machine. Cancelling
 * (the signal) stops the running model, skips the rest and still returns what was measured.
 */
export async function runScenario(
  request: RunRequest,
  options: EngineOptions,
  hooks: RunHooks = {},
): Promise<RunResult> {
  const signal = hooks.signal ?? new AbortController().signal;
  // Every pending wait of an async run listens to the signal: thousands of listeners are expected here.
  setMaxListeners(0, signal);
  const cores = options.cores ?? availableParallelism();
  const pool = resolvePool(request.pool, cores);
  const params = resolveParams(request.scenario, request.params);
  const info = scenarioInfo(request.scenario);
  const env: ExecutorEnvironment = {
    hostScripts: options.hostScripts,
    spawner: options.spawner,
    callingThreadYieldMs: options.callingThreadYieldMs ?? 100,
    workerMemoryMb: options.workerMemoryMb,
    callingThread: options.callingThread ?? 'inline',
    scenario: request.scenario,
    ...(options.python ? { python: options.python } : {}),
    distributed: options.distributed,
    stayLocal: info.localOnly ?? null,
  };
  const runId = hooks.runId ?? randomUUID();
  const startedAt = new Date().toISOString();
  const before = options.cpuHistory?.secondBefore() ?? null;
  const tempDir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'concurrency-lab-'));
  let prepared: PreparedScenario | null = null;
  const measured: MeasuredModel[] = [];
  // Incidents around a model (a service that died while it ran), by model: its notes and the verdict say them.
  const incidents = new Map<MeasuredModel['model'], string>();
  let failure: string | null = null;
  let pacer: SnapshotPacer | undefined;
  try {
    hooks.onPreparing?.(`preparing ${request.scenario}`);
    prepared = await SCENARIO_RUNNERS[request.scenario].prepare(params, {
      tempDir,
      spawner: options.spawner,
      hostScripts: options.hostScripts,
      signal,
      report: (message) => hooks.onPreparing?.(message),
    });
    const forecast = await forecastRun(request.models, { tasks: prepared.tasks, pool, cores, env, signal });
    if (forecast) {
      hooks.onForecast?.(forecast);
      hooks.onPreparing?.(forecast.message);
    }
    const expectedOf = (model: string): number | undefined =>
      forecast?.models.find((m) => m.model === model)?.expectedMs;
    const references = new ReferenceAnswers(prepared.tasks.length);
    const onSnapshot = hooks.onSnapshot;
    pacer = onSnapshot ? new SnapshotPacer(onSnapshot) : undefined;
    for (const [index, model] of request.models.entries()) {
      if (signal.aborted) {
        measured.push(neverRan(model, prepared.tasks.length, { state: 'cancelled' }));
        continue;
      }
      const availability = await modelAvailability(model, env);
      if (!availability.available) {
        const error = `unavailable: ${availability.reason}`;
        measured.push(neverRan(model, prepared.tasks.length, { state: 'failed', error }));
        continue;
      }
      const result = await runModel({
        model,
        scenario: prepared,
        pool,
        env,
        cores,
        references,
        signal,
        pacer,
        onLive: hooks.onLive,
        onRecording: hooks.onRecording,
        expectedMs: expectedOf(model),
      });
      measured.push(result);
      const more = index < request.models.length - 1 && !signal.aborted;
      const incident = await prepared.afterModel?.(model, more);
      if (incident) incidents.set(model, incident);
      // A model's notes, its summary for every window, and the next model's pool start are turns of their own.
      await nextTurn();
      hooks.onModelResult?.(withIncidents(withSpeedups([result]), incidents)[0]!);
      await nextTurn();
    }
  } catch (error) {
    if (!signal.aborted) failure = errorMessage(error);
  } finally {
    pacer?.dispose();
    await prepared?.dispose().catch(() => undefined);
    await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
  }
  if (failure !== null) throw new Error(`${request.scenario} could not run: ${failure}`);
  // Cancelled while preparing: every model is reported, none ran.
  for (const model of request.models.slice(measured.length))
    measured.push(neverRan(model, prepared?.tasks.length ?? 0, { state: 'cancelled' }));
  const results = withIncidents(withSpeedups(measured), incidents);
  return {
    runId,
    scenario: request.scenario,
    title: info.title,
    startedAt,
    state: signal.aborted ? 'cancelled' : results.some((r) => r.state === 'failed') ? 'failed' : 'done',
    params,
    derived: prepared?.derived ?? {},
    pool,
    machine: machineInfo(cores),
    results,
    ...(request.origin ? { origin: request.origin } : {}),
    load: {
      windows: [
        ...(before ? [before] : []),
        ...measured.flatMap((model) => (model.load ? [model.load] : [])),
      ],
      work: info.kind,
    },
    ...(incidents.size > 0 ? { incidents: [...incidents.values()] } : {}),
  };
}

/** Puts each model's incident first in its notes: it explains whatever failed after it. */
function withIncidents(
  results: readonly ModelResult[],
  incidents: ReadonlyMap<ModelResult['model'], string>,
): ModelResult[] {
  return results.map((result) => {
    const incident = incidents.get(result.model);
    return incident ? { ...result, notes: [incident, ...result.notes] } : result;
  });
}
