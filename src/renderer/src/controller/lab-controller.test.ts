import { describe, expect, it, vi } from 'vitest';
import type { RunListItem } from '../../../shared/views';
import { selectGilSpeedups } from '../store/gil-lesson-slice';
import { createLabStore } from '../store/lab-store';
import { selectLastRun, selectRunOnScreen } from '../store/run-slice';
import { initialFormText } from '../store/lessons-slice-forms';
import { engineLessonRequest } from '../store/lessons-slice-requests';
import { selectFieldError } from '../store/setup-slice';
import { FakeLabApi } from '../test-support/fake-lab-api';
import { CATALOG, runView, snapshot, summary } from '../test-support/fixtures';
import {
  comparisonBlocker,
  createLabController,
  LOST_RUN_MESSAGE,
  SWITCH_INTERVAL_DEBOUNCE_MS,
} from './lab-controller';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function listItem(runId: string): RunListItem {
  return {
    kind: 'race',
    runId,
    scenario: 'io-sleep',
    origin: 'race',
    title: 'I/O',
    settings: 'tasks=4, task-ms=150',
    startedAt: '2025-01-01T10:00:00Z',
    state: 'done',
    models: ['sequential'],
    verdict: 'v',
  };
}

async function started(api = new FakeLabApi()) {
  api.handle('lab:catalog', () => ({ ok: true, value: CATALOG }));
  api.handle('history:list', () => ({ ok: true, value: [] }));
  const store = createLabStore();
  const controller = createLabController(api, store);
  const stop = controller.start();
  await flush();
  return { api, store, controller, stop };
}

