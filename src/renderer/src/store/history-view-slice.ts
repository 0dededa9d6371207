/**
 * The History view's slice: which runs are listed (its filter) and selected, the delete
 * confirmation, the comparison of several runs, the run opened in the view, exports of the
 * selection, and the dismissed notice.
 */
import type { RunComparison } from '../../../shared/compare-runs';
import type { HistoryItem, RunView } from '../../../shared/views';
import type { ExportFormat } from '../../../shared/export-formats';
import type { EngineLessonId } from '../../../shared/lessons/lesson-ids';
import { LESSON_EXPORT_FORMATS } from '../../../shared/lessons/registry';
import { filterHistory, NO_FILTER, type HistoryFilter } from './history-filter';
import type { LabSliceCreator, LabState } from './lab-store';

/** Which number the comparison chart and table show. */
export type ComparisonMetric = 'totalMs' | 'speedup' | 'throughput';

/** Where a request of the History view is. */
export type RequestStatus = 'idle' | 'loading' | 'loaded' | 'failed';

/** The comparison of several runs on one chart. */
export interface ComparisonState {
  readonly status: RequestStatus;
  /** The runs compared (or being compared), oldest first. */
  readonly runIds: readonly string[];
  readonly value: RunComparison | null;
  readonly error: string | null;
}

/** The stored run opened in the History view. */
export interface RunDetailState {
  readonly status: RequestStatus;
  readonly runId: string | null;
  readonly view: RunView | null;
  readonly error: string | null;
}

/** The History view's part of the state. */
export interface HistoryViewState {
  /** Which runs the table lists. */
  readonly filter: HistoryFilter;
  /** Ids of the selected runs, in the order they were selected; only listed runs stay selected. */
  readonly selected: readonly string[];
  /** Delete was pressed: the confirmation is on screen. */
  readonly confirmingDelete: boolean;
  readonly deleting: boolean;
  readonly comparison: ComparisonState;
  readonly metric: ComparisonMetric;
  readonly detail: RunDetailState;
  /** The format being exported, while its file is on its way. */
  readonly exporting: ExportFormat | null;
  /** The outcome of the last action on the selection (export, delete), in words. */
  readonly outcome: { readonly ok: boolean; readonly text: string } | null;
  readonly noticeDismissed: boolean;
}

/** The History view's state and events. */
export interface HistoryViewSlice {
  readonly historyView: HistoryViewState;
  /** The filter was changed: runs it hides leave the selection, so no action reaches a run not on screen. */
  historyFilterChanged(filter: HistoryFilter): void;
  runSelectionToggled(runId: string): void;
  /** The select-all checkbox: selects every listed run, or none when all were selected. */
  allRunsSelectionToggled(): void;
  runsDeleteAsked(): void;
  runsDeleteKept(): void;
  runsDeleteConfirmed(): void;
  runsDeleted(runIds: readonly string[], deleted: number): void;
  runsDeleteFailed(message: string): void;
  runsCompareRequested(runIds: readonly string[]): void;
  runsCompared(comparison: RunComparison): void;
  runsCompareFailed(message: string): void;
  runsCompareClosed(): void;
  compareMetricChosen(metric: ComparisonMetric): void;
  runDetailRequested(runId: string): void;
  runDetailLoaded(view: RunView): void;
  runDetailFailed(runId: string, message: string): void;
  runDetailClosed(): void;
  selectionExportRequested(format: ExportFormat): void;
  selectionExportSaved(filename: string): void;
  selectionExportFailed(message: string): void;
  /** A lesson run could not be opened in its lesson: why, in words. */
  lessonRunOpenFailed(message: string): void;
  historyNoticeDismissed(): void;
}

const IDLE_COMPARISON: ComparisonState = { status: 'idle', runIds: [], value: null, error: null };
const IDLE_DETAIL: RunDetailState = { status: 'idle', runId: null, view: null, error: null };

