import { describe, expect, it } from 'vitest';
import type { RunComparison } from '../../../shared/compare-runs';
import type { HistoryItem, RunListItem } from '../../../shared/views';
import type { ExportFile } from '../../../shared/export-formats';
import { createLabStore } from '../store/lab-store';
import { FakeLabApi } from '../test-support/fake-lab-api';
import { deadlockLessonRun, lessonItem, runView } from '../test-support/fixtures';
import { createHistoryController } from './history-controller';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function item(runId: string, hour: number): RunListItem {
  return {
    kind: 'race',
    runId,
    scenario: 'io-sleep',
    origin: 'race',
    title: 'I/O',
    settings: 'tasks=4, task-ms=150',
    startedAt: `2025-01-01T${String(hour).padStart(2, '0')}:00:00Z`,
    state: 'done',
    models: ['sequential'],
    verdict: 'v',
  };
}

const COMPARISON: RunComparison = {
  title: 'io-sleep · --task-ms=200',
  labels: ['--tasks=4', '--tasks=8'],
  runs: ['a', 'b'].map((runId, i) => ({
    runId,
    scenario: 'io-sleep',
    startedAt: `2025-01-01T1${i}:00:00Z`,
    label: i === 0 ? '--tasks=4' : '--tasks=8',
    description: runId,
    models: [{ model: 'async', totalMs: 200, speedup: null, throughput: 20, excluded: null }],
  })),
  series: [{ model: 'async', totalMs: [200, 210], speedup: [null, null], throughput: [20, 38] }],
};

function setUp() {
  const api = new FakeLabApi();
  let listed: HistoryItem[] = [item('a', 10), item('b', 11), item('c', 12)];
  api.handle('history:list', () => ({ ok: true, value: listed }));
  const saved: ExportFile[] = [];
  const store = createLabStore();
  const controller = createHistoryController(api, store, (file) => saved.push(file));
  const stop = controller.start();
  return { api, store, controller, saved, stop, relist: (items: HistoryItem[]) => (listed = items) };
}

describe('history controller', () => {
  it('reloads the list when the engine says the history changed, until stopped', async () => {
    const { api, store, stop } = setUp();
    api.emit('history:changed', { at: 1 });
    await flush();
    expect(api.channels()).toEqual(['history:list']);
    expect(store.getState().history.items.map((i) => i.runId)).toEqual(['c', 'b', 'a']);
    stop();
    expect(api.listenerCount('history:changed')).toBe(0);
  });

  it('coalesces changes that arrive while a list is on its way into one more request', async () => {
    const { api, controller } = setUp();
    api.emit('history:changed', { at: 1 });
    api.emit('history:changed', { at: 2 });
    api.emit('history:changed', { at: 3 });
    await controller.reload();
    await flush();
    expect(api.channels()).toEqual(['history:list', 'history:list']);
  });

  it('deletes the selection only after the confirmation, then reloads the list', async () => {
    const { api, store, controller, relist } = setUp();
    await controller.reload();
    api.handle('history:delete', ({ runIds }) => {
      relist([item('c', 12)]);
      return { ok: true, value: { deleted: runIds.length } };
    });
    store.getState().runSelectionToggled('a');
    store.getState().runSelectionToggled('b');
    await controller.deleteSelection();
    expect(api.channels()).not.toContain('history:delete');
    store.getState().runsDeleteAsked();
    await controller.deleteSelection();
    expect(api.calls.find((c) => c.channel === 'history:delete')?.request).toEqual({ runIds: ['a', 'b'] });
    expect(api.channels().at(-1)).toBe('history:list');
    expect(store.getState().history.items.map((i) => i.runId)).toEqual(['c']);
    expect(store.getState().historyView).toMatchObject({ selected: [], deleting: false });
    expect(store.getState().historyView.outcome?.text).toBe('Deleted 2 runs.');
  });

  it('says why a delete failed', async () => {
    const { api, store, controller } = setUp();
    await controller.reload();
    api.handle('history:delete', () => ({ ok: false, error: { code: 'internal', message: 'disk full' } }));
    store.getState().runSelectionToggled('a');
    store.getState().runsDeleteAsked();
    await controller.deleteSelection();
    expect(store.getState().historyView.outcome).toEqual({ ok: false, text: 'Delete failed: disk full' });
    expect(store.getState().historyView.selected).toEqual(['a']);
  });

  it('compares the selected runs oldest first and puts the reply in the store', async () => {
    const { api, store, controller } = setUp();
    await controller.reload();
    api.handle('history:compare', () => ({ ok: true, value: COMPARISON }));
    store.getState().runSelectionToggled('b');
    await controller.compareSelection();
    expect(api.channels()).not.toContain('history:compare');
    store.getState().runSelectionToggled('a');
    await controller.compareSelection();
    expect(api.calls.at(-1)).toEqual({ channel: 'history:compare', request: { runIds: ['a', 'b'] } });
    expect(store.getState().historyView.comparison).toMatchObject({ status: 'loaded', value: COMPARISON });
  });

  it('shows a failed comparison’s message', async () => {
    const { api, store, controller } = setUp();
    await controller.reload();
    api.handle('history:compare', () => ({ ok: false, error: { code: 'not-found', message: 'no run b' } }));
    store.getState().allRunsSelectionToggled();
    await controller.compareSelection();
    expect(store.getState().historyView.comparison).toMatchObject({ status: 'failed', error: 'no run b' });
  });

  it('exports one run with run:export and several with one history:export', async () => {
    const { api, store, controller, saved } = setUp();
    await controller.reload();
    const file = (filename: string): ExportFile => ({ filename, mimeType: 'text/csv', content: 'x' });
    api.handle('run:export', ({ runId }) => ({ ok: true, value: file(`${runId}.csv`) }));
    api.handle('history:export', ({ runIds }) => ({ ok: true, value: file(`${runIds.join('-')}.csv`) }));
    store.getState().runSelectionToggled('b');
    await controller.exportSelection('csv');
    store.getState().runSelectionToggled('c');
    store.getState().runSelectionToggled('a');
    await controller.exportSelection('trace');
    expect(api.calls.slice(-2)).toEqual([
      { channel: 'run:export', request: { runId: 'b', format: 'csv' } },
      { channel: 'history:export', request: { runIds: ['a', 'b', 'c'], format: 'trace' } },
    ]);
    expect(saved.map((f) => f.filename)).toEqual(['b.csv', 'a-b-c.csv']);
    expect(store.getState().historyView.outcome).toEqual({ ok: true, text: 'Saved a-b-c.csv' });
  });

  it('opens a stored run in the History view, or says why it could not', async () => {
    const { api, store, controller } = setUp();
    api.handle('history:open', ({ runId }) =>
      runId === 'a'
        ? { ok: true, value: runView('a') }
        : { ok: false, error: { code: 'not-found', message: `no finished run ${runId}` } },
    );
    await controller.openRun('a');
    expect(store.getState().historyView.detail).toMatchObject({ status: 'loaded', runId: 'a' });
    expect(store.getState().run.view).toBeNull();
    await controller.openRun('zz');
    expect(store.getState().historyView.detail).toMatchObject({
      status: 'failed',
      error: 'no finished run zz',
    });
  });
});

