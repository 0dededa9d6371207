/** The lab service: the engine behind the IPC contract, shared by the Electron IPC handlers and the WebSocket bridge. */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  HEARTBEAT_MS,
  INVOKE_CHANNELS,
  isInvokeChannel,
  type EventContract,
  type InvokeChannel,
  type InvokeContract,
  type LabError,
  type LabEvent,
  type Reply,
} from '../../shared/ipc';
import { REQUEST_VALIDATORS } from '../../shared/ipc-schemas';
import { POOL_KNOBS } from '../../shared/knobs';
import { MODEL_IDS, MODELS } from '../../shared/models';
import type { ModelSnapshot } from '../../shared/results';
import { formatIssue, type RunRequest } from '../../shared/run-request';
import { SCENARIOS } from '../../shared/scenarios';
import { errorMessage } from './errors';
import { exportRun } from './exports';
import { machineInfo } from './machine';
import { RunHistory } from './run-history';
import { resolvePool, runScenario, type EngineOptions } from './run-session';
import { runView, summariseModel } from './run-views';
import { ResponsivenessJobs } from './responsiveness/responsiveness-jobs';
import { startSystemMonitor } from './system-monitor';
import { setSwitchInterval } from '../../workers/gil';

/** What both transports call. */
export interface LabService {
  /** Validates the channel and payload, runs the request, and always answers: never throws. */
  handle(channel: unknown, payload: unknown): Promise<Reply<unknown>>;
  /** Receives every event (run progress, results, system stats); returns the unsubscribe function. */
  subscribe(listener: (event: LabEvent) => void): () => void;
  /** Cancels a run in progress and stops every worker and process; resolves once all are gone. */
  close(): Promise<void>;
}

/** How the service is set up. */
export interface LabServiceOptions {
  readonly engine: EngineOptions;
  /** Milliseconds between system stats events; 1000 by default. */
  readonly systemSampleMs?: number;
}

