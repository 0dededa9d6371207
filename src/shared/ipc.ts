/**
 * The one IPC contract: every request/reply channel and every event between the UI and the engine,
 * with their payload types. The Electron IPC handlers, the preload API, the WebSocket bridge and
 * both renderer clients are typed from these maps, so adding a channel fails to compile until every
 * side handles it.
 */
import type { RunForecast } from './forecast';
import type { ClusterConnectRequest, ClusterStartRequest, ClusterState } from './cluster';
import type { RunComparison } from './compare-runs';
import type { AsyncTrapResult, EngineJobPlacement, EngineJobResult, JobPlan } from './responsiveness';
import {
  ENGINE_LESSON_IDS,
  lessonChannel,
  type EngineLessonId,
  type LessonChannel,
} from './lessons/lesson-ids';
import type { LessonProgress, LessonRun, LessonRunOf, RequestOf } from './lessons/registry';
import type { ModelId } from './models';
import type { PythonSource } from './python-run';
import type { ModelSnapshot } from './results';
import type { ScenarioId } from './scenarios';
import type { RequestIssue, RunRequest } from './run-request';
import type { Catalog, HistoryItem, ModelSummary, RunView, SystemStats } from './views';
import type { ExportFile, ExportFormat } from './export-formats';
import type {
  TimelineTasksReply,
  TimelineTasksRequest,
  TimelineWindowReply,
  TimelineWindowRequest,
} from './timeline';
import type { LessonEnding, Role, RoomActivity, RoomScreen, RoomSession, RoomState } from './room';

/**
 * Every engine lesson's channel, `lesson:<id>`, from the lesson registry: its request in, and out the
 * finished run as the history keeps it — the same LessonRun that history:open-lesson returns.
 * Progress streams as lesson:progress; lesson:cancel stops it with a 'cancelled' reply.
 */
export type LessonContract = {
  readonly [L in EngineLessonId as `lesson:${L}`]: {
    readonly request: RequestOf<L>;
    readonly reply: LessonRunOf<L>;
  };
};

