import { describe, expect, it } from 'vitest';
import type { RunComparison } from '../../../shared/compare-runs';
import type { RunListItem } from '../../../shared/views';
import { CATALOG, lessonItem, runView } from '../test-support/fixtures';
import {
  selectAllRunsSelected,
  selectCanCompare,
  selectCanExport,
  selectSelectionHint,
  selectCanDelete,
  selectExportTarget,
  selectHistoryNotice,
  selectSomeRunsSelected,
} from './history-view-slice';
import { createLabStore } from './lab-store';

function item(runId: string, startedAt: string): RunListItem {
  return {
    kind: 'race',
    runId,
    scenario: 'io-sleep',
    origin: 'race',
    title: 'I/O',
    settings: 'tasks=4, task-ms=150',
    startedAt,
    state: 'done',
    models: ['async'],
    verdict: 'v',
  };
}

/** A store listing runs a (oldest), b, c (newest). */
function listed() {
  const store = createLabStore();
  store
    .getState()
    .historyLoaded([
      item('a', '2025-01-01T10:00:00Z'),
      item('b', '2025-01-01T11:00:00Z'),
      item('c', '2025-01-01T12:00:00Z'),
    ]);
  return store;
}

function comparisonOf(runIds: readonly string[]): RunComparison {
  return {
    title: 'io-sleep',
    labels: runIds.map((id) => `run ${id}`),
    series: [],
    runs: runIds.map((runId) => ({
      runId,
      scenario: 'io-sleep',
      startedAt: '2025-01-01T10:00:00Z',
      label: `run ${runId}`,
      description: runId,
      models: [],
    })),
  };
}

describe('history view slice', () => {
  it('toggles runs in and out of the selection', () => {
    const store = listed();
    store.getState().runSelectionToggled('a');
    store.getState().runSelectionToggled('c');
    expect(store.getState().historyView.selected).toEqual(['a', 'c']);
    store.getState().runSelectionToggled('a');
    expect(store.getState().historyView.selected).toEqual(['c']);
  });

  it('selects all, shows a mixed box for some, and clears when all were selected', () => {
    const store = listed();
    expect(selectAllRunsSelected(store.getState())).toBe(false);
    store.getState().runSelectionToggled('b');
    expect(selectSomeRunsSelected(store.getState())).toBe(true);
    store.getState().allRunsSelectionToggled();
    expect(store.getState().historyView.selected).toEqual(['c', 'b', 'a']);
    expect(selectAllRunsSelected(store.getState())).toBe(true);
    expect(selectSomeRunsSelected(store.getState())).toBe(false);
    store.getState().allRunsSelectionToggled();
    expect(store.getState().historyView.selected).toEqual([]);
  });

  it('never has every run selected when there are none', () => {
    const store = createLabStore();
    store.getState().historyLoaded([]);
    expect(selectAllRunsSelected(store.getState())).toBe(false);
  });

  it('enables Compare only for two or more runs, and Delete for one or more', () => {
    const store = listed();
    expect([selectCanCompare(store.getState()), selectCanDelete(store.getState())]).toEqual([false, false]);
    store.getState().runSelectionToggled('a');
    expect([selectCanCompare(store.getState()), selectCanDelete(store.getState())]).toEqual([false, true]);
    store.getState().runSelectionToggled('b');
    expect([selectCanCompare(store.getState()), selectCanDelete(store.getState())]).toEqual([true, true]);
  });

  it('asks before deleting, and keeps the runs when the user says Keep', () => {
    const store = listed();
    store.getState().runsDeleteAsked();
    expect(store.getState().historyView.confirmingDelete).toBe(false);
    store.getState().runSelectionToggled('a');
    store.getState().runsDeleteAsked();
    expect(store.getState().historyView.confirmingDelete).toBe(true);
    store.getState().runsDeleteKept();
    expect(store.getState().historyView).toMatchObject({
      confirmingDelete: false,
      deleting: false,
      selected: ['a'],
    });
  });

  it('deletes only after the confirmation, then forgets the deleted runs everywhere', () => {
    const store = listed();
    store.getState().runSelectionToggled('a');
    store.getState().runSelectionToggled('b');
    store.getState().runsDeleteConfirmed();
    expect(store.getState().historyView.deleting).toBe(false);
    store.getState().runsDeleteAsked();
    store.getState().runsCompareRequested(['a', 'b']);
    store.getState().runDetailRequested('b');
    store.getState().runsDeleteConfirmed();
    expect(store.getState().historyView).toMatchObject({ confirmingDelete: false, deleting: true });
    store.getState().runsDeleted(['a', 'b'], 2);
    expect(store.getState().historyView).toMatchObject({
      deleting: false,
      selected: [],
      comparison: { status: 'idle' },
      detail: { status: 'idle', runId: null },
      outcome: { ok: true, text: 'Deleted 2 runs.' },
    });
  });

  it('changing the selection closes a pending confirmation', () => {
    const store = listed();
    store.getState().runSelectionToggled('a');
    store.getState().runsDeleteAsked();
    store.getState().runSelectionToggled('b');
    expect(store.getState().historyView.confirmingDelete).toBe(false);
  });

  it('drops runs that are no longer listed from the selection', () => {
    const store = listed();
    store.getState().allRunsSelectionToggled();
    store.getState().historyLoaded([item('c', '2025-01-01T12:00:00Z')]);
    expect(store.getState().historyView.selected).toEqual(['c']);
  });

  it('exports one selected run on its own and several as one combined file, oldest first', () => {
    const store = listed();
    expect(selectExportTarget(store.getState())).toEqual({ kind: 'none' });
    store.getState().runSelectionToggled('b');
    expect(selectExportTarget(store.getState())).toEqual({ kind: 'run', runId: 'b' });
    store.getState().runSelectionToggled('c');
    store.getState().runSelectionToggled('a');
    expect(selectExportTarget(store.getState())).toEqual({ kind: 'runs', runIds: ['a', 'b', 'c'] });
  });

  it('keeps the comparison reply that answers the latest request only', () => {
    const store = listed();
    store.getState().runsCompareRequested(['a', 'b']);
    store.getState().runsCompareRequested(['a', 'b', 'c']);
    store.getState().runsCompared(comparisonOf(['a', 'b']));
    expect(store.getState().historyView.comparison.status).toBe('loading');
    store.getState().runsCompared(comparisonOf(['a', 'b', 'c']));
    expect(store.getState().historyView.comparison).toMatchObject({
      status: 'loaded',
      runIds: ['a', 'b', 'c'],
    });
    store.getState().runsCompareClosed();
    expect(store.getState().historyView.comparison.status).toBe('idle');
  });

  it('opens a stored run, and ignores a late reply for another one', () => {
    const store = listed();
    store.getState().runDetailRequested('a');
    store.getState().runDetailRequested('b');
    store.getState().runDetailLoaded(runView('a'));
    expect(store.getState().historyView.detail).toMatchObject({ status: 'loading', runId: 'b' });
    store.getState().runDetailFailed('b', 'run b is gone');
    expect(store.getState().historyView.detail).toMatchObject({ status: 'failed', error: 'run b is gone' });
    store.getState().runDetailClosed();
    expect(store.getState().historyView.detail.runId).toBeNull();
  });

  it('shows the history notice until it is dismissed', () => {
    const store = createLabStore();
    expect(selectHistoryNotice(store.getState())).toBeNull();
    store.getState().catalogLoaded({ ...CATALOG, historyNotice: 'The history was moved aside.' });
    expect(selectHistoryNotice(store.getState())).toBe('The history was moved aside.');
    store.getState().historyNoticeDismissed();
    expect(selectHistoryNotice(store.getState())).toBeNull();
  });
});

