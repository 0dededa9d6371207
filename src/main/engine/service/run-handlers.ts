/** Handlers of the catalog and of runs: start, cancel, export, and the GIL's switch interval while one runs. */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { EventContract, LabEvent } from '../../../shared/ipc';
import { POOL_KNOBS } from '../../../shared/knobs';
import { MODEL_IDS, MODELS } from '../../../shared/models';
import type { ModelSnapshot } from '../../../shared/results';
import type { RunRequest } from '../../../shared/run-request';
import { SCENARIOS } from '../../../shared/scenarios';
import { errorMessage } from '../../../shared/format';
import { exportRun } from '../reporters/exports';
import { machineInfo } from '../system/machine';
import { appendLog, formatLogLines } from '../reporters';
import type { LiveExecutor } from '../run/model-run';
import { resolvePool, runScenario, type EngineOptions } from '../run/run-session';
import { runView, summariseModel } from '../run/run-views';
import { LabFailure, type HandlerMap, type LabActivity } from './lab-activity';
import type { SessionRuns } from './session-runs';

/** What the run handlers need. */
export interface RunHandlersContext {
  readonly engine: EngineOptions;
  readonly activity: LabActivity;
  readonly runs: SessionRuns;
  readonly emit: (event: LabEvent) => void;
  readonly historyFile: () => string | null;
  readonly logFile: string | null;
  readonly historyNotice: string | null;
}

/** The catalog, run:start, run:cancel, run:export and gil:switch-interval. */
export function runHandlers(
  context: RunHandlersContext,
): HandlerMap<'lab:catalog' | 'run:start' | 'run:cancel' | 'run:export' | 'gil:switch-interval'> {
  const { engine, activity, runs, emit } = context;
  const cores = engine.cores ?? availableParallelism();
  let live: LiveExecutor | null = null;

  const startRun = (request: RunRequest): { runId: string } => {
    activity.assertIdle();
    const runId = randomUUID();
    const controller = new AbortController();
    const snapshots = new Map<string, ModelSnapshot>();
    const progress = (payload: EventContract['run:progress']): void =>
      emit({ event: 'run:progress', payload });
    const done = runScenario(request, engine, {
      runId,
      signal: controller.signal,
      onPreparing: (message) => progress({ runId, kind: 'preparing', message }),
      onSnapshot: (snapshot) => {
        snapshots.set(snapshot.model, snapshot);
        progress({ runId, kind: 'snapshot', snapshot });
      },
      onModelResult: (result) => progress({ runId, kind: 'model-finished', result: summariseModel(result) }),
      onLive: (executor) => (live = executor),
    })
      .then(async (result) => {
        const view = runView(
          result,
          request.models.flatMap((model) => snapshots.get(model) ?? []),
        );
        runs.add(result, view);
        emit({ event: 'run:finished', payload: view });
        // The app keeps the CLI's results log too: one line per model.
        if (context.logFile) {
          await appendLog(context.logFile, formatLogLines(result)).catch((error: unknown) =>
            console.warn(`could not append to ${context.logFile}: ${errorMessage(error)}`),
          );
        }
      })
      .catch((error: unknown) =>
        emit({ event: 'run:failed', payload: { runId, message: errorMessage(error) } }),
      )
      .finally(() => {
        if (activity.run?.runId === runId) activity.run = null;
      });
    activity.run = { runId, controller, done };
    return { runId };
  };

  return {
    'lab:catalog': async () => ({
      scenarios: SCENARIOS,
      models: MODEL_IDS.map((id) => MODELS[id]),
      poolKnobs: POOL_KNOBS,
      machine: machineInfo(cores),
      defaultPool: resolvePool({}, cores),
      processKind: engine.spawner.kind,
      historyFile: context.historyFile(),
      logFile: context.logFile,
      historyNotice: context.historyNotice,
    }),
    'run:start': async (request) => startRun(request),
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
      if (!live?.setSwitchInterval) return { applied: false };
      live.setSwitchInterval(switchIntervalMs);
      return { applied: true };
    },
  };
}