/** Request and reply of every channel the UI can invoke. */
export interface InvokeContract extends LessonContract {
  'lab:catalog': { readonly request: null; readonly reply: Catalog };
  'run:start': { readonly request: RunRequest; readonly reply: { readonly runId: string } };
  'run:cancel': {
    readonly request: { readonly runId: string };
    readonly reply: { readonly cancelled: boolean };
  };
  'run:export': {
    readonly request: { readonly runId: string; readonly format: ExportFormat };
    readonly reply: ExportFile;
  };
  /** Every stored run, races and lesson runs, newest first. */
  'history:list': { readonly request: null; readonly reply: readonly HistoryItem[] };
  'history:open': { readonly request: { readonly runId: string }; readonly reply: RunView };
  /** A stored lesson run, to show again in its lesson. */
  'history:open-lesson': { readonly request: { readonly runId: string }; readonly reply: LessonRun };
  /** The responsiveness lab's CPU job, sized on this machine (the page runs it itself in two placements). */
  'job:plan': { readonly request: { readonly durationMs: number }; readonly reply: JobPlan };
  /** Runs the job where the engine can: its main thread (blocking or chunked), a worker thread, a process. */
  'job:run': {
    readonly request: {
      readonly placement: EngineJobPlacement;
      readonly durationMs: number;
      readonly chunkMs: number;
    };
    readonly reply: EngineJobResult;
  };
  /** Four tasks polling I/O on one event loop while a fifth sleeps, awaited or blocking. */
  'job:async-trap': {
    readonly request: { readonly blocking: boolean; readonly sleepMs: number };
    readonly reply: AsyncTrapResult;
  };
  /** Deletes runs from the history (it is kept on disk across sessions). */
  'history:delete': {
    readonly request: { readonly runIds: readonly string[] };
    readonly reply: { readonly deleted: number };
  };
  /** Several finished runs side by side, ready for one chart. */
  'history:compare': {
    readonly request: { readonly runIds: readonly string[] };
    readonly reply: RunComparison;
  };
  /** Runs exported as one file: one run of any kind, or several races side by side. */
  'history:export': {
    readonly request: { readonly runIds: readonly string[]; readonly format: ExportFormat };
    readonly reply: ExportFile;
  };
  /** Stops the lesson or job in progress; its reply becomes a 'cancelled' error. */
  'lesson:cancel': { readonly request: null; readonly reply: { readonly cancelled: boolean } };
  /** Changes the GIL switch interval of the run in progress, live (sys.setswitchinterval). */
  'gil:switch-interval': {
    readonly request: { readonly switchIntervalMs: number };
    readonly reply: { readonly applied: boolean };
  };
  /**
   * The Python source a CPython model runs for a scenario, from the harness shipped with the app:
   * read-only, one way — no code is ever sent to the engine.
   */
  'python:source': {
    readonly request: { readonly model: ModelId; readonly scenario: ScenarioId };
    readonly reply: PythonSource;
  };
  /** Who this window is, the room, how attendees join, and the run under way (to catch up on it). */
  'room:state': { readonly request: null; readonly reply: RoomSession };
  /** The instructor's window reports what it shows; attendees following it show the same. */
  'room:screen': { readonly request: RoomScreen; readonly reply: { readonly accepted: boolean } };
  /** The tasks of a run's model under the timeline's pointer: a few, nearest first, with their outputs. */
  'timeline:tasks': { readonly request: TimelineTasksRequest; readonly reply: TimelineTasksReply };
  /** A zoomed-in window of a run's model: busy intervals and GIL turns at the plot's resolution. */
  'timeline:window': { readonly request: TimelineWindowRequest; readonly reply: TimelineWindowReply };
  /** Where the distributed model's broker is, how attendees join it, and its workers. */
  'cluster:state': { readonly request: null; readonly reply: ClusterState };
  /** Starts a room's NATS server (loopback unless told; any other address needs the room's passwords). */
  'cluster:start': { readonly request: ClusterStartRequest; readonly reply: ClusterState };
  /** Uses a running NATS server for distributed runs (its credentials stay in the engine). */
  'cluster:connect': { readonly request: ClusterConnectRequest; readonly reply: ClusterState };
  /** Stops the room server or forgets the server: runs start a private one again. */
  'cluster:stop': { readonly request: null; readonly reply: ClusterState };
}

/** A channel the UI can invoke. */
export type InvokeChannel = keyof InvokeContract;

/** What a live run reports on its way. */
export type RunProgress =
  | { readonly runId: string; readonly kind: 'preparing'; readonly message: string }
  /** Before the first model starts: how long the models that can tell (CPython) are expected to take. */
  | { readonly runId: string; readonly kind: 'forecast'; readonly forecast: RunForecast }
  | { readonly runId: string; readonly kind: 'snapshot'; readonly snapshot: ModelSnapshot }
  | { readonly runId: string; readonly kind: 'model-finished'; readonly result: ModelSummary };

/** Payload of every event the engine sends to the UI. */
export interface EventContract {
  /** Coalesced: at most 20 snapshots a second, never one message per task. */
  'run:progress': RunProgress;
  'run:finished': RunView;
  'run:failed': { readonly runId: string; readonly message: string };
  'system:stats': SystemStats;
  /** A lesson's live state: data-passing rows as they are measured, pipeline points 20 times a second. */
  'lesson:progress': LessonProgress;
  /** The stored history changed (a run was saved or deleted): lists should reload. */
  'history:changed': { readonly at: number };
  /** Sent every HEARTBEAT_MS by the main process: a gap in arrivals is a main process that stopped. */
  'system:heartbeat': { readonly at: number; readonly seq: number };
  /**
   * An engine lesson ended, for every window: finished with its saved run (the LessonRun its channel
   * replied to the window that asked), cancelled or failed.
   */
  'lesson:ended': LessonEnding;
  /** The room changed: the instructor's screen, what the machine is doing, who is connected. */
  'room:changed': RoomState;
  /** The cluster changed (a worker joined, beat or left; a server started or stopped): at most once a second. */
  'cluster:changed': ClusterState;
}

