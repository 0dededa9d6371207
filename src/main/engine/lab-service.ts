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
import { forbiddenMessage, mayInvoke } from '../../shared/channel-access';
import { REQUEST_VALIDATORS } from '../../shared/ipc-schemas';
import { DESKTOP_CALLER, type JoinInfo, type LabCaller } from '../../shared/room';
import { formatIssue } from '../../shared/run-request';
import { errorMessage } from '../../shared/format';
import { DamagedRunError, RunStore } from './history/run-store';
import type { EngineOptions } from './run/run-session';
import { clusterHandlers } from './service/cluster-handlers';
import { historyHandlers } from './service/history-handlers';
import { LabActivity, LabFailure, type HandlerMap } from './service/lab-activity';
import { LabCluster } from './service/lab-cluster';
import { LabRoom } from './service/lab-room';
import { lessonHandlers } from './service/lesson-handlers';
import { pythonHandlers } from './service/python-handlers';
import { roomHandlers } from './service/room-handlers';
import { runHandlers } from './service/run-handlers';
import { SessionRuns } from './service/session-runs';
import { timelineHandlers } from './service/timeline-handlers';
import { RunTimelines } from './timeline/run-timelines';
import { CpuHistory } from './system/cpu-load';
import { startSystemMonitor } from './system/system-monitor';

/** What both transports call. */
export interface LabService {
  /**
   * Checks that the caller's role may use the channel, validates the payload, runs the request, and
   * always answers: never throws. The caller is the desktop app (the instructor) when left out.
   */
  handle(channel: unknown, payload: unknown, caller?: LabCaller): Promise<Reply<unknown>>;
  /** A window joined the room (the transport says so); returns the function to call when it leaves. */
  attach(caller: LabCaller): () => void;
  /** Sets how attendees join (the browser-mode server knows its addresses once it listens). */
  setJoin(join: JoinInfo | null): void;
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
  const activity = new LabActivity(() => room.changed('now'));
  const room = new LabRoom(
    () => activity.describe(),
    (payload) => emit({ event: 'room:changed', payload }),
  );
  const store = options.store ? Promise.resolve(options.store) : RunStore.open({ file: null });
  // The system monitor's CPU readings: each run and lesson reads the machine's load of the second before it.
  const cpuHistory = options.engine.cpuHistory ?? new CpuHistory();
  const engine: EngineOptions = { ...options.engine, cpuHistory };
  const cluster = new LabCluster({
    changed: (payload) => emit({ event: 'cluster:changed', payload }),
    tempRoot: options.engine.tempRoot,
  });
  const runs = new SessionRuns(store, () => emit({ event: 'history:changed', payload: { at: Date.now() } }));
  const timelines = new RunTimelines((runId) => runs.result(runId));
  let stopSampling: (() => void) | null = null;

  const handlers: HandlerMap<InvokeChannel> = {
    ...runHandlers({
      engine,
      distributed: () => cluster.settings(),
      activity,
      runs,
      timelines,
      emit,
      historyFile: () => options.store?.file ?? null,
      logFile: options.logFile ?? null,
      historyNotice: options.historyNotice ?? null,
    }),
    ...historyHandlers(runs, timelines),
    ...lessonHandlers(
      engine,
      activity,
      emit,
      (run) => runs.addLesson(run),
      () => cluster.settings(),
    ),
    ...roomHandlers(room, activity),
    ...pythonHandlers(options.engine),
    ...clusterHandlers(cluster, activity),
    ...timelineHandlers(timelines),
  };

  const dispatch = async <C extends InvokeChannel>(
    channel: C,
    payload: unknown,
    caller: LabCaller,
  ): Promise<Reply<unknown>> => {
    if (!mayInvoke(caller.role, channel)) {
      return {
        ok: false,
        error: { code: 'forbidden', message: forbiddenMessage(channel, caller.role), role: caller.role },
      };
    }
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
    const handler = handlers[channel] as (
      request: InvokeContract[C]['request'],
      caller: LabCaller,
    ) => Promise<unknown>;
    return { ok: true, value: await handler(validated.value as InvokeContract[C]['request'], caller) };
  };

  const startSampling = (): (() => void) => {
    const stopMonitor = startSystemMonitor(
      (payload) => emit({ event: 'system:stats', payload }),
      options.systemSampleMs,
      cpuHistory,
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
    async handle(channel, payload, caller = DESKTOP_CALLER) {
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
        return await dispatch(channel, payload, caller);
      } catch (error) {
        if (error instanceof LabFailure)
          return { ok: false, error: { code: error.code, message: error.message, ...error.details } };
        if (error instanceof DamagedRunError)
          return { ok: false, error: { code: 'damaged', message: error.message } };
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
    attach: (caller) => room.attach(caller),
    setJoin(join) {
      room.join = join;
      room.changed('now');
    },
    async close() {
      room.close();
      stopSampling?.();
      stopSampling = null;
      await activity.stop();
      await cluster.close();
      await runs.close();
      listeners.clear();
    },
  };
}