describe('lab controller', () => {
  it('loads the catalogue and the history on start', async () => {
    const { api, store } = await started();
    expect(api.channels()).toEqual(['lab:catalog', 'history:list']);
    expect(store.getState().catalog.status).toBe('loaded');
    expect(store.getState().history.status).toBe('loaded');
    expect(store.getState().connection.state).toBe('open');
  });

  it('shows a catalogue failure and loads again on retry', async () => {
    const api = new FakeLabApi();
    api.handle('lab:catalog', () => ({ ok: false, error: { code: 'internal', message: 'engine down' } }));
    api.handle('history:list', () => ({ ok: true, value: [] }));
    const store = createLabStore();
    const controller = createLabController(api, store);
    controller.start();
    await flush();
    expect(store.getState().catalog).toMatchObject({ status: 'failed', error: 'engine down' });
    api.handle('lab:catalog', () => ({ ok: true, value: CATALOG }));
    await controller.loadCatalog();
    expect(store.getState().catalog.status).toBe('loaded');
  });

  it('sends the validated request, then follows the run through its events', async () => {
    const { api, store, controller } = await started();
    api.handle('run:start', () => ({ ok: true, value: { runId: 'r1' } }));
    store.getState().knobEdited('taskMs', '100');
    await controller.requestRun();
    expect(api.calls.at(-1)).toEqual({
      channel: 'run:start',
      request: {
        scenario: 'io-sleep',
        params: { tasks: 10, taskMs: 100 },
        models: ['sequential', 'async', 'threads', 'gil-threads', 'processes'],
        pool: {},
        origin: 'race',
      },
    });
    expect(store.getState().run).toMatchObject({ phase: 'preparing', runId: 'r1', slot: 'race' });

    api.emit('run:progress', { runId: 'r1', kind: 'snapshot', snapshot: snapshot('sequential') });
    expect(store.getState().run.phase).toBe('running');
    api.emit('run:finished', runView('r1'));
    expect(store.getState().run.view?.run.runId).toBe('r1');
    await flush();
    expect(api.channels().filter((c) => c === 'history:list')).toHaveLength(2);
  });

  it('sends nothing while the form is invalid', async () => {
    const { api, store, controller } = await started();
    store.getState().knobEdited('tasks', '0');
    await controller.requestRun();
    expect(api.channels()).not.toContain('run:start');
  });

  it('puts the engine’s field problems back on the form', async () => {
    const { api, store, controller } = await started();
    api.handle('run:start', () => ({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'invalid',
        issues: [{ field: 'params.tasks', flag: '--tasks', message: 'must be an integer from 1 to 100000' }],
      },
    }));
    await controller.requestRun();
    expect(selectFieldError(store.getState(), 'params.tasks')).toBe('must be an integer from 1 to 100000');
    expect(store.getState().run.phase).toBe('idle');
  });

  it('cancels the live run, and a cancel pressed before the reply once the id is known', async () => {
    const { api, store, controller } = await started();
    let reply: (value: { ok: true; value: { runId: string } }) => void = () => {};
    api.handle('run:start', () => new Promise((resolve) => (reply = resolve)));
    api.handle('run:cancel', () => ({ ok: true, value: { cancelled: true } }));
    const running = controller.requestRun();
    await flush();
    await controller.cancelRun();
    expect(api.channels()).not.toContain('run:cancel');
    reply({ ok: true, value: { runId: 'r2' } });
    await running;
    expect(api.calls.at(-1)).toEqual({ channel: 'run:cancel', request: { runId: 'r2' } });
    expect(store.getState().run.phase).toBe('cancelling');
  });

  it('reopens a run from the history, and reports a failure', async () => {
    const { api, store, controller } = await started();
    api.handle('history:open', ({ runId }) =>
      runId === 'r1'
        ? { ok: true, value: runView('r1') }
        : { ok: false, error: { code: 'not-found', message: 'gone' } },
    );
    await controller.openRun('r1');
    expect(selectRunOnScreen(store.getState(), 'race').view?.run.runId).toBe('r1');
    expect(store.getState().history.opening).toBeNull();
    await controller.openRun('r0');
    expect(store.getState().history.error).toBe('gone');
  });

  it('passes engine stats and failures to the store', async () => {
    const { api, store, controller } = await started();
    api.handle('run:start', () => ({ ok: true, value: { runId: 'r3' } }));
    await controller.requestRun();
    api.emit('run:failed', { runId: 'r3', message: 'latency server did not start' });
    expect(store.getState().run.error).toBe('latency server did not start');
    api.emit('system:stats', {
      at: 1,
      eventLoopDelay: { p50: 1, p99: 2, max: 3 },
      eventLoopUtilization: 0.1,
      processCpuPercent: 1,
      machineCpuPercent: 2,
      rssMb: 3,
      heapUsedMb: 4,
    });
    expect(store.getState().system.samples).toHaveLength(1);
  });

  it('after a reconnection, settles a run that finished while offline', async () => {
    const { api, store, controller } = await started();
    api.handle('run:start', () => ({ ok: true, value: { runId: 'r4' } }));
    await controller.requestRun();
    api.setConnection('closed');
    expect(store.getState().connection.state).toBe('closed');
    api.handle('history:list', () => ({ ok: true, value: [listItem('r4')] }));
    api.handle('history:open', () => ({ ok: true, value: runView('r4') }));
    api.setConnection('open');
    await flush();
    await flush();
    expect(store.getState().run).toMatchObject({ phase: 'idle', view: { run: { runId: 'r4' } } });
  });

  it('after a reconnection to a restarted engine, says the run in progress was lost instead of running forever', async () => {
    const { api, store, controller } = await started();
    api.handle('run:start', () => ({ ok: true, value: { runId: 'r5' } }));
    await controller.requestRun();
    api.setConnection('closed');
    api.handle('history:list', () => ({ ok: true, value: [] }));
    api.handle('room:state', () => ({
      ok: true,
      value: {
        you: { role: 'instructor', clientId: '1' },
        room: { screen: null, activity: null, instructors: 1, attendees: 0 },
        join: null,
        live: null,
      },
    }));
    api.setConnection('open');
    await flush();
    await flush();
    await flush();
    expect(store.getState().run).toMatchObject({ phase: 'idle', error: LOST_RUN_MESSAGE });
  });

  it('stops listening when stopped', async () => {
    const { api, stop } = await started();
    expect(api.listenerCount('run:progress')).toBe(1);
    stop();
    expect(api.listenerCount('run:progress')).toBe(0);
  });

  it('asks for an export of the given run and format', async () => {
    const { api, controller } = await started();
    const file = { filename: 'run.csv', mimeType: 'text/csv', content: 'a,b' };
    const handler = vi.fn(() => ({ ok: true as const, value: file }));
    api.handle('run:export', handler);
    await expect(controller.exportRun('r1', 'csv')).resolves.toEqual({ ok: true, value: file });
    expect(handler).toHaveBeenCalledWith({ runId: 'r1', format: 'csv' });
  });

  it('turns heartbeats into the heartbeat state', async () => {
    const { api, store } = await started();
    api.emit('system:heartbeat', { seq: 0, at: 1000 });
    api.emit('system:heartbeat', { seq: 1, at: 1200 });
    expect(store.getState().heartbeat.last).toMatchObject({ seq: 1, at: 1200 });
  });
});

