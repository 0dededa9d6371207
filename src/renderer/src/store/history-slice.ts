/** The history slice: the stored runs and lesson runs (kept across sessions), newest first, and which one is being reopened. */
import type { HistoryItem } from '../../../shared/views';
import { filterHistory } from './history-filter';
import { keepListed } from './history-view-slice';
import type { LabSliceCreator, LabState } from './lab-store';
import { selectRunOnScreen } from './run-slice';

/** The history's part of the state. */
export interface HistoryState {
  readonly status: 'idle' | 'loading' | 'loaded' | 'failed';
  readonly items: readonly HistoryItem[];
  /** The run being fetched to be reopened. */
  readonly opening: string | null;
  readonly error: string | null;
}

/** The history's state and events. */
export interface HistorySlice {
  readonly history: HistoryState;
  historyRequested(): void;
  historyLoaded(items: readonly HistoryItem[]): void;
  historyFailed(message: string): void;
  runOpenRequested(runId: string): void;
  runOpenFailed(message: string): void;
}

/** Creates the history slice. */
export const createHistorySlice: LabSliceCreator<HistorySlice> = (set) => ({
  history: { status: 'idle', items: [], opening: null, error: null },
  historyRequested: () =>
    set((s) => ({ history: { ...s.history, status: s.history.status === 'loaded' ? 'loaded' : 'loading' } })),
  historyLoaded: (items) =>
    set((s) => ({
      history: {
        ...s.history,
        status: 'loaded',
        error: null,
        items: [...items].sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
      },
      // A run that is gone (deleted, or its store reset) or filtered out leaves the History view's selection too.
      historyView: {
        ...s.historyView,
        selected: keepListed(s.historyView.selected, filterHistory(items, s.historyView.filter)),
      },
    })),
  historyFailed: (message) => set((s) => ({ history: { ...s.history, status: 'failed', error: message } })),
  runOpenRequested: (runId) => set((s) => ({ history: { ...s.history, opening: runId, error: null } })),
  // runOpened (run slice) shows the run; this slice only forgets that it was being fetched.
  runOpenFailed: (message) => set((s) => ({ history: { ...s.history, opening: null, error: message } })),
});

/** The stored runs, races and lesson runs, newest first. */
export const selectHistoryItems = (s: LabState): readonly HistoryItem[] => s.history.items;

/** Id of the finished run the Race view shows, if any (the side history marks it). */
export const selectShownRunId = (s: LabState): string | null =>
  selectRunOnScreen(s, 'race').view?.run.runId ?? null;