describe('lesson runs in the History view', () => {
  function withLessons() {
    const store = listed();
    store
      .getState()
      .historyLoaded([
        item('a', '2025-01-01T10:00:00Z'),
        item('b', '2025-01-01T11:00:00Z'),
        lessonItem('dl', 'deadlock', '2025-01-01T12:00:00Z'),
        lessonItem('dp', 'data-passing', '2025-01-01T13:00:00Z'),
      ]);
    return store;
  }

  it('exports one lesson run alone, in the formats its lesson has', () => {
    const store = withLessons();
    store.getState().runSelectionToggled('dp');
    expect(selectExportTarget(store.getState())).toEqual({
      kind: 'lesson',
      runId: 'dp',
      lesson: 'data-passing',
    });
    expect(selectCanExport(store.getState(), 'markdown')).toBe(true);
    expect(selectCanExport(store.getState(), 'trace')).toBe(false);
    expect(selectSelectionHint(store.getState())).toMatch(/opens in its lesson and exports on its own/);
  });

  it('neither compares nor exports a selection that mixes a lesson run with races, and says why', () => {
    const store = withLessons();
    for (const id of ['a', 'b']) store.getState().runSelectionToggled(id);
    expect(selectCanCompare(store.getState())).toBe(true);
    store.getState().runSelectionToggled('dl');
    expect(selectCanCompare(store.getState())).toBe(false);
    expect(selectExportTarget(store.getState())).toEqual({ kind: 'none' });
    expect(selectCanExport(store.getState(), 'json')).toBe(false);
    expect(selectSelectionHint(store.getState())).toMatch(/exported one at a time/);
  });
});
