/** The lab service: the engine behind the IPC contract, shared by the Electron IPC handlers and the WebSocket bridge. */
import {
  HEARTBEAT_MS,
  INVOKE_CHANNELS,
  isInvokeChannel,
  type InvokeChannel,
  type InvokeContract,
  type LabEvent,
  type Reply,
} from '../../shared/ipc';
import { REQUEST_VALIDATORS } from '../../shared/ipc-schemas';
import { formatIssue } from '../../shared/run-request';
import { errorMessage } from '../../shared/format';
import { RunStore } from './history/run-store';
import type { EngineOptions } from './run/run-session';
import { historyHandlers } from './service/history-handlers';
import { LabActivity, LabFailure, type HandlerMap } from './service/lab-activity';
import { lessonHandlers } from './service/lesson-handlers';
import { runHandlers } from './service/run-handlers';
import { SessionRuns } from './service/session-runs';
import { startSystemMonitor } from './system/system-monitor';

/** What both transports call. */
export interface LabService {
  /** Validates the channel and payload, runs the request, and always answers: never throws. */
  handle(channel: unknown, payload: unknown): Promise<Reply<unknown>>;
  /** Receives every event (run progress, results, system stats); returns the unsubscribe function. */
  subscribe(listener: (event: LabEvent) => void): () => void;
  /** Cancels a run or lesson in progress, stops every worker and process, closes the history; resolves once all are gone. */
  close(): Promise<void>;
}

/** How the service is set up. */
export interface LabServiceOptions {
  readonly engine: EngineOptions;
  /** Milliseconds between system stats events; 1000 by default. */
  readonly systemSampleMs?: number;
  /** The persistent run history; an in-memory one (this session only) when left out. */
  readonly store?: RunStore;
  /** What happened when the stored history was opened, if it could not be (shown to the user). */
  readonly historyNotice?: string | null;
  /** The results log every finished run appends to (the CLI's logs/concurrency_results.log); none when null. */
  readonly logFile?: string | null;
}

/** Creates the service: one run, job or lesson at a time, the run history, system stats and a heartbeat. */
export function createLabService(options: LabServiceOptions): LabService {
  const listeners = new Set<(event: LabEvent) => void>();
  const emit = (event: LabEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const activity = new LabActivity();
  const store = options.store ? Promise.resolve(options.store) : RunStore.open({ file: null });
  const runs = new SessionRuns(store, () => emit({ event: 'history:changed', payload: { at: Date.now() } }));
  let stopSampling: (() => void) | null = null;

  const handlers: HandlerMap<InvokeChannel> = {
    ...runHandlers({
      engine: options.engine,
      activity,
      runs,
      emit,
      historyFile: () => options.store?.file ?? null,
      logFile: options.logFile ?? null,
      historyNotice: options.historyNotice ?? null,
    }),
    ...historyHandlers(runs),
    ...lessonHandlers(options.engine, activity, emit, (run) => runs.addLesson(run)),
  };

  const dispatch = async <C extends InvokeChannel>(channel: C, payload: unknown): Promise<Reply<unknown>> => {
    const validated = REQUEST_VALIDATORS[channel](payload);
    if (!validated.ok) {
      const { issues } = validated;
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

  const startSampling = (): (() => void) => {
    const stopMonitor = startSystemMonitor(
      (payload) => emit({ event: 'system:stats', payload }),
      options.systemSampleMs,
    );
    let seq = 0;
    const heartbeat = setInterval(
      () => emit({ event: 'system:heartbeat', payload: { at: Date.now(), seq: seq++ } }),
      HEARTBEAT_MS,
    );
    heartbeat.unref();
    return () => {
      stopMonitor();
      clearInterval(heartbeat);
    };
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
      if (!stopSampling && !activity.closed) stopSampling = startSampling();
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      stopSampling?.();
      stopSampling = null;
      await activity.stop();
      await runs.close();
      listeners.clear();
    },
  };
}
