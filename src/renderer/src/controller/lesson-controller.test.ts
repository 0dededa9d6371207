import { describe, expect, it } from 'vitest';
import type { LessonRunOf } from '../../../shared/lessons/registry';
import type { DeadlockResult } from '../../../shared/lessons/deadlock';
import type { PipelinePoint } from '../../../shared/lessons/pipeline';
import type { RaceConditionResult } from '../../../shared/lessons/race-condition';
import { createLabStore } from '../store/lab-store';
import { selectLastRun, selectRunOnScreen } from '../store/run-slice';
import { FakeLabApi } from '../test-support/fake-lab-api';
import { CATALOG, runView } from '../test-support/fixtures';
import { createLabController } from './lab-controller';
import { createLessonController, lessonErrorText } from './lesson-controller';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function started(api = new FakeLabApi()) {
  api.handle('lab:catalog', () => ({ ok: true, value: CATALOG }));
  api.handle('history:list', () => ({ ok: true, value: [] }));
  const store = createLabStore();
  const lab = createLabController(api, store);
  lab.start();
  const lessons = createLessonController(api, store, lab);
  const stop = lessons.start();
  await flush();
  return { api, store, lessons, stop };
}

const RACE: RaceConditionResult = { workers: 4, increments: 10, cores: 2, runs: [] };
const SAVED = { runId: 'lesson-1', startedAt: '2026-11-21T08:00:00.000Z' };

describe('lesson controller', () => {
  it('starts a run lesson through the one run machinery and keeps its run when it finishes', async () => {
    const { api, store, lessons } = await started();
    api.handle('run:start', () => ({ ok: true, value: { runId: 'r1' } }));
    store.getState().lessonChosen('ten-files');
    store.getState().variantChosen('cpu');
    await lessons.runLesson();
    expect(api.calls.at(-1)).toEqual({
      channel: 'run:start',
      request: {
        scenario: 'cpu-wordcount',
        params: { tasks: 10, taskMs: 300 },
        models: ['sequential', 'async', 'threads', 'processes'],
        pool: {},
        origin: 'ten-files-cpu',
      },
    });
    expect(store.getState().run.phase).toBe('preparing');
    expect(store.getState().lessons.active).toMatchObject({
      kind: 'run',
      form: 'ten-files-cpu',
      runId: 'r1',
    });
    api.emit('run:finished', runView('r1'));
    expect(selectLastRun(store.getState(), 'ten-files-cpu')?.run.runId).toBe('r1');
    expect(selectRunOnScreen(store.getState(), 'ten-files-cpu').view?.run.runId).toBe('r1');
    // Its own lesson shows it; the Race view does not.
    expect(selectRunOnScreen(store.getState(), 'race').view).toBeNull();
  });

  it('words a refused run as the lesson’s ending', async () => {
    const { api, store, lessons } = await started();
    api.handle('run:start', () => ({
      ok: false,
      error: { code: 'busy', message: 'the pipeline lesson is running' },
    }));
    await lessons.runLesson('http-requests');
    expect(store.getState().lessons.active).toBeNull();
    expect(store.getState().lessons.endings['http-requests']).toMatchObject({ kind: 'failed' });
  });

  it('invokes an engine lesson on its channel, folds its progress and keeps its result', async () => {
    const { api, store, lessons } = await started();
    let answer: (value: { ok: true; value: LessonRunOf<'deadlock'> }) => void = () => {};
    api.handle('lesson:deadlock', () => new Promise((resolve) => (answer = resolve)));
    const running = lessons.runLesson('deadlock');
    expect(store.getState().lessons.active).toMatchObject({ kind: 'engine', lesson: 'deadlock' });
    expect(api.calls.at(-1)).toEqual({
      channel: 'lesson:deadlock',
      request: { pauseMs: 50, reportAfterMs: 200, giveUpAfterMs: 5000 },
    });
    const result: DeadlockResult = { attempts: [] };
    answer({ ok: true, value: { lesson: 'deadlock', request: {}, result, ...SAVED } });
    await running;
    expect(store.getState().lessons.results.deadlock).toMatchObject({ attempts: [] });
    expect(store.getState().lessons.saved.deadlock).toEqual({ ...SAVED, reopened: false });
    expect(store.getState().lessons.active).toBeNull();
  });

  it('streams pipeline points into the store while the pipeline runs', async () => {
    const { api, store, lessons } = await started();
    api.handle('lesson:pipeline', () => new Promise(() => {}));
    void lessons.runLesson('pipeline');
    const point: PipelinePoint = {
      atMs: 50,
      queueDepth: 3,
      produced: 9,
      consumed: 6,
      written: 6,
      producerRate: 180,
      consumerRate: 120,
      producerBlockedMs: 0,
    };
    api.emit('lesson:progress', { lesson: 'pipeline', point });
    expect(store.getState().lessons.points).toEqual([point]);
  });

  it('cancels an engine lesson with lesson:cancel and shows it as cancelled, not failed', async () => {
    const { api, store, lessons } = await started();
    let answer: (value: { ok: false; error: { code: 'cancelled'; message: string } }) => void = () => {};
    api.handle('lesson:race-condition', () => new Promise((resolve) => (answer = resolve)));
    api.handle('lesson:cancel', () => {
      answer({ ok: false, error: { code: 'cancelled', message: 'cancelled' } });
      return { ok: true, value: { cancelled: true } };
    });
    const running = lessons.runLesson('race-condition');
    await lessons.cancelLesson();
    await running;
    expect(api.channels()).toContain('lesson:cancel');
    expect(store.getState().lessons.endings['race-condition']).toEqual({ kind: 'cancelled' });
  });

  it('sends nothing while a knob is out of range or something else runs', async () => {
    const { api, store, lessons } = await started();
    api.handle('lesson:race-condition', () => ({
      ok: true,
      value: { lesson: 'race-condition', request: { workers: 4, increments: 10 }, result: RACE, ...SAVED },
    }));
    store.getState().lessonKnobEdited('race-condition', 'workers', '99');
    await lessons.runLesson('race-condition');
    store.getState().lessonKnobEdited('race-condition', 'workers', '4');
    store.getState().runRequested(['sequential']);
    await lessons.runLesson('race-condition');
    expect(api.channels()).not.toContain('lesson:race-condition');
  });

  it('shows the lesson’s own last run when its lesson is opened again', async () => {
    const { api, store, lessons } = await started();
    api.handle('run:start', () => ({ ok: true, value: { runId: 'img' } }));
    store.getState().viewChosen('lessons');
    await lessons.runLesson('image-batch');
    api.emit('run:finished', runView('img'));
    store.getState().runOpened(runView('other'));
    store.getState().lessonChosen('deadlock');
    store.getState().lessonChosen('image-batch');
    expect(store.getState().run.view?.run.runId).toBe('img');
  });

  it('words errors for people', () => {
    expect(lessonErrorText({ code: 'busy', message: 'a run is in progress' })).toBe(
      'Something else is running: a run is in progress',
    );
    expect(
      lessonErrorText({
        code: 'invalid-request',
        message: 'bad',
        issues: [{ field: 'workers', message: 'must be an integer from 2 to 16' }],
      }),
    ).toBe('The engine refused the lesson: workers must be an integer from 2 to 16');
  });
});
