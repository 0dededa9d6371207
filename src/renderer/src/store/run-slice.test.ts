import { describe, expect, it } from 'vitest';
import { CATALOG, runView, snapshot, summary } from '../test-support/fixtures';
import { createLabStore } from './lab-store';
import type { ModelId } from '../../../shared/models';
import type { RunOrigin } from '../../../shared/run-origin';
import type { RunRequest } from '../../../shared/run-request';
import type { RunView } from '../../../shared/views';
import {
  selectExpectedMs,
  selectLastRun,
  selectLiveChartInput,
  selectRunActive,
  selectRunOnScreen,
  selectSnapshot,
} from './run-slice';
import { selectRunBlocker } from './setup-slice';

function runningStore() {
  const store = createLabStore();
  store.getState().catalogLoaded(CATALOG);
  store.getState().connectionChanged('open');
  store.getState().runRequested(['sequential', 'threads']);
  store.getState().runStarted('r1');
  return store;
}

describe('run slice', () => {
  it('goes from requested to preparing to running, and Run stays blocked throughout', () => {
    const store = runningStore();
    expect(store.getState().run.phase).toBe('preparing');
    expect(selectRunBlocker(store.getState())).toMatch(/in progress/);
    store.getState().runProgressed({ runId: 'r1', kind: 'preparing', message: 'writing 10 files' });
    expect(store.getState().run.preparing).toBe('writing 10 files');
    store.getState().runProgressed({ runId: 'r1', kind: 'snapshot', snapshot: snapshot('sequential') });
    expect(store.getState().run.phase).toBe('running');
    expect(selectSnapshot(store.getState(), 'sequential')?.completed).toBe(4);
  });

  it('keeps the forecast of the models that have one, until the next run', () => {
    const store = runningStore();
    const forecast = {
      models: [{ model: 'py-threads' as const, expectedMs: 72_000 }],
      message:
        'CPython 3.11.7, GIL took 27× as long as Node on a sample of count-primes: expect py-threads ≈ 1 min 12 s',
    };
    store.getState().runProgressed({ runId: 'r1', kind: 'forecast', forecast });
    expect(store.getState().run.forecast).toEqual(forecast);
    expect(selectExpectedMs(store.getState(), 'py-threads')).toBe(72_000);
    expect(selectExpectedMs(store.getState(), 'threads')).toBeUndefined();
    store.getState().runRequested(['threads']);
    expect(store.getState().run.forecast).toBeNull();
  });

  it('ignores events of other runs', () => {
    const store = runningStore();
    store.getState().runProgressed({ runId: 'other', kind: 'snapshot', snapshot: snapshot('threads') });
    store.getState().runFailed({ runId: 'other', message: 'nope' });
    expect(selectSnapshot(store.getState(), 'threads')).toBeUndefined();
    expect(store.getState().run.error).toBeNull();
    expect(selectRunActive(store.getState())).toBe(true);
  });

  it('adopts the run of events that arrive before the reply naming its id', () => {
    const store = createLabStore();
    store.getState().runRequested(['threads']);
    store.getState().runProgressed({ runId: 'early', kind: 'snapshot', snapshot: snapshot('threads') });
    expect(store.getState().run.runId).toBe('early');
    expect(store.getState().run.phase).toBe('running');
    store.getState().runStarted('early');
    expect(store.getState().run.phase).toBe('running');
  });

  it('does not take events while idle', () => {
    const store = createLabStore();
    store.getState().runProgressed({ runId: 'x', kind: 'snapshot', snapshot: snapshot('threads') });
    expect(selectSnapshot(store.getState(), 'threads')).toBeUndefined();
  });

  it('collects model results as they finish, and shows the run view at the end', () => {
    const store = runningStore();
    store.getState().runProgressed({ runId: 'r1', kind: 'model-finished', result: summary('sequential') });
    expect(store.getState().run.finished.map((r) => r.model)).toEqual(['sequential']);
    const view = runView('r1');
    store.getState().runFinished(view);
    const s = store.getState();
    expect(s.run.phase).toBe('idle');
    expect(s.run.view).toBe(view);
    expect(s.run.models).toEqual(['sequential', 'threads']);
    expect(selectSnapshot(s, 'threads')?.state).toBe('done');
    expect(selectRunBlocker(s)).toBeNull();
  });

  it('stays "cancelling" while snapshots still arrive', () => {
    const store = runningStore();
    store.getState().cancelRequested();
    store.getState().runProgressed({ runId: 'r1', kind: 'snapshot', snapshot: snapshot('sequential') });
    expect(store.getState().run.phase).toBe('cancelling');
  });

  it('keeps a cancel asked for before the run id was known', () => {
    const store = createLabStore();
    store.getState().runRequested(['threads']);
    store.getState().cancelRequested();
    store.getState().runStarted('r9');
    expect(store.getState().run).toMatchObject({ phase: 'cancelling', runId: 'r9' });
  });

  it('shows a failed run as an error and allows another', () => {
    const store = runningStore();
    store.getState().runFailed({ runId: 'r1', message: 'worker crashed on start' });
    expect(store.getState().run).toMatchObject({ phase: 'idle', error: 'worker crashed on start' });
  });

  it('words refusals that are not about a field', () => {
    const store = createLabStore();
    store.getState().runRequested(['threads']);
    store.getState().runRejected({ code: 'busy', message: 'run r0 is still running' });
    expect(store.getState().run.error).toBe('Another run is in progress: run r0 is still running');
    store.getState().runRequested(['threads']);
    store.getState().runRejected({
      code: 'invalid-request',
      message: 'invalid',
      issues: [{ field: 'scenario', message: 'must be one of: io-sleep' }],
    });
    expect(store.getState().run.error).toBe('The engine refused the run: scenario must be one of: io-sleep');
  });

  it('reopens a finished run from the history in its own view, but not over that view’s live run', () => {
    const store = createLabStore();
    const view = runView('old', ['async']);
    store.getState().runOpened(view);
    expect(selectRunOnScreen(store.getState(), 'race').view).toBe(view);
    expect(selectRunOnScreen(store.getState(), 'race').models).toEqual(['async']);

    store.getState().runRequested(['threads']);
    store.getState().runOpened(runView('older'));
    expect(selectRunOnScreen(store.getState(), 'race').view).toBeNull();
  });
});

