import { describe, expect, it } from 'vitest';
import type { RunListItem } from '../../../shared/views';
import { createLabStore } from './lab-store';
import { selectHistoryItems } from './history-slice';

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

describe('history slice', () => {
  it('lists the newest run first', () => {
    const store = createLabStore();
    store.getState().historyRequested();
    expect(store.getState().history.status).toBe('loading');
    store.getState().historyLoaded([item('a', '2025-01-01T10:00:00Z'), item('b', '2025-01-01T11:00:00Z')]);
    expect(selectHistoryItems(store.getState()).map((i) => i.runId)).toEqual(['b', 'a']);
  });

  it('keeps the list while refreshing, and reports a failed reopen', () => {
    const store = createLabStore();
    store.getState().historyLoaded([item('a', '2025-01-01T10:00:00Z')]);
    store.getState().historyRequested();
    expect(store.getState().history.status).toBe('loaded');
    store.getState().runOpenRequested('a');
    expect(store.getState().history.opening).toBe('a');
    store.getState().runOpenFailed('run a is gone');
    expect(store.getState().history).toMatchObject({ opening: null, error: 'run a is gone' });
  });
});