function comparisonRun(runId: string) {
  const view = runView(runId, ['sequential', 'threads', 'gil-threads']);
  return {
    ...view,
    run: {
      ...view.run,
      scenario: 'cpu-primes' as const,
      origin: 'gil-cpu' as const,
      results: [
        summary('sequential', { speedup: 1 }),
        summary('threads', { speedup: 1.9 }),
        summary('gil-threads', { speedup: 0.95 }),
      ],
    },
  };
}

describe('lab controller, GIL lesson', () => {
  it('starts a comparison through the same run slice and keeps its speedups when it finishes', async () => {
    const { api, store, controller } = await started();
    api.handle('run:start', () => ({ ok: true, value: { runId: 'cmp' } }));
    await controller.startComparison('cpu');
    expect(api.calls.at(-1)).toEqual({
      channel: 'run:start',
      request: {
        scenario: 'cpu-primes',
        // The catalogue has CPython: real py-threads beside the simulation, on smaller CPU tasks.
        params: { tasks: 4, taskMs: 100 },
        models: ['sequential', 'threads', 'gil-threads', 'py-sequential', 'py-threads'],
        pool: { threads: 2, switchIntervalMs: 5 },
        origin: 'gil-cpu',
      },
    });
    expect(store.getState().run).toMatchObject({ phase: 'preparing', runId: 'cmp', slot: 'gil-lesson' });
    await controller.startComparison('io');
    expect(api.channels().filter((c) => c === 'run:start')).toHaveLength(1);
    api.emit('run:finished', comparisonRun('cmp'));
    expect(selectGilSpeedups(store.getState()).cpu).toMatchObject({ threads: 1.9, gilThreads: 0.95 });
    expect(selectRunOnScreen(store.getState(), 'gil-lesson').view?.run.runId).toBe('cmp');
    expect(selectRunOnScreen(store.getState(), 'race').view).toBeNull();
  });

  it('starts no comparison and no race while a lesson runs, and says why', async () => {
    const { api, store, controller } = await started();
    api.handle('run:start', () => ({ ok: true, value: { runId: 'cmp' } }));
    const lesson = engineLessonRequest('data-passing', initialFormText()['data-passing'], 'threads');
    if (!lesson.ok) throw new Error('defaults must be valid');
    store.getState().engineLessonStarted(lesson.value);
    expect(comparisonBlocker(store.getState())).toBe(
      'A lesson is running: cancel it or wait for it to finish.',
    );
    await controller.startComparison('cpu');
    await controller.requestRun();
    expect(api.channels()).not.toContain('run:start');
    store.getState().engineLessonEnded('data-passing', { kind: 'failed', message: 'gone' });
    expect(comparisonBlocker(store.getState())).toBeNull();
  });

  it('sends a new switch interval live while gil-threads runs, debounced', async () => {
    vi.useFakeTimers();
    try {
      const { api, store, controller } = await startedWithFakeTimers();
      const sent: number[] = [];
      api.handle('gil:switch-interval', ({ switchIntervalMs }) => {
        sent.push(switchIntervalMs);
        return { ok: true, value: { applied: true } };
      });
      api.handle('run:start', () => ({ ok: true, value: { runId: 'g' } }));
      await controller.startComparison('cpu');
      api.emit('run:progress', { runId: 'g', kind: 'snapshot', snapshot: snapshot('gil-threads') });
      controller.switchIntervalEdited('2');
      controller.switchIntervalEdited('20');
      await vi.advanceTimersByTimeAsync(SWITCH_INTERVAL_DEBOUNCE_MS + 10);
      expect(sent).toEqual([20]);
      expect(store.getState().gilLesson.live).toEqual({ status: 'applied', value: 20 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('queues a switch interval typed before gil-threads starts, and sends it once it runs', async () => {
    vi.useFakeTimers();
    try {
      const { api, store, controller } = await startedWithFakeTimers();
      const sent: number[] = [];
      api.handle('gil:switch-interval', ({ switchIntervalMs }) => {
        sent.push(switchIntervalMs);
        return { ok: true, value: { applied: true } };
      });
      api.handle('run:start', () => ({ ok: true, value: { runId: 'g' } }));
      await controller.startComparison('cpu');
      api.emit('run:progress', { runId: 'g', kind: 'snapshot', snapshot: snapshot('sequential') });
      controller.switchIntervalEdited('15');
      await vi.advanceTimersByTimeAsync(SWITCH_INTERVAL_DEBOUNCE_MS + 10);
      expect(store.getState().gilLesson.live).toEqual({ status: 'queued', value: 15 });
      expect(sent).toEqual([]);
      api.emit('run:progress', { runId: 'g', kind: 'snapshot', snapshot: snapshot('gil-threads') });
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toEqual([15]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a switch interval typed between runs for the next run', async () => {
    vi.useFakeTimers();
    try {
      const { api, store, controller } = await startedWithFakeTimers();
      controller.switchIntervalEdited('0.5');
      await vi.advanceTimersByTimeAsync(SWITCH_INTERVAL_DEBOUNCE_MS + 10);
      expect(api.channels()).not.toContain('gil:switch-interval');
      api.handle('run:start', () => ({ ok: true, value: { runId: 'n' } }));
      await controller.startComparison('io');
      expect(api.calls.at(-1)?.request).toMatchObject({ pool: { threads: 8, switchIntervalMs: 0.5 } });
      expect(store.getState().run).toMatchObject({ slot: 'gil-lesson', runId: 'n' });
      expect(store.getState().run.request?.origin).toBe('gil-io');
    } finally {
      vi.useRealTimers();
    }
  });
});

async function startedWithFakeTimers() {
  const api = new FakeLabApi();
  api.handle('lab:catalog', () => ({ ok: true, value: CATALOG }));
  api.handle('history:list', () => ({ ok: true, value: [] }));
  const store = createLabStore();
  const controller = createLabController(api, store);
  controller.start();
  await vi.advanceTimersByTimeAsync(0);
  return { api, store, controller };
}

describe('lab controller: views keep their own runs', () => {
  it('opens a stored run in the view that asked for it: a lesson’s run in its lesson', async () => {
    const { api, store, controller } = await started();
    const lessonRun = runView('lesson-run');
    api.handle('history:open', () => ({
      ok: true,
      value: { ...lessonRun, run: { ...lessonRun.run, origin: 'ten-files-cpu' } },
    }));
    await controller.openRun('lesson-run');
    const s = store.getState();
    expect(selectRunOnScreen(s, 'ten-files-cpu').view?.run.runId).toBe('lesson-run');
    expect(selectRunOnScreen(s, 'race').view).toBeNull();
    expect([s.view.current, s.lessons.current, s.lessons.variant]).toEqual(['lessons', 'ten-files', 'cpu']);
  });

  it('brings back each origin’s newest stored run when the page loads', async () => {
    const api = new FakeLabApi();
    api.handle('lab:catalog', () => ({ ok: true, value: CATALOG }));
    const item = (
      runId: string,
      origin: RunListItem['origin'],
      state: RunListItem['state'] = 'done',
    ): RunListItem => ({
      kind: 'race',
      runId,
      scenario: 'io-sleep',
      origin,
      title: 'I/O',
      settings: '',
      startedAt: '2025-01-01T10:00:00Z',
      state,
      models: ['sequential'],
      verdict: '',
    });
    api.handle('history:list', () => ({
      ok: true,
      value: [
        item('cancelled-io', 'gil-io', 'cancelled'),
        item('new-io', 'gil-io'),
        item('old-io', 'gil-io'),
        item('why', 'ten-files-io'),
      ],
    }));
    api.handle('history:open', ({ runId }) => {
      const view = runView(runId);
      return {
        ok: true,
        value: { ...view, run: { ...view.run, origin: runId === 'why' ? 'ten-files-io' : 'gil-io' } },
      };
    });
    const store = createLabStore();
    createLabController(api, store).start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const opened = api.calls.filter((call) => call.channel === 'history:open').map((call) => call.request);
    expect(opened).toEqual([{ runId: 'new-io' }, { runId: 'why' }]);
    expect(selectLastRun(store.getState(), 'gil-io')?.run.runId).toBe('new-io');
    expect(selectLastRun(store.getState(), 'ten-files-io')?.run.runId).toBe('why');
  });
});