/** A finished run as the engine reports it, asked for by `origin`. */
function from(
  origin: RunOrigin,
  runId: string,
  models: readonly ModelId[] = ['sequential', 'threads'],
): RunView {
  const view = runView(runId, models);
  return { ...view, run: { ...view.run, origin } };
}

function request(origin: RunOrigin, models: readonly ModelId[]): RunRequest {
  return { scenario: 'io-sleep', params: { tasks: 10, taskMs: 200 }, models, pool: {}, origin };
}

describe('run slice: each view keeps its own run', () => {
  it('shows a live run only in the view that asked for it, and keeps the others’ runs', () => {
    const store = createLabStore();
    const s = () => store.getState();
    s().runRequested(['sequential', 'threads'], request('race', ['sequential', 'threads']));
    s().runStarted('race-1');
    s().runFinished(from('race', 'race-1'));
    s().runRequested(
      ['sequential', 'threads', 'gil-threads'],
      request('gil-cpu', ['sequential', 'threads', 'gil-threads']),
    );
    s().runStarted('gil-1');
    s().runProgressed({ runId: 'gil-1', kind: 'snapshot', snapshot: snapshot('gil-threads') });
    // The GIL lesson shows its live comparison; Race still shows its own finished run, not the comparison.
    expect(selectRunOnScreen(s(), 'gil-lesson').runId).toBe('gil-1');
    expect(selectSnapshot(s(), 'gil-threads', 'gil-lesson')).toBeDefined();
    expect(selectRunOnScreen(s(), 'race').view?.run.runId).toBe('race-1');
    expect(selectSnapshot(s(), 'gil-threads', 'race')).toBeUndefined();
    expect(selectLiveChartInput(s(), 'race').models).toEqual(['sequential', 'threads']);
    // A lesson that never ran shows nothing of either.
    expect(selectRunOnScreen(s(), 'ten-files-io').models).toEqual([]);
    s().runFinished(from('gil-cpu', 'gil-1', ['sequential', 'threads', 'gil-threads']));
    expect(selectRunOnScreen(s(), 'gil-lesson').view?.run.runId).toBe('gil-1');
    expect(selectRunOnScreen(s(), 'race').view?.run.runId).toBe('race-1');
    expect(selectLastRun(s(), 'gil-cpu')?.run.runId).toBe('gil-1');
    expect(selectLastRun(s(), 'race')?.run.runId).toBe('race-1');
  });

  it('shows a failed or refused run’s error in its own view only', () => {
    const store = createLabStore();
    const s = () => store.getState();
    s().runRequested(['threads'], request('ten-files-io', ['threads']));
    s().runRejected({ code: 'busy', message: 'a lesson runs' });
    expect(selectRunOnScreen(s(), 'ten-files-io').error).toMatch(/a lesson runs/);
    expect(selectRunOnScreen(s(), 'race').error).toBeNull();
  });

  it('does not keep a cancelled run as its origin’s last measurement', () => {
    const store = createLabStore();
    const s = () => store.getState();
    s().runRequested(['threads'], request('http-requests', ['threads']));
    s().runStarted('c');
    const cancelled = from('http-requests', 'c');
    s().runFinished({ ...cancelled, run: { ...cancelled.run, state: 'cancelled' } });
    expect(selectRunOnScreen(s(), 'http-requests').view?.run.runId).toBe('c');
    expect(selectLastRun(s(), 'http-requests')).toBeUndefined();
  });

  it('restores each origin’s newest stored run after a reload, under what this session already has', () => {
    const store = createLabStore();
    const s = () => store.getState();
    s().runRequested(['threads'], request('race', ['threads']));
    s().runStarted('now');
    s().runFinished(from('race', 'now'));
    s().runsRestored([
      from('race', 'stored-race'),
      from('ten-files-cpu', 'stored-cpu'),
      from('gil-io', 'stored-io'),
    ]);
    expect(selectRunOnScreen(s(), 'race').view?.run.runId).toBe('now');
    expect(selectLastRun(s(), 'race')?.run.runId).toBe('now');
    expect(selectRunOnScreen(s(), 'ten-files-cpu').view?.run.runId).toBe('stored-cpu');
    expect(selectLastRun(s(), 'gil-io')?.run.runId).toBe('stored-io');
    expect(selectRunOnScreen(s(), 'gil-lesson').view?.run.runId).toBe('stored-io');
  });
});
