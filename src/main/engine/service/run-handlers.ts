/** Handlers of the catalog and of runs: start, cancel, export, and the GIL's switch interval while one runs. */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { EventContract, LabEvent } from '../../../shared/ipc';
import { POOL_KNOBS } from '../../../shared/knobs';
import type { ModelSnapshot } from '../../../shared/results';
import { resolvePool } from '../../../shared/pool';
import type { RunRequest } from '../../../shared/run-request';
import type { LabCaller } from '../../../shared/room';
import type { ModelSummary } from '../../../shared/views';
import { SCENARIOS } from '../../../shared/scenarios';
import { errorMessage } from '../../../shared/format';
import { exportRun } from '../reporters/exports';
import { catalogModels } from '../models/availability';
import { pythonCatalogFor } from '../models/python/python-setup';
import { machineInfo } from '../system/machine';
import { appendLog, formatLogLines } from '../reporters';
import type { DistributedSettings } from '../models/distributed/distributed-model';
import type { LiveExecutor } from '../run/model-run';
import { runScenario, type EngineOptions } from '../run/run-session';
import { runView, summariseModel } from '../run/run-views';
import { LabFailure, type HandlerMap, type LabActivity } from './lab-activity';
import type { SessionRuns } from './session-runs';
import type { RunTimelines } from '../timeline/run-timelines';

/** How far a run got, in words: settled tasks of all its models. */
function runProgress(request: RunRequest, snapshots: Iterable<ModelSnapshot>): string {
  let settled = 0;
  let tasks = 0;
  for (const snapshot of snapshots) {
    settled += snapshot.completed + snapshot.failed;
    tasks = snapshot.total;
  }
  if (tasks === 0) return 'preparing its tasks';
  const percent = Math.floor((100 * settled) / (tasks * request.models.length));
  return `${percent}% of ${request.models.length} model${request.models.length === 1 ? '' : 's'} × ${tasks} tasks done`;
}

/** What the run handlers need. */
export interface RunHandlersContext {
  readonly engine: EngineOptions;
  /** Where the distributed model's broker is now (the cluster panel's choice). */
  readonly distributed: () => DistributedSettings;
  readonly activity: LabActivity;
  readonly runs: SessionRuns;
  /** Where the timeline's questions find the run's tasks, live and after it ends. */
  readonly timelines: RunTimelines;
  readonly emit: (event: LabEvent) => void;
  readonly historyFile: () => string | null;
  readonly logFile: string | null;
  readonly historyNotice: string | null;
}

/** The catalog, run:start, run:cancel, run:export and gil:switch-interval. */
export function runHandlers(
  context: RunHandlersContext,
): HandlerMap<'lab:catalog' | 'run:start' | 'run:cancel' | 'run:export' | 'gil:switch-interval'> {
  const { engine, activity, runs, timelines, emit } = context;
  const cores = engine.cores ?? availableParallelism();
  let live: LiveExecutor | null = null;
  /** The switch interval set live during the run: every GIL model that starts later in the run gets it too. */
  let liveSwitchMs: number | null = null;

  const startRun = (request: RunRequest, by: LabCaller): { runId: string } => {
    activity.assertIdle();
    liveSwitchMs = null;
    const runId = randomUUID();
    const controller = new AbortController();
    const snapshots = new Map<string, ModelSnapshot>();
    const finished: ModelSummary[] = [];
    const idle = (): void => {
      timelines.ended(runId);
      if (activity.run?.runId !== runId) return;
      activity.run = null;
      live = null;
    };
    const progress = (payload: EventContract['run:progress']): void =>
      emit({ event: 'run:progress', payload });
    const done = runScenario(
      request,
      { ...engine, distributed: context.distributed() },
      {
        runId,
        signal: controller.signal,
        onPreparing: (message) => progress({ runId, kind: 'preparing', message }),
        onForecast: (forecast) => progress({ runId, kind: 'forecast', forecast }),
        onSnapshot: (snapshot) => {
          snapshots.set(snapshot.model, snapshot);
          progress({ runId, kind: 'snapshot', snapshot });
        },
        onModelResult: (result) => {
          const summary = summariseModel(result);
          finished.push(summary);
          progress({ runId, kind: 'model-finished', result: summary });
        },
        onLive: (executor) => {
          live = executor;
          if (liveSwitchMs !== null) executor?.setSwitchInterval?.(liveSwitchMs);
        },
        onRecording: (model, timeline) => timelines.recording(runId, model, timeline),
      },
    )
      .then(async (result) => {
        const view = runView(
          result,
          request.models.flatMap((model) => snapshots.get(model) ?? []),
        );
        runs.add(result, view);
        // run:finished means "you may start the next run": the lab is idle before anyone hears of it.
        idle();
        emit({ event: 'run:finished', payload: view });
        // The app keeps the CLI's results log too: one line per model.
        if (context.logFile) {
          await appendLog(context.logFile, formatLogLines(result)).catch((error: unknown) =>
            console.warn(`could not append to ${context.logFile}: ${errorMessage(error)}`),
          );
        }
      })
      .catch((error: unknown) => {
        idle();
        emit({ event: 'run:failed', payload: { runId, message: errorMessage(error) } });
      })
      .finally(idle);
    activity.run = {
      runId,
      controller,
      done,
      activity: { kind: 'run', runId, request, by, startedAt: new Date().toISOString() },
      progress: () => runProgress(request, snapshots.values()),
      live: () => ({ runId, snapshots: [...snapshots.values()], finished: [...finished] }),
    };
    return { runId };
  };

  return {
    'lab:catalog': async () => ({
      scenarios: SCENARIOS,
      models: await catalogModels({ ...engine, distributed: context.distributed() }),
      python: await pythonCatalogFor(engine),
      poolKnobs: POOL_KNOBS,
      machine: machineInfo(cores),
      defaultPool: resolvePool({}, cores),
      processKind: engine.spawner.kind,
      historyFile: context.historyFile(),
      logFile: context.logFile,
      historyNotice: context.historyNotice,
    }),
    'run:start': async (request, by) => startRun(request, by),
    'run:cancel': async ({ runId }) => {
      if (activity.run?.runId === runId) {
        activity.run.controller.abort();
        return { cancelled: true };
      }
      if (await runs.view(runId)) return { cancelled: false };
      throw new LabFailure('not-found', `no run ${runId} in the history`);
    },
    'run:export': async ({ runId, format }) => {
      const result = await runs.result(runId);
      if (!result) throw new LabFailure('not-found', `no finished run ${runId} in the history`);
      return exportRun(result, format);
    },
    'gil:switch-interval': async ({ switchIntervalMs }) => {
      const run = activity.run;
      if (!live?.setSwitchInterval || !run) return { applied: false };
      liveSwitchMs = switchIntervalMs;
      live.setSwitchInterval(switchIntervalMs);
      // The room hears of it: the run under way now runs with this interval (followers' forms show it).
      const { request } = run.activity;
      activity.run = {
        ...run,
        activity: { ...run.activity, request: { ...request, pool: { ...request.pool, switchIntervalMs } } },
      };
      return { applied: true };
    },
  };
}
