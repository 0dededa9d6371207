import { describe, expect, it } from 'vitest';
import type { PipelineResult } from '../../../shared/lessons/pipeline';
import { CATALOG, deadlockLessonRun, runView } from '../test-support/fixtures';
import { selectComparisonRequest } from './gil-lesson-slice';
import { createLabStore } from './lab-store';
import { selectLastRun, selectRunOnScreen } from './run-slice';
import {
  selectCurrentLesson,
  selectFormActive,
  selectFormRunOnScreen,
  selectFormRunParams,
} from './lessons-slice';
import { initialFormText } from './lessons-slice-forms';
import { engineLessonRequest, runLessonRequest } from './lessons-slice-requests';
import {
  selectLessonBlocker,
  selectLessonFieldError,
  selectLessonText,
  selectRunLessonRequest,
} from './lessons-slice-selectors';

function ready() {
  const store = createLabStore();
  store.getState().catalogLoaded(CATALOG);
  store.getState().connectionChanged('open');
  return store;
}

const point = (atMs: number) => ({
  atMs,
  queueDepth: 8,
  produced: 10,
  consumed: 2,
  written: 2,
  producerRate: 100,
  consumerRate: 20,
  producerBlockedMs: 40,
});

const text = initialFormText();
const raceRequest = () => {
  const built = engineLessonRequest('race-condition', text['race-condition'], 'threads');
  if (!built.ok) throw new Error('defaults must be valid');
  return built.value;
};

describe('lessons slice', () => {
  it('starts on the first lesson and follows the choice', () => {
    const store = createLabStore();
    expect(selectCurrentLesson(store.getState())).toBe('ten-files');
    store.getState().lessonChosen('deadlock');
    expect(selectCurrentLesson(store.getState())).toBe('deadlock');
  });

  it('keeps knob text per form and validates it inline with the engine’s wording', () => {
    const store = ready();
    const s = () => store.getState();
    s().lessonKnobEdited('ten-files-io', 'params.taskMs', '0');
    expect(selectLessonText(s(), 'ten-files-io', 'params.taskMs')).toBe('0');
    expect(selectLessonText(s(), 'ten-files-cpu', 'params.taskMs')).toBe('300');
    expect(selectLessonFieldError(s(), 'ten-files-io', 'params.taskMs')).toBe(
      'must be an integer from 1 to 60000',
    );
    expect(selectLessonFieldError(s(), 'ten-files-io', 'params.tasks')).toBeNull();
    expect(selectLessonBlocker(s(), 'ten-files-io')).toBe('Fix the fields marked above to run.');
    s().lessonKnobEdited('race-condition', 'increments', '99999999');
    expect(selectLessonFieldError(s(), 'race-condition', 'increments')).toBe(
      'must be an integer from 1 to 10000000',
    );
  });

  it('builds the same request object until the text changes, with this machine’s cores', () => {
    const store = ready();
    const first = selectRunLessonRequest(store.getState(), 'image-batch');
    expect(selectRunLessonRequest(store.getState(), 'image-batch')).toBe(first);
    expect(first).toMatchObject({ ok: true, value: { pool: { threads: CATALOG.machine.cores } } });
  });

  it('says why Run is disabled: one lesson, run or job at a time, and a live connection', () => {
    const store = ready();
    const s = () => store.getState();
    expect(selectLessonBlocker(s(), 'deadlock')).toBeNull();
    s().engineLessonStarted(raceRequest());
    expect(selectLessonBlocker(s(), 'deadlock')).toBe('The race-condition lesson is running.');
    s().engineLessonEnded('race-condition', { kind: 'cancelled' });
    s().runRequested(['sequential']);
    expect(selectLessonBlocker(s(), 'deadlock')).toBe('A run is in progress.');
    s().runFailed({ runId: 'x', message: 'gone' });
    s().connectionChanged('closed');
    expect(selectLessonBlocker(s(), 'pipeline')).toBe('Not connected to the engine.');
  });

  it('waits for a GIL comparison and for any responsiveness job, even one on this page', () => {
    const store = ready();
    const s = () => store.getState();
    s().runRequested(['sequential', 'threads', 'gil-threads'], selectComparisonRequest(s(), 'cpu')!);
    expect(selectLessonBlocker(s(), 'pipeline')).toBe('A run is in progress.');
    s().runRejected({ code: 'busy', message: 'busy' });
    expect(selectLessonBlocker(s(), 'pipeline')).toBeNull();
    s().jobStarted('renderer-thread');
    expect(selectLessonBlocker(s(), 'pipeline')).toBe('A responsiveness job is running.');
    s().jobFailed('gone');
    s().trapStarted(false);
    expect(selectLessonBlocker(s(), 'ten-files-io')).toBe('A responsiveness job is running.');
  });

  it('keeps a run lesson’s own run, and ignores another view’s run', () => {
    const store = ready();
    const s = () => store.getState();
    const request = runLessonRequest('ten-files-io', text['ten-files-io'], 2);
    if (!request.ok) throw new Error('defaults must be valid');
    s().lessonRunRequested('ten-files-io', request.value);
    s().runRequested(request.value.models, request.value);
    expect(selectFormActive(s(), 'ten-files-io')).toBe(true);
    expect(selectFormRunParams(s(), 'ten-files-io')).toEqual({ tasks: 10, taskMs: 500 });
    s().lessonRunStarted('mine');
    s().runStarted('mine');
    s().lessonRunSettled(runView('someone-else'));
    expect(selectLastRun(s(), 'ten-files-io')).toBeUndefined();
    const mine = runView('mine');
    s().runFinished({ ...mine, run: { ...mine.run, origin: 'ten-files-io' } });
    s().lessonRunSettled(mine);
    expect(s().lessons.active).toBeNull();
    expect(selectLastRun(s(), 'ten-files-io')?.run.runId).toBe('mine');
    expect(selectFormRunOnScreen(s(), 'ten-files-io')).toBe(true);
    expect(selectFormRunOnScreen(s(), 'ten-files-cpu')).toBe(false);
    // A Race run re-opened from the history goes to the Race view, not to the lesson.
    s().runOpened(runView('from-history'));
    expect(selectRunOnScreen(s(), 'ten-files-io').view?.run.runId).toBe('mine');
    expect(selectRunOnScreen(s(), 'race').view?.run.runId).toBe('from-history');
  });

  it('remembers why a run lesson did not finish', () => {
    const store = ready();
    const s = () => store.getState();
    const request = runLessonRequest('http-requests', text['http-requests'], 2);
    if (!request.ok) throw new Error('defaults must be valid');
    s().lessonRunRequested('http-requests', request.value);
    s().lessonRunEnded(null, 'Another run is in progress: busy');
    expect(s().lessons.endings['http-requests']).toEqual({
      kind: 'failed',
      message: 'Another run is in progress: busy',
    });
    s().lessonRunRequested('http-requests', request.value);
    expect(s().lessons.endings['http-requests']).toBeUndefined();
  });

  it('folds the pipeline’s points only while the pipeline runs, and keeps them when cancelled', () => {
    const store = ready();
    const s = () => store.getState();
    s().lessonProgressed({ lesson: 'pipeline', point: point(50) });
    expect(s().lessons.points).toEqual([]);
    const pipeline = engineLessonRequest('pipeline', text.pipeline, 'threads');
    if (!pipeline.ok) throw new Error('defaults must be valid');
    s().engineLessonStarted(pipeline.value);
    expect(s().lessons.sent.pipeline?.capacity).toBe(8);
    s().lessonProgressed({ lesson: 'pipeline', point: point(50) });
    s().lessonProgressed({
      lesson: 'data-passing',
      row: { carrier: 'threads', mode: 'clone', bytes: 1, ms: 1, msPerMb: 1, touchMs: 0, ok: true },
    });
    s().lessonProgressed({ lesson: 'pipeline', point: point(100) });
    expect(s().lessons.points.map((p) => p.atMs)).toEqual([50, 100]);
    expect(s().lessons.rows).toEqual([]);
    s().lessonCancelRequested();
    expect(s().lessons.active).toMatchObject({ kind: 'engine', cancelling: true });
    s().engineLessonEnded('pipeline', { kind: 'cancelled' });
    expect(s().lessons.active).toBeNull();
    expect(s().lessons.points).toHaveLength(2);
    expect(s().lessons.endings.pipeline).toEqual({ kind: 'cancelled' });
  });

  it('keeps an engine lesson’s result and its full series when it finishes', () => {
    const store = ready();
    const s = () => store.getState();
    const pipeline = engineLessonRequest('pipeline', text.pipeline, 'threads');
    if (!pipeline.ok) throw new Error('defaults must be valid');
    s().engineLessonStarted(pipeline.value);
    const result = { capacity: 8, series: [point(50), point(100), point(150)] } as unknown as PipelineResult;
    s().lessonRunShown(
      {
        lesson: 'pipeline',
        request: pipeline.value.request,
        result,
        runId: 'p1',
        startedAt: '2026-11-21T08:00:00.000Z',
      },
      'finished',
    );
    expect(s().lessons.results.pipeline).toBe(result);
    expect(s().lessons.points).toHaveLength(3);
    expect(s().lessons.active).toBeNull();
    s().engineLessonStarted(pipeline.value);
    expect(s().lessons.results.pipeline).toBeNull();
    expect(s().lessons.points).toEqual([]);
  });
});

