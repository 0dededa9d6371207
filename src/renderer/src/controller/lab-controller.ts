/**
 * Wires the engine to the store: engine events become store events, and the UI's intents (run,
 * cancel, open, export) become requests whose replies become store events. Nothing else talks to the API.
 */
import type { LabApi, Reply } from '../../../shared/ipc';
import type { RunView } from '../../../shared/views';
import type { ExportFile, ExportFormat } from '../../../shared/export-formats';
import type { ModelId } from '../../../shared/models';
import type { PythonSource } from '../../../shared/python-run';
import type { RunRequest } from '../../../shared/run-request';
import type { ScenarioId } from '../../../shared/scenarios';
import type { ConnectionMonitor } from '../api/connection';
import {
  selectComparisonRequest,
  selectGilModelAhead,
  selectGilModelRunning,
  selectSwitchInterval,
  type ComparisonKind,
} from '../store/gil-lesson-slice';
import type { LabStore } from '../store/lab-store';
import { selectLessonRunningBlocker } from '../store/lessons-slice';
import { selectIsAttendee } from '../store/room-slice';
import { selectRunActive } from '../store/run-slice';
import { showSlot, slotOf } from '../store/run-slots';
import type { RunOrigin } from '../../../shared/run-origin';
import { refusalText } from './refusal-text';
import { selectRunBlocker, selectValidation } from '../store/setup-slice';

/** What the UI can ask for. */
export interface LabController {
  /** Listens to the engine and the connection and loads the catalogue; returns the function that stops listening. */
  start(): () => void;
  loadCatalog(): Promise<void>;
  /** Starts a run from the setup form, if it is valid and nothing else runs. */
  requestRun(): Promise<void>;
  cancelRun(): Promise<void>;
  refreshHistory(): Promise<void>;
  openRun(runId: string): Promise<void>;
  /** The run as a file in the given format; the caller saves it. */
  exportRun(runId: string, format: ExportFormat): Promise<Reply<ExportFile>>;
  /** Stored runs as one file (a lesson run alone); the caller saves it. */
  exportHistory(runIds: readonly string[], format: ExportFormat): Promise<Reply<ExportFile>>;
  /** The Python a CPython model runs for a scenario (read-only), for the "Python code" view. */
  pythonSource(model: ModelId, scenario: ScenarioId): Promise<Reply<PythonSource>>;
  /** Retries a lost connection now rather than at the next backoff step. */
  reconnectNow(): void;
  /** Sends a run request and follows it (the lessons' runs use it too); resolves with its id, or null when refused. */
  startRun(request: RunRequest): Promise<string | null>;
  /** Starts one of the GIL lesson's comparisons, if nothing else runs. */
  startComparison(kind: ComparisonKind): Promise<void>;
  /** The GIL switch interval was edited: sent live (debounced) while a GIL model runs, else kept for the next run. */
  switchIntervalEdited(text: string): void;
}

/** Why a run in progress when the connection dropped is gone after it came back. */
export const LOST_RUN_MESSAGE =
  'The connection to the engine was lost and the engine no longer knows this run (was it restarted?): nothing of it was saved.';

/** How long typing must pause before a new switch interval is sent to a running model, ms. */
export const SWITCH_INTERVAL_DEBOUNCE_MS = 300;

/** Why a comparison cannot start now, or null when it can. */
export function comparisonBlocker(state: ReturnType<LabStore['getState']>): string | null {
  if (state.catalog.status !== 'loaded') return 'Waiting for the scenario catalogue.';
  const lesson = selectLessonRunningBlocker(state);
  if (lesson) return lesson;
  if (selectRunActive(state)) return 'A run is in progress.';
  if (state.responsiveness.active) return 'A responsiveness job is running.';
  if (state.connection.state !== 'open') return 'Not connected to the engine.';
  if (selectSwitchInterval(state) === null) return 'Fix the switch interval to run.';
  return null;
}

/** The API plus its connection state. */
export type ConnectedApi = LabApi & { readonly connection: ConnectionMonitor };

