/**
 * Wires the stored run history to the store: reloads the list when the engine says it changed, and
 * turns the History view's intents (open, compare, delete, export, run again) into requests whose
 * replies become store events.
 */
import type { LabApi } from '../../../shared/ipc';
import type { ExportFile, ExportFormat } from '../../../shared/export-formats';
import { selectedOldestFirst, selectExportTarget } from '../store/history-view-slice';
import type { LessonId } from '../../../shared/lessons/workshop';
import type { RunSummary } from '../../../shared/views';
import type { ComparisonKind } from '../store/gil-lesson-slice';
import type { LabStore } from '../store/lab-store';
import { slotPlace } from '../store/run-slots';
import { runSettingsLoaded, selectRunAgainBlocker, type RunSettings } from '../store/run-settings';

/** What the History view can ask for. */
export interface HistoryController {
  /** Listens to history:changed; returns the function that stops listening. */
  start(): () => void;
  /** Reloads the list of stored runs (coalesced: one request in flight, one more queued at most). */
  reload(): Promise<void>;
  openRun(runId: string): Promise<void>;
  /** Shows a stored lesson run in its lesson, and that lesson on screen. */
  openLessonRun(runId: string): Promise<void>;
  /** Compares the selected runs (two or more) on one chart. */
  compareSelection(): Promise<void>;
  /** Deletes the selected runs, once the user confirmed, then reloads the list. */
  deleteSelection(): Promise<void>;
  /** Exports the selection: one run as its own file, several as one combined file. */
  exportSelection(format: ExportFormat): Promise<void>;
  /** Puts a stored run's settings in the form of the view that asked for it, and shows that view. */
  loadSettings(run: RunSummary): void;
  /** Loads a stored run's settings into its view's form and runs them from there. */
  runAgain(run: RunSummary): Promise<void>;
}

/** How each view starts a run from its form: the lab and lesson controllers' own intents. */
export interface FormRunners {
  requestRun(): Promise<void>;
  startComparison(kind: ComparisonKind): Promise<void>;
  runLesson(id: LessonId): Promise<void>;
}

/** How an exported file reaches the user (a download in the page; a fake in tests). */
export type SaveFile = (file: ExportFile) => void;

/** Creates the History view's controller of one store and one API. */
export function createHistoryController(
  api: LabApi,
  store: LabStore,
  save: SaveFile,
  runners?: FormRunners,
): HistoryController {
  const state = () => store.getState();
  let loading: Promise<void> | null = null;
  let again = false;

  async function loadOnce(): Promise<void> {
    state().historyRequested();
    const reply = await api.invoke('history:list', null);
    if (reply.ok) state().historyLoaded(reply.value);
    else state().historyFailed(reply.error.message);
  }

  function reload(): Promise<void> {
    if (loading) {
      // A change arrived while a list was on its way: that list may predate it, so ask once more.
      again = true;
      return loading;
    }
    loading = (async () => {
      try {
        do {
          again = false;
          await loadOnce();
        } while (again);
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  async function openRun(runId: string): Promise<void> {
    state().runDetailRequested(runId);
    const reply = await api.invoke('history:open', { runId });
    if (reply.ok) state().runDetailLoaded(reply.value);
    else state().runDetailFailed(runId, reply.error.message);
  }

  async function openLessonRun(runId: string): Promise<void> {
    const reply = await api.invoke('history:open-lesson', { runId });
    if (!reply.ok)
      return state().lessonRunOpenFailed(`Could not open the lesson run: ${reply.error.message}`);
    const { active } = state().lessons;
    if (active?.kind === 'engine' && active.lesson === reply.value.lesson)
      return state().lessonRunOpenFailed(
        'That lesson is running now: cancel it or wait for it to finish, then open the saved run.',
      );
    state().lessonRunShown(reply.value, 'reopened');
    state().viewChosen('lessons');
  }

  async function compareSelection(): Promise<void> {
    const runIds = selectedOldestFirst(state());
    if (runIds.length < 2) return;
    state().runsCompareRequested(runIds);
    const reply = await api.invoke('history:compare', { runIds });
    if (reply.ok) state().runsCompared(reply.value);
    else state().runsCompareFailed(reply.error.message);
  }

  async function deleteSelection(): Promise<void> {
    if (!state().historyView.confirmingDelete) return;
    const runIds = [...state().historyView.selected];
    state().runsDeleteConfirmed();
    const reply = await api.invoke('history:delete', { runIds });
    if (reply.ok) state().runsDeleted(runIds, reply.value.deleted);
    else state().runsDeleteFailed(reply.error.message);
    await reload();
  }

  async function exportSelection(format: ExportFormat): Promise<void> {
    const target = selectExportTarget(state());
    if (target.kind === 'none' || state().historyView.exporting !== null) return;
    state().selectionExportRequested(format);
    const reply =
      target.kind === 'run'
        ? await api.invoke('run:export', { runId: target.runId, format })
        : await api.invoke('history:export', {
            runIds: target.kind === 'lesson' ? [target.runId] : target.runIds,
            format,
          });
    if (!reply.ok) {
      state().selectionExportFailed(reply.error.message);
      return;
    }
    save(reply.value);
    state().selectionExportSaved(reply.value.filename);
  }

  /** Leaves the opened run for its view's form: History shows its list when it is back on screen. */
  function loadSettings(run: RunSummary): RunSettings {
    if (state().historyView.detail.runId === run.runId) state().runDetailClosed();
    return runSettingsLoaded(state(), run);
  }

  async function runAgain(run: RunSummary): Promise<void> {
    if (!runners || selectRunAgainBlocker(state()) !== null) return;
    const settings = loadSettings(run);
    // Each form runs what it now shows, checked and refused (field by field) as any run from it.
    if (settings.kind === 'race') return runners.requestRun();
    if (settings.kind === 'gil') return runners.startComparison(settings.comparison);
    const place = slotPlace(settings.form);
    if (place.view === 'lessons') return runners.runLesson(place.lesson);
  }

  function start(): () => void {
    return api.on('history:changed', () => void reload());
  }

  return {
    start,
    reload,
    openRun,
    openLessonRun,
    compareSelection,
    deleteSelection,
    exportSelection,
    loadSettings: (run) => void loadSettings(run),
    runAgain,
  };
}