describe('history controller and lesson runs', () => {
  it('opens a lesson run in its lesson: the lesson comes on screen with the saved result', async () => {
    const { api, store, controller } = setUp();
    const run = deadlockLessonRun('dl');
    api.handle('history:open-lesson', ({ runId }) =>
      runId === 'dl'
        ? { ok: true, value: run }
        : { ok: false, error: { code: 'not-found', message: 'gone' } },
    );
    await controller.openLessonRun('dl');
    const { lessons, view } = store.getState();
    expect(view.current).toBe('lessons');
    expect(lessons.current).toBe('deadlock');
    expect(lessons.results.deadlock).toEqual(run.result);
    expect(lessons.saved.deadlock).toMatchObject({ runId: 'dl', startedAt: run.startedAt, reopened: true });

    await controller.openLessonRun('other');
    expect(store.getState().historyView.outcome).toEqual({
      ok: false,
      text: 'Could not open the lesson run: gone',
    });
  });

  it('does not replace a lesson that is running with a saved run of it', async () => {
    const { api, store, controller } = setUp();
    api.handle('history:open-lesson', () => ({ ok: true, value: deadlockLessonRun('dl') }));
    store.getState().engineLessonStarted({
      lesson: 'deadlock',
      channel: 'lesson:deadlock',
      request: { pauseMs: 50 },
    });
    await controller.openLessonRun('dl');
    expect(store.getState().lessons.results.deadlock).toBeNull();
    expect(store.getState().historyView.outcome?.text).toMatch(/That lesson is running now/);
  });

  it('exports a selected lesson run through the history, as its own file', async () => {
    const { api, store, controller, saved, relist } = setUp();
    relist([item('a', 10), lessonItem('dl', 'deadlock', '2025-01-01T11:00:00Z')]);
    await controller.reload();
    const file: ExportFile = {
      filename: 'concurrency-lab-deadlock-x.md',
      mimeType: 'text/markdown',
      content: '#',
    };
    api.handle('history:export', () => ({ ok: true, value: file }));
    store.getState().runSelectionToggled('dl');
    await controller.exportSelection('markdown');
    expect(api.calls.at(-1)).toEqual({
      channel: 'history:export',
      request: { runIds: ['dl'], format: 'markdown' },
    });
    expect(saved).toEqual([file]);
  });
});
