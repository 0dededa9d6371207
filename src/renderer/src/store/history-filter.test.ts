import { describe, expect, it } from 'vitest';
import type { DamagedListItem, HistoryItem, RunListItem } from '../../../shared/views';
import { lessonItem } from '../test-support/fixtures';
import { filterHistory, scopeOptions, type HistoryFilter } from './history-filter';
import { selectAllRunsSelected, selectShownHistoryItems } from './history-view-slice';
import { createLabStore } from './lab-store';

function race(runId: string, change: Partial<RunListItem> = {}): RunListItem {
  return {
    kind: 'race',
    runId,
    scenario: 'io-sleep',
    origin: 'race',
    title: 'Simulated I/O waits',
    settings: 'tasks=8, task-ms=200',
    startedAt: `2025-01-01T10:0${runId.length}:00Z`,
    state: 'done',
    models: ['sequential', 'async'],
    verdict: 'async ran 7.90× faster than sequential',
    ...change,
  };
}

const damaged: DamagedListItem = {
  kind: 'damaged',
  runId: 'broken',
  was: 'race',
  title: 'CPU: count primes',
  startedAt: '2025-01-01T09:00:00Z',
  problem: 'This run is damaged in the history file.',
};

const ITEMS: readonly HistoryItem[] = [
  race('io'),
  race('primes', {
    scenario: 'cpu-primes',
    title: 'CPU: count primes',
    models: ['sequential', 'threads', 'processes'],
    verdict: 'processes ran 1.90× faster than sequential',
  }),
  race('words', { scenario: 'cpu-wordcount', origin: 'ten-files-cpu', settings: 'tasks=10, task-ms=300' }),
  race('gil', { scenario: 'cpu-primes', origin: 'gil-cpu', models: ['sequential', 'gil-threads'] }),
  lessonItem('deadlock', 'deadlock', '2025-01-01T11:00:00Z'),
  damaged,
];

const ids = (filter: HistoryFilter) => filterHistory(ITEMS, filter).map((item) => item.runId);

describe('the History filter', () => {
  it('lists every run, damaged ones too, when nothing is chosen', () => {
    expect(ids({ scope: 'all', text: '' })).toEqual(['io', 'primes', 'words', 'gil', 'deadlock', 'broken']);
  });

  it('lists one scenario’s races, whichever view asked for them', () => {
    expect(ids({ scope: 'scenario:cpu-primes', text: '' })).toEqual(['primes', 'gil']);
  });

  it('lists the runs a lesson or a view asked for, and an engine lesson’s runs', () => {
    expect(ids({ scope: 'origin:ten-files-cpu', text: '' })).toEqual(['words']);
    expect(ids({ scope: 'origin:gil-cpu', text: '' })).toEqual(['gil']);
    expect(ids({ scope: 'origin:race', text: '' })).toEqual(['io', 'primes']);
    expect(ids({ scope: 'lesson:deadlock', text: '' })).toEqual(['deadlock']);
  });

  it('finds every word typed, in any case, in titles, settings, models, verdicts and the view’s name', () => {
    expect(ids({ scope: 'all', text: 'PROCESSES' })).toEqual(['primes']);
    expect(ids({ scope: 'all', text: 'task-ms=300' })).toEqual(['words']);
    expect(ids({ scope: 'all', text: 'gil  lesson' })).toEqual(['gil']);
    expect(ids({ scope: 'all', text: '10 files' })).toEqual(['words']);
    expect(ids({ scope: 'all', text: 'damaged' })).toEqual(['broken']);
    expect(ids({ scope: 'scenario:cpu-primes', text: 'threads' })).toEqual(['primes', 'gil']);
    expect(ids({ scope: 'all', text: 'nothing like it' })).toEqual([]);
  });

  it('offers the scenarios, views and lessons that have runs', () => {
    expect(scopeOptions(ITEMS).map((option) => [option.group, option.value, option.label])).toEqual([
      ['Scenario', 'scenario:cpu-primes', 'cpu-primes'],
      ['Scenario', 'scenario:cpu-wordcount', 'cpu-wordcount'],
      ['Scenario', 'scenario:io-sleep', 'io-sleep'],
      ['Lesson or view', 'origin:race', 'Race view'],
      ['Lesson or view', 'origin:ten-files-cpu', '10 files, CPU variant'],
      ['Lesson or view', 'origin:gil-cpu', 'GIL lesson, CPU comparison'],
      ['Lesson or view', 'lesson:deadlock', 'Deadlock'],
    ]);
  });
});

describe('the History view with a filter', () => {
  it('selects only the listed runs, and drops from the selection the runs a new filter hides', () => {
    const store = createLabStore();
    store.getState().historyLoaded(ITEMS);
    store.getState().runSelectionToggled('io');
    store.getState().historyFilterChanged({ scope: 'scenario:cpu-primes', text: '' });
    expect(store.getState().historyView.selected).toEqual([]);
    expect(selectShownHistoryItems(store.getState()).map((item) => item.runId)).toEqual(['primes', 'gil']);
    store.getState().allRunsSelectionToggled();
    expect([...store.getState().historyView.selected].sort()).toEqual(['gil', 'primes']);
    expect(selectAllRunsSelected(store.getState())).toBe(true);
    store.getState().historyFilterChanged({ scope: 'scenario:cpu-primes', text: 'gil-threads' });
    expect(store.getState().historyView.selected).toEqual(['gil']);
  });
});