/** Period of the main process's heartbeat, ms. */
export const HEARTBEAT_MS = 200;

/** An event the engine sends. */
export type EventChannel = keyof EventContract;

/** Every invoke channel, at runtime (the preload and the bridge accept only these). */
export const INVOKE_CHANNELS: readonly InvokeChannel[] = [
  ...(Object.keys({
    'lab:catalog': true,
    'run:start': true,
    'run:cancel': true,
    'run:export': true,
    'history:list': true,
    'history:open': true,
    'history:open-lesson': true,
    'job:plan': true,
    'job:run': true,
    'job:async-trap': true,
    'gil:switch-interval': true,
    'history:delete': true,
    'history:compare': true,
    'history:export': true,
    'room:state': true,
    'room:screen': true,
    'timeline:tasks': true,
    'timeline:window': true,
    'python:source': true,
    'cluster:state': true,
    'cluster:start': true,
    'cluster:connect': true,
    'cluster:stop': true,
  } satisfies Record<Exclude<InvokeChannel, LessonChannel | 'lesson:cancel'>, true>) as InvokeChannel[]),
  ...ENGINE_LESSON_IDS.map(lessonChannel),
  'lesson:cancel',
];

/** Every event channel, at runtime. */
export const EVENT_CHANNELS = Object.keys({
  'run:progress': true,
  'run:finished': true,
  'run:failed': true,
  'system:stats': true,
  'system:heartbeat': true,
  'lesson:progress': true,
  'history:changed': true,
  'lesson:ended': true,
  'room:changed': true,
  'cluster:changed': true,
} satisfies Record<EventChannel, true>) as readonly EventChannel[];

/**
 * Why a request was refused or got no answer. Most come from the engine; `timeout` and
 * `disconnected` are produced by a client when the engine did not answer or the connection dropped.
 */
export type LabErrorCode =
  | 'cancelled'
  | 'invalid-request'
  | 'unknown-channel'
  | 'not-found'
  /** A stored run that was damaged on disk: it can only be deleted. */
  | 'damaged'
  | 'busy'
  | 'forbidden'
  | 'rate-limited'
  | 'internal'
  | 'timeout'
  | 'disconnected';

/** A typed error reply: never an exception across the boundary. */
export interface LabError {
  readonly code: LabErrorCode;
  readonly message: string;
  /** Field-level problems of an invalid request, each naming the field and the allowed range. */
  readonly issues?: readonly RequestIssue[];
  /** `busy`: what the shared machine is doing instead, and who asked for it. */
  readonly activity?: RoomActivity;
  /** `forbidden`: the role the request was refused for. */
  readonly role?: Role;
}

/** The reply to an invoke. */
export type Reply<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LabError };

/** The reply type of a channel. */
export type ReplyOf<C extends InvokeChannel> = Reply<InvokeContract[C]['reply']>;

/** An event with its channel, as one value. */
export type LabEvent = {
  [E in EventChannel]: { readonly event: E; readonly payload: EventContract[E] };
}[EventChannel];

/**
 * The API the renderer talks to, derived from the contract: the preload exposes it over Electron IPC,
 * the WebSocket client implements it in browser mode.
 */
export interface LabApi {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeContract[C]['request']): Promise<ReplyOf<C>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventContract[E]) => void): () => void;
}

/** Name of the global the preload exposes the API under. */
export const LAB_API_GLOBAL = 'concurrencyLab';

/** Whether a value names an invoke channel. */
export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value);
}

/** Whether a value names an event channel. */
export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}