describe('a finished lesson run heard twice', () => {
  it('changes the lessons once: the channel’s reply and lesson:ended carry the same run', () => {
    const store = createLabStore();
    const s = () => store.getState();
    const request = engineLessonRequest('deadlock', {}, 'threads');
    if (!request.ok) throw new Error('defaults must be valid');
    s().engineLessonStarted(request.value);
    const run = deadlockLessonRun('dl');
    s().lessonRunShown(run, 'finished');
    const shown = s().lessons;
    s().lessonRunShown(run, 'finished');
    expect(s().lessons).toBe(shown);
    expect(s().lessons.active).toBeNull();
    expect(s().lessons.saved.deadlock).toMatchObject({ runId: 'dl', reopened: false });
  });
});

describe('a lesson run re-opened from the history', () => {
  it('shows the saved result in its lesson until the lesson runs again', () => {
    const store = createLabStore();
    const s = () => store.getState();
    const run = deadlockLessonRun('dl');
    s().lessonRunShown(run, 'reopened');
    expect(s().lessons.current).toBe('deadlock');
    expect(s().lessons.results.deadlock).toEqual(run.result);
    expect(s().lessons.sent.deadlock).toEqual(run.request);
    expect(s().lessons.saved.deadlock).toMatchObject({
      runId: 'dl',
      startedAt: run.startedAt,
      reopened: true,
    });
    expect(s().lessons.saved.deadlock?.settings).toBe('pause-ms=20, timeout-ms=60');
    expect(s().lessons.focusPending).toBe('deadlock');
    s().lessonFocusTaken();
    expect(s().lessons.focusPending).toBeNull();

    const request = engineLessonRequest('deadlock', {}, 'threads');
    if (!request.ok) throw new Error('defaults must be valid');
    s().engineLessonStarted(request.value);
    expect(s().lessons.saved.deadlock).toBeUndefined();
    expect(s().lessons.results.deadlock).toBeNull();
    s().lessonRunShown(deadlockLessonRun('other'), 'reopened');
    expect(s().lessons.results.deadlock).toBeNull();
  });
});