/** The History view's state before anything was done. */
export const INITIAL_HISTORY_VIEW: HistoryViewState = {
  filter: NO_FILTER,
  selected: [],
  confirmingDelete: false,
  deleting: false,
  comparison: IDLE_COMPARISON,
  metric: 'totalMs',
  detail: IDLE_DETAIL,
  exporting: null,
  outcome: null,
  noticeDismissed: false,
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The selection without runs that are no longer listed (answers history:list reloads). */
export function keepListed(selected: readonly string[], items: readonly HistoryItem[]): readonly string[] {
  const listed = new Set(items.map((item) => item.runId));
  const kept = selected.filter((runId) => listed.has(runId));
  return kept.length === selected.length ? selected : kept;
}

/** Creates the History view's slice. */
export const createHistoryViewSlice: LabSliceCreator<HistoryViewSlice> = (set) => {
  const update = (change: (v: HistoryViewState, s: LabState) => Partial<HistoryViewState>) =>
    set((s) => ({ historyView: { ...s.historyView, ...change(s.historyView, s) } }));
  return {
    historyView: INITIAL_HISTORY_VIEW,
    historyFilterChanged: (filter) =>
      update((v, s) => ({
        filter,
        selected: keepListed(v.selected, filterHistory(s.history.items, filter)),
        confirmingDelete: false,
      })),
    runSelectionToggled: (runId) =>
      update((v) => ({
        selected: v.selected.includes(runId)
          ? v.selected.filter((id) => id !== runId)
          : [...v.selected, runId],
        confirmingDelete: false,
      })),
    allRunsSelectionToggled: () =>
      update((v, s) => ({
        selected: selectAllRunsSelected(s) ? [] : selectShownHistoryItems(s).map((item) => item.runId),
        confirmingDelete: false,
      })),
    runsDeleteAsked: () =>
      update((v) => (v.selected.length > 0 && !v.deleting ? { confirmingDelete: true, outcome: null } : {})),
    runsDeleteKept: () => update(() => ({ confirmingDelete: false })),
    runsDeleteConfirmed: () =>
      update((v) => (v.confirmingDelete ? { confirmingDelete: false, deleting: true, outcome: null } : {})),
    runsDeleted: (runIds, deleted) =>
      update((v) => {
        const gone = (id: string | null) => id !== null && runIds.includes(id);
        return {
          deleting: false,
          selected: v.selected.filter((id) => !gone(id)),
          comparison: v.comparison.runIds.some(gone) ? IDLE_COMPARISON : v.comparison,
          detail: gone(v.detail.runId) ? IDLE_DETAIL : v.detail,
          outcome: { ok: true, text: `Deleted ${plural(deleted, 'run')}.` },
        };
      }),
    runsDeleteFailed: (message) =>
      update(() => ({ deleting: false, outcome: { ok: false, text: `Delete failed: ${message}` } })),
    runsCompareRequested: (runIds) =>
      update(() => ({ comparison: { status: 'loading', runIds: [...runIds], value: null, error: null } })),
    runsCompared: (comparison) =>
      update((v) => {
        const runIds = comparison.runs.map((run) => run.runId);
        // A reply to an older request (the selection was compared again meanwhile) is dropped.
        if (v.comparison.status !== 'loading' || !sameRuns(runIds, v.comparison.runIds)) return {};
        return { comparison: { status: 'loaded', runIds, value: comparison, error: null } };
      }),
    runsCompareFailed: (message) =>
      update((v) => ({ comparison: { ...v.comparison, status: 'failed', value: null, error: message } })),
    runsCompareClosed: () => update(() => ({ comparison: IDLE_COMPARISON })),
    compareMetricChosen: (metric) => update(() => ({ metric })),
    runDetailRequested: (runId) =>
      update(() => ({ detail: { status: 'loading', runId, view: null, error: null } })),
    runDetailLoaded: (view) =>
      update((v) =>
        v.detail.runId === view.run.runId
          ? { detail: { status: 'loaded', runId: view.run.runId, view, error: null } }
          : {},
      ),
    runDetailFailed: (runId, message) =>
      update((v) =>
        v.detail.runId === runId ? { detail: { status: 'failed', runId, view: null, error: message } } : {},
      ),
    runDetailClosed: () => update(() => ({ detail: IDLE_DETAIL })),
    selectionExportRequested: (format) => update(() => ({ exporting: format, outcome: null })),
    selectionExportSaved: (filename) =>
      update(() => ({ exporting: null, outcome: { ok: true, text: `Saved ${filename}` } })),
    selectionExportFailed: (message) =>
      update(() => ({ exporting: null, outcome: { ok: false, text: `Export failed: ${message}` } })),
    lessonRunOpenFailed: (message) => update(() => ({ outcome: { ok: false, text: message } })),
    historyNoticeDismissed: () => update(() => ({ noticeDismissed: true })),
  };
};

function sameRuns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/** Ids of the selected runs. */
export const selectSelectedRunIds = (s: LabState): readonly string[] => s.historyView.selected;

/** Whether one run is selected. */
export const selectRunSelected = (s: LabState, runId: string): boolean =>
  s.historyView.selected.includes(runId);

const shownCache = new WeakMap<readonly HistoryItem[], WeakMap<HistoryFilter, readonly HistoryItem[]>>();

/** The runs the table lists: the stored ones the filter lets through, newest first (the same array until either changes). */
export function selectShownHistoryItems(s: LabState): readonly HistoryItem[] {
  const { items } = s.history;
  const { filter } = s.historyView;
  const byFilter = shownCache.get(items) ?? new WeakMap<HistoryFilter, readonly HistoryItem[]>();
  shownCache.set(items, byFilter);
  const cached = byFilter.get(filter);
  if (cached) return cached;
  const shown = filterHistory(items, filter);
  byFilter.set(filter, shown);
  return shown;
}

/** Whether every listed run is selected (and there is at least one). */
export function selectAllRunsSelected(s: LabState): boolean {
  const shown = selectShownHistoryItems(s);
  return shown.length > 0 && shown.every((item) => s.historyView.selected.includes(item.runId));
}

/** Whether some, but not all, listed runs are selected (the select-all box is then mixed). */
export const selectSomeRunsSelected = (s: LabState): boolean =>
  s.historyView.selected.length > 0 && !selectAllRunsSelected(s);

/** How many selected runs are lesson runs (they open in their lesson and export alone). */
export function selectSelectedLessonCount(s: LabState): number {
  const lessons = new Set(s.history.items.filter((item) => item.kind === 'lesson').map((item) => item.runId));
  return s.historyView.selected.filter((id) => lessons.has(id)).length;
}

/** How many selected runs are damaged on disk (they can only be deleted). */
export function selectSelectedDamagedCount(s: LabState): number {
  const damaged = new Set(
    s.history.items.filter((item) => item.kind === 'damaged').map((item) => item.runId),
  );
  return s.historyView.selected.filter((id) => damaged.has(id)).length;
}

/** Whether Compare can be pressed: two or more races of models selected, and nothing else. */
export const selectCanCompare = (s: LabState): boolean =>
  s.historyView.selected.length >= 2 &&
  selectSelectedLessonCount(s) === 0 &&
  selectSelectedDamagedCount(s) === 0;

/** Whether Delete can be pressed: one or more runs selected and no delete under way. */
export const selectCanDelete = (s: LabState): boolean =>
  s.historyView.selected.length > 0 && !s.historyView.deleting;

/**
 * What the export buttons export: nothing, one race (its own file), one lesson run (its own file,
 * in the formats its lesson has), or several races (one combined file). Lesson runs export alone.
 */
export type ExportTarget =
  | { readonly kind: 'none' }
  | { readonly kind: 'run'; readonly runId: string }
  | { readonly kind: 'lesson'; readonly runId: string; readonly lesson: EngineLessonId }
  | { readonly kind: 'runs'; readonly runIds: readonly string[] };

/** The export target of the selection, several runs oldest first (a new object: not for useLab). */
export function selectExportTarget(s: LabState): ExportTarget {
  const { selected } = s.historyView;
  if (selected.length === 0 || selectSelectedDamagedCount(s) > 0) return { kind: 'none' };
  if (selected.length === 1) {
    const item = s.history.items.find((i) => i.runId === selected[0]);
    return item?.kind === 'lesson'
      ? { kind: 'lesson', runId: item.runId, lesson: item.lesson }
      : { kind: 'run', runId: selected[0]! };
  }
  if (selectSelectedLessonCount(s) > 0) return { kind: 'none' };
  return { kind: 'runs', runIds: selectedOldestFirst(s) };
}

/** Whether the selection can be exported in a format (a string key, so useLab can compare it). */
export function selectCanExport(s: LabState, format: ExportFormat): boolean {
  const target = selectExportTarget(s);
  if (target.kind === 'none') return false;
  return target.kind !== 'lesson' || LESSON_EXPORT_FORMATS[target.lesson].includes(format);
}

/** The selected runs, oldest first (the history lists newest first); unlisted ids go last. */
export function selectedOldestFirst(s: LabState): readonly string[] {
  const order = new Map(s.history.items.map((item, index) => [item.runId, index]));
  const rank = (id: string) => order.get(id) ?? -1;
  return [...s.historyView.selected].sort((a, b) => rank(b) - rank(a));
}

/** Why a selection action cannot be done now, for the toolbar's hint; null when everything can. */
export function selectSelectionHint(s: LabState): string | null {
  const count = s.historyView.selected.length;
  if (s.history.items.length === 0) return null;
  if (count === 0) return 'Select runs to compare, delete or export them.';
  const lessons = selectSelectedLessonCount(s);
  if (lessons > 0 && count > 1)
    return 'Lesson runs are exported one at a time, and only races of models are compared: select just one lesson run, or only races.';
  if (lessons > 0)
    return 'A lesson run opens in its lesson and exports on its own; compare works on races of models.';
  if (count === 1) return 'Select one more run to compare.';
  return null;
}

/** The notice about the stored history, while it is set and not dismissed. */
export const selectHistoryNotice = (s: LabState): string | null =>
  s.historyView.noticeDismissed ? null : (s.catalog.value?.historyNotice ?? null);
