import { describe, expect, it } from 'vitest';
import type { RunOrigin } from '../../../shared/run-origin';
import type { RunSummary } from '../../../shared/views';
import { createHistoryController } from '../controller/history-controller';
import { createLabController } from '../controller/lab-controller';
import { createLessonController } from '../controller/lesson-controller';
import { FakeLabApi } from '../test-support/fake-lab-api';
import { CATALOG, runView } from '../test-support/fixtures';
import { selectSwitchInterval } from './gil-lesson-slice';
import { createLabStore } from './lab-store';
import { runSettings, runSettingsLoaded, selectRunAgainBlocker, settingsPlace } from './run-settings';
import { selectKnobText, selectPoolText, selectValidation } from './setup-slice';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A stored run of a scenario, asked for by a view. */
function stored(
  origin: RunOrigin | undefined,
  change: Partial<Pick<RunSummary, 'scenario' | 'params' | 'pool'>> = {},
  models: Parameters<typeof runView>[1] = ['sequential', 'async'],
): RunSummary {
  const { run } = runView('r0', models);
  return { ...run, ...change, pool: { ...run.pool, ...change.pool }, ...(origin ? { origin } : {}) };
}

describe('a stored run’s settings, as its view’s form types them', () => {
  it('for the Race view: scenario, every knob, the models, and only the pools its models read', () => {
    const run = stored('race', { scenario: 'cpu-primes', params: { tasks: 12, taskMs: 80 } }, [
      'sequential',
      'threads',
      'processes',
    ]);
    expect(runSettings(run)).toEqual({
      kind: 'race',
      scenario: 'cpu-primes',
      knobText: { tasks: '12', taskMs: '80' },
      models: ['sequential', 'threads', 'processes'],
      poolText: { threads: '6', processes: '2', taskTimeoutMs: '' },
    });
    expect(settingsPlace(run)).toBe('the Race view');
  });

  it('for a run without an origin (the CLI’s, an older history’s): the Race view', () => {
    expect(runSettings(stored(undefined)).kind).toBe('race');
  });

  it('for a run lesson: its form’s fields, an unlimited pool left empty', () => {
    const run = stored('http-requests', {
      scenario: 'http-requests',
      params: { tasks: 300, latencyMs: 15, bytes: 256 },
      pool: { ...CATALOG.defaultPool, concurrency: null },
    });
    expect(runSettings(run)).toEqual({
      kind: 'run-form',
      form: 'http-requests',
      text: { 'params.tasks': '300', 'params.latencyMs': '15', 'pool.concurrency': '' },
    });
    expect(settingsPlace(run)).toBe('Many HTTP requests');
  });

  it('for the GIL lesson: which comparison, and its switch interval', () => {
    const run = stored('gil-io', { pool: { ...CATALOG.defaultPool, switchIntervalMs: 0.5 } });
    expect(runSettings(run)).toEqual({ kind: 'gil', comparison: 'io', switchIntervalText: '0.5' });
  });

  it('loads them into that form and brings its view (and lesson variant) on screen', () => {
    const store = createLabStore();
    store.getState().catalogLoaded(CATALOG);
    runSettingsLoaded(
      store.getState(),
      stored('race', { scenario: 'io-sleep', params: { tasks: 3, taskMs: 40 } }, ['sequential', 'async']),
    );
    const s = store.getState();
    expect(s.view.current).toBe('race');
    expect([selectKnobText(s, 'tasks'), selectKnobText(s, 'taskMs')]).toEqual(['3', '40']);
    expect(s.setup.models).toEqual(['sequential', 'async']);
    expect(selectPoolText(s, 'concurrency')).toBe('');
    expect(selectValidation(s)).toMatchObject({ ok: true });

    store.getState().viewChosen('history');
    runSettingsLoaded(
      store.getState(),
      stored('ten-files-cpu', { scenario: 'cpu-wordcount', params: { tasks: 7, taskMs: 120 } }),
    );
    const after = store.getState();
    expect(after.view.current).toBe('lessons');
    expect([after.lessons.current, after.lessons.variant]).toEqual(['ten-files', 'cpu']);
    expect(after.lessons.text['ten-files-cpu']).toMatchObject({
      'params.tasks': '7',
      'params.taskMs': '120',
    });

    runSettingsLoaded(
      store.getState(),
      stored('gil-cpu', { pool: { ...CATALOG.defaultPool, switchIntervalMs: 20 } }),
    );
    expect(store.getState().view.current).toBe('gil-lesson');
    expect(selectSwitchInterval(store.getState())).toBe(20);
  });
});

describe('Run again', () => {
  async function lab() {
    const api = new FakeLabApi();
    api.handle('lab:catalog', () => ({ ok: true, value: CATALOG }));
    api.handle('history:list', () => ({ ok: true, value: [] }));
    api.handle('run:start', () => ({ ok: true, value: { runId: 'again' } }));
    const store = createLabStore();
    const controller = createLabController(api, store);
    controller.start();
    const lessons = createLessonController(api, store, controller);
    const history = createHistoryController(api, store, () => undefined, {
      requestRun: () => controller.requestRun(),
      startComparison: (kind) => controller.startComparison(kind),
      runLesson: (id) => lessons.runLesson(id),
    });
    await flush();
    const started = () =>
      api.calls.filter((call) => call.channel === 'run:start').map((call) => call.request);
    return { store, history, started };
  }

  it('runs a Race run’s settings from the Race view’s form, as the Race view’s run', async () => {
    const { store, history, started } = await lab();
    await history.runAgain(stored('race', { scenario: 'io-sleep', params: { tasks: 3, taskMs: 40 } }));
    expect(started()).toEqual([
      {
        scenario: 'io-sleep',
        params: { tasks: 3, taskMs: 40 },
        models: ['sequential', 'async'],
        pool: {},
        origin: 'race',
      },
    ]);
    expect(store.getState().view.current).toBe('race');
  });

  it('runs a lesson’s run from its lesson’s form, and a GIL comparison from the GIL lesson', async () => {
    const { store, history, started } = await lab();
    await history.runAgain(
      stored('ten-files-io', { scenario: 'io-sleep', params: { tasks: 6, taskMs: 90 } }),
    );
    expect(started()[0]).toMatchObject({
      scenario: 'io-sleep',
      params: { tasks: 6, taskMs: 90 },
      origin: 'ten-files-io',
    });
    expect(store.getState().lessons.variant).toBe('io');
    store
      .getState()
      .runFinished({ ...runView('again'), run: { ...runView('again').run, origin: 'ten-files-io' } });
    store
      .getState()
      .lessonRunSettled({ ...runView('again'), run: { ...runView('again').run, origin: 'ten-files-io' } });

    await history.runAgain(stored('gil-cpu', { pool: { ...CATALOG.defaultPool, switchIntervalMs: 20 } }));
    expect(started()[1]).toMatchObject({ origin: 'gil-cpu', pool: { switchIntervalMs: 20 } });
    expect(store.getState().view.current).toBe('gil-lesson');
  });

  it('waits while another run is in progress, saying so, and starts nothing', async () => {
    const { store, history, started } = await lab();
    await history.runAgain(stored('race', { params: { tasks: 3, taskMs: 40 } }));
    expect(selectRunAgainBlocker(store.getState())).toBe('A run is in progress.');
    await history.runAgain(stored('race', { params: { tasks: 5, taskMs: 40 } }));
    expect(started()).toHaveLength(1);
  });
});