/** Creates the controller of one store and one API. */
export function createLabController(api: ConnectedApi, store: LabStore): LabController {
  const state = () => store.getState();

  async function loadCatalog(): Promise<void> {
    state().catalogRequested();
    const reply = await api.invoke('lab:catalog', null);
    if (reply.ok) state().catalogLoaded(reply.value);
    else state().catalogFailed(reply.error.message);
  }

  async function refreshHistory(): Promise<void> {
    state().historyRequested();
    const reply = await api.invoke('history:list', null);
    if (reply.ok) state().historyLoaded(reply.value);
    else state().historyFailed(reply.error.message);
  }

  async function sendCancel(runId: string): Promise<void> {
    const reply = await api.invoke('run:cancel', { runId });
    // A run that ended meanwhile cannot be cancelled; its run:finished event settles the state.
    if (!reply.ok) console.warn(`cancel of ${runId} refused: ${reply.error.message}`);
  }

  /**
   * An attendee's request to run or cancel still goes to the server, which decides; its refusal is
   * shown by the room, and the run on screen (the instructor's) stays.
   */
  async function refusedUnlessInstructor(reply: Promise<Reply<unknown>>): Promise<void> {
    const answer = await reply;
    if (!answer.ok) state().roomRefused(refusalText(answer.error));
  }

  /** Sends a run request and follows its reply; returns the run's id, or null when refused. */
  async function startRun(request: RunRequest): Promise<string | null> {
    if (selectIsAttendee(state())) {
      await refusedUnlessInstructor(api.invoke('run:start', request));
      return null;
    }
    state().runRequested(request.models, request);
    const reply = await api.invoke('run:start', request);
    if (!reply.ok) {
      state().runRejected(reply.error);
      return null;
    }
    state().runStarted(reply.value.runId);
    // Cancel was pressed before the engine said which run to cancel.
    if (state().run.phase === 'cancelling') await sendCancel(reply.value.runId);
    return reply.value.runId;
  }

  async function requestRun(): Promise<void> {
    if (selectRunBlocker(state()) !== null) return;
    const validation = selectValidation(state());
    if (!validation?.ok) return;
    await startRun({ ...validation.value, origin: 'race' });
  }

  async function startComparison(kind: ComparisonKind): Promise<void> {
    if (comparisonBlocker(state()) !== null) return;
    const request = selectComparisonRequest(state(), kind);
    if (!request) return;
    await startRun(request);
  }

  let switchTimer: ReturnType<typeof setTimeout> | null = null;
  /** A switch interval typed before the run's first GIL model started, sent once it runs. */
  let queuedSwitch: number | null = null;

  async function applySwitchInterval(value: number): Promise<void> {
    state().liveSwitchSent(value);
    const reply = await api.invoke('gil:switch-interval', { switchIntervalMs: value });
    if (reply.ok) state().liveSwitchAnswered(value, reply.value.applied);
    else state().liveSwitchFailed(value, reply.error.message);
  }

  async function sendSwitchInterval(): Promise<void> {
    const value = selectSwitchInterval(state());
    if (value === null) return;
    if (selectGilModelRunning(state())) {
      queuedSwitch = null;
      await applySwitchInterval(value);
    } else if (selectGilModelAhead(state())) {
      queuedSwitch = value;
      state().liveSwitchQueued(value);
    }
  }

  function sendQueuedSwitch(running: boolean): void {
    if (!running || queuedSwitch === null) return;
    const value = queuedSwitch;
    queuedSwitch = null;
    void applySwitchInterval(value);
  }

  function switchIntervalEdited(text: string): void {
    state().switchIntervalEdited(text);
    if (switchTimer !== null) clearTimeout(switchTimer);
    switchTimer = setTimeout(() => {
      switchTimer = null;
      void sendSwitchInterval();
    }, SWITCH_INTERVAL_DEBOUNCE_MS);
  }

  /** A run ended: the view that asked for it shows it, and its origin keeps it as its last run. */
  function settle(view: RunView): void {
    state().runFinished(view);
  }

  async function cancelRun(): Promise<void> {
    if (!selectRunActive(state())) return;
    const live = state().run.runId;
    if (selectIsAttendee(state()) && live !== null)
      return refusedUnlessInstructor(api.invoke('run:cancel', { runId: live }));
    state().cancelRequested();
    const { runId } = state().run;
    if (runId !== null) await sendCancel(runId);
  }

  async function openRun(runId: string): Promise<void> {
    state().runOpenRequested(runId);
    const reply = await api.invoke('history:open', { runId });
    if (!reply.ok) return state().runOpenFailed(reply.error.message);
    state().runOpened(reply.value);
    // It is shown in the view that asked for it: a lesson's run in its lesson, a race in Race.
    showSlot(state(), slotOf(reply.value.run.origin));
  }

  /**
   * After a reload: the newest stored run of each origin comes back to its view and to the
   * "measured here" tables, so runs prepared before class are there when the page opens.
   */
  async function restoreLastRuns(): Promise<void> {
    const newest = new Map<RunOrigin, string>();
    for (const item of state().history.items)
      if (item.kind === 'race' && item.state !== 'cancelled' && !newest.has(item.origin))
        newest.set(item.origin, item.runId);
    const replies = await Promise.all(
      [...newest.values()].map((runId) => api.invoke('history:open', { runId })),
    );
    const views = replies.flatMap((reply) => (reply.ok ? [reply.value] : []));
    if (views.length > 0) state().runsRestored(views);
  }

  /**
   * After a reconnection: reload what failed, and settle a run whose end was missed while offline —
   * from the history when it finished, or as lost when the engine no longer runs it (a restarted server).
   */
  async function resync(): Promise<void> {
    if (state().catalog.status === 'failed' || state().catalog.status === 'idle') void loadCatalog();
    await refreshHistory();
    const { run, history } = state();
    const runId = run.runId;
    if (runId === null || run.phase === 'idle') return;
    if (!history.items.some((item) => item.runId === runId)) {
      const room = await api.invoke('room:state', null);
      if (room.ok && room.value.live?.runId !== runId && state().run.runId === runId)
        state().runFailed({ runId, message: LOST_RUN_MESSAGE });
      return;
    }
    const reply = await api.invoke('history:open', { runId });
    if (reply.ok) settle(reply.value);
  }

  function start(): () => void {
    const stops = [
      api.on('run:progress', (progress) => state().runProgressed(progress)),
      api.on('run:finished', (view) => {
        settle(view);
        void refreshHistory();
      }),
      api.on('run:failed', (failure) => {
        state().runFailed(failure);
        void refreshHistory();
      }),
      api.on('system:stats', (stats) => state().systemSampled(stats)),
      api.on('system:heartbeat', (beat) => state().heartbeatReceived(beat, performance.now())),
      store.subscribe(selectGilModelRunning, sendQueuedSwitch),
      api.connection.subscribe((connection) => {
        const wasOpened = state().connection.everOpened;
        state().connectionChanged(connection);
        if (connection === 'open' && wasOpened) void resync();
      }),
    ];
    state().connectionChanged(api.connection.current());
    void loadCatalog();
    void refreshHistory().then(restoreLastRuns);
    return () => {
      for (const stop of stops) stop();
      if (switchTimer !== null) clearTimeout(switchTimer);
    };
  }

  return {
    start,
    loadCatalog,
    requestRun,
    cancelRun,
    refreshHistory,
    openRun,
    exportRun: (runId, format) => api.invoke('run:export', { runId, format }),
    exportHistory: (runIds, format) => api.invoke('history:export', { runIds, format }),
    pythonSource: (model, scenario) => api.invoke('python:source', { model, scenario }),
    reconnectNow: () => api.connection.reconnectNow(),
    startRun,
    startComparison,
    switchIntervalEdited,
  };
}
