/**
 * Wires the engine to the store: engine events become store events, and the UI's intents (run,
 * cancel, open, export) become requests whose replies become store events. Nothing else talks to the API.
 */
import type { ExportFile, ExportFormat, LabApi, Reply } from '../../../shared/ipc';
import type { ConnectionMonitor } from '../api/connection';
import type { LabStore } from '../store/lab-store';
import { selectRunActive } from '../store/run-slice';
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
  /** Retries a lost connection now rather than at the next backoff step. */
  reconnectNow(): void;
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

  async function requestRun(): Promise<void> {
    if (selectRunBlocker(state()) !== null) return;
    const validation = selectValidation(state());
    if (!validation?.ok) return;
    state().runRequested(validation.value.models);
    const reply = await api.invoke('run:start', validation.value);
    if (!reply.ok) {
      state().runRejected(reply.error);
      return;
    }
    state().runStarted(reply.value.runId);
    // Cancel was pressed before the engine said which run to cancel.
    if (state().run.phase === 'cancelling') await sendCancel(reply.value.runId);
  }

  async function cancelRun(): Promise<void> {
    if (!selectRunActive(state())) return;
    state().cancelRequested();
    const { runId } = state().run;
    if (runId !== null) await sendCancel(runId);
  }

  async function openRun(runId: string): Promise<void> {
    state().runOpenRequested(runId);
    const reply = await api.invoke('history:open', { runId });
    if (reply.ok) state().runOpened(reply.value);
    else state().runOpenFailed(reply.error.message);
  }

  /** After a reconnection: reload what failed, and settle a run whose end was missed while offline. */
  async function resync(): Promise<void> {
    if (state().catalog.status === 'failed' || state().catalog.status === 'idle') void loadCatalog();
    await refreshHistory();
    const { run, history } = state();
    if (run.runId === null || run.phase === 'idle') return;
    if (!history.items.some((item) => item.runId === run.runId)) return;
    const reply = await api.invoke('history:open', { runId: run.runId });
    if (reply.ok) state().runFinished(reply.value);
  }

  function start(): () => void {
    const stops = [
      api.on('run:progress', (progress) => state().runProgressed(progress)),
      api.on('run:finished', (view) => {
        state().runFinished(view);
        void refreshHistory();
      }),
      api.on('run:failed', (failure) => {
        state().runFailed(failure);
        void refreshHistory();
      }),
      api.on('system:stats', (stats) => state().systemSampled(stats)),
      api.connection.subscribe((connection) => {
        const wasOpened = state().connection.everOpened;
        state().connectionChanged(connection);
        if (connection === 'open' && wasOpened) void resync();
      }),
    ];
    state().connectionChanged(api.connection.current());
    void loadCatalog();
    void refreshHistory();
    return () => {
      for (const stop of stops) stop();
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
    reconnectNow: () => api.connection.reconnectNow(),
  };
}