interface ActiveRun {
  readonly runId: string;
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

type Handlers = {
  readonly [C in InvokeChannel]: (
    request: InvokeContract[C]['request'],
  ) => Promise<InvokeContract[C]['reply']>;
};

/** A failure a handler reports on purpose, with its code. */
class LabFailure extends Error {
  constructor(
    readonly code: LabError['code'],
    message: string,
  ) {
    super(message);
  }
}

/** Creates the service: one run at a time, the session's history, system stats once a second. */
export function createLabService(options: LabServiceOptions): LabService {
  const listeners = new Set<(event: LabEvent) => void>();
  const history = new RunHistory();
  const cores = options.engine.cores ?? availableParallelism();
  let active: ActiveRun | null = null;
  let stopMonitor: (() => void) | null = null;
  let closed = false;

  const jobs = new ResponsivenessJobs({
    hostScripts: options.engine.hostScripts,
    spawner: options.engine.spawner,
  });
  let liveGil: SharedArrayBuffer | null = null;
  let jobRunning = false;
  let stopHeartbeat: (() => void) | null = null;

  /** One job at a time, never during a run: either would disturb the other's measurements. */
  const exclusively = async <T>(work: () => Promise<T>): Promise<T> => {
    if (active) throw new LabFailure('busy', 'a run is in progress: the lab measures one thing at a time');
    if (jobRunning) throw new LabFailure('busy', 'a job is running: wait for it to finish');
    jobRunning = true;
    try {
      return await work();
    } finally {
      jobRunning = false;
    }
  };

  const emit = (event: LabEvent): void => {
    for (const listener of listeners) listener(event);
  };

  const startRun = (request: RunRequest): { runId: string } => {
    if (closed) throw new LabFailure('busy', 'the lab is shutting down');
    if (active) throw new LabFailure('busy', 'a run is in progress: cancel it or wait for it to finish');
    if (jobRunning) throw new LabFailure('busy', 'a responsiveness job is running: wait for it to finish');
    const runId = randomUUID();
    const controller = new AbortController();
    const snapshots = new Map<string, ModelSnapshot>();
    const progress = (payload: EventContract['run:progress']): void =>
      emit({ event: 'run:progress', payload });
    const done = runScenario(request, options.engine, {
      runId,
      signal: controller.signal,
      onPreparing: (message) => progress({ runId, kind: 'preparing', message }),
      onSnapshot: (snapshot) => {
        snapshots.set(snapshot.model, snapshot);
        progress({ runId, kind: 'snapshot', snapshot });
      },
      onModelResult: (result) => progress({ runId, kind: 'model-finished', result: summariseModel(result) }),
      onLiveGil: (buffer) => (liveGil = buffer),
    })
      .then((result) => {
        const view = runView(
          result,
          request.models.flatMap((model) => snapshots.get(model) ?? []),
        );
        history.add(result, view);
        emit({ event: 'run:finished', payload: view });
      })
      .catch((error: unknown) =>
        emit({ event: 'run:failed', payload: { runId, message: errorMessage(error) } }),
      )
      .finally(() => {
        if (active?.runId === runId) active = null;
      });
    active = { runId, controller, done };
    return { runId };
  };

  const handlers: Handlers = {
    'lab:catalog': async () => ({
      scenarios: SCENARIOS,
      models: MODEL_IDS.map((id) => MODELS[id]),
      poolKnobs: POOL_KNOBS,
      machine: machineInfo(cores),
      defaultPool: resolvePool({}, cores),
      processKind: options.engine.spawner.kind,
    }),
    'run:start': async (request) => startRun(request),
    'run:cancel': async ({ runId }) => {
      if (active?.runId === runId) {
        active.controller.abort();
        return { cancelled: true };
      }
      if (history.get(runId)) return { cancelled: false };
      throw new LabFailure('not-found', `no run ${runId} in this session`);
    },
    'run:export': async ({ runId, format }) => {
      const entry = history.get(runId);
      if (!entry) throw new LabFailure('not-found', `no finished run ${runId} in this session`);
      return exportRun(entry.result, format);
    },
    'history:list': async () => history.list(),
    'history:open': async ({ runId }) => {
      const entry = history.get(runId);
      if (!entry) throw new LabFailure('not-found', `no finished run ${runId} in this session`);
      return entry.view;
    },
    'job:plan': ({ durationMs }) => exclusively(() => jobs.plan(durationMs)),
    'job:run': ({ placement, durationMs, chunkMs }) =>
      exclusively(() => jobs.run(placement, durationMs, chunkMs)),
    'job:async-trap': ({ blocking, sleepMs }) => exclusively(() => jobs.asyncTrap(blocking, sleepMs)),
    'gil:switch-interval': async ({ switchIntervalMs }) => {
      if (!liveGil) return { applied: false };
      setSwitchInterval(liveGil, switchIntervalMs);
      return { applied: true };
    },
  };

  const dispatch = async <C extends InvokeChannel>(channel: C, payload: unknown): Promise<Reply<unknown>> => {
    const validated = REQUEST_VALIDATORS[channel](payload);
    if (!validated.ok) {
      const issues = validated.issues;
      return {
        ok: false,
        error: {
          code: 'invalid-request',
          message: issues.map((issue) => formatIssue(issue, 'field')).join('; '),
          issues,
        },
      };
    }
    const handler = handlers[channel] as (request: InvokeContract[C]['request']) => Promise<unknown>;
    return { ok: true, value: await handler(validated.value as InvokeContract[C]['request']) };
  };

  return {
    async handle(channel, payload) {
      if (!isInvokeChannel(channel)) {
        return {
          ok: false,
          error: {
            code: 'unknown-channel',
            message: `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)} (allowed: ${INVOKE_CHANNELS.join(', ')})`,
          },
        };
      }
      try {
        return await dispatch(channel, payload);
      } catch (error) {
        if (error instanceof LabFailure)
          return { ok: false, error: { code: error.code, message: error.message } };
        return { ok: false, error: { code: 'internal', message: errorMessage(error) } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!stopMonitor && !closed) {
        stopMonitor = startSystemMonitor(
          (payload) => emit({ event: 'system:stats', payload }),
          options.systemSampleMs,
        );
        let seq = 0;
        const heartbeat = setInterval(
          () => emit({ event: 'system:heartbeat', payload: { at: Date.now(), seq: seq++ } }),
          HEARTBEAT_MS,
        );
        heartbeat.unref();
        stopHeartbeat = () => clearInterval(heartbeat);
      }
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      closed = true;
      stopMonitor?.();
      stopMonitor = null;
      stopHeartbeat?.();
      stopHeartbeat = null;
      const run = active;
      run?.controller.abort();
      await run?.done;
      listeners.clear();
    },
  };
}
