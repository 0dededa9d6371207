import { describe, expect, it } from 'vitest';
import type { AsyncTrapResult } from '../../../shared/responsiveness';
import { CATALOG } from '../test-support/fixtures';
import { createLabStore } from './lab-store';
import { initialFormText } from './lessons-slice-forms';
import { engineLessonRequest } from './lessons-slice-requests';
import {
  chunkTradeOff,
  selectJobBlocker,
  selectJobKnob,
  selectJobKnobError,
  selectJobRows,
  type JobMeasurement,
} from './responsiveness-slice';

function measured(overrides: Partial<JobMeasurement> = {}): JobMeasurement {
  return {
    placement: 'web-worker',
    durationMs: 2000,
    chunkMs: null,
    jobMs: 2100,
    longestGapMs: 17,
    droppedFrames: 0,
    longTasks: 0,
    longTaskSource: 'longtask',
    mainLoopDelayMaxMs: 4,
    count: 100,
    ok: true,
    ...overrides,
  };
}

function trap(blocking: boolean, pollersDoneMs: number): AsyncTrapResult {
  return { blocking, sleepMs: 1000, tasks: [], pollersDoneMs };
}

describe('responsiveness slice', () => {
  it('adds one row per press, newest last, with the verdict computed from the numbers', () => {
    const store = createLabStore();
    const { jobStarted, jobMeasured } = store.getState();
    jobStarted('renderer-thread');
    expect(store.getState().responsiveness.active).toEqual({ kind: 'job', placement: 'renderer-thread' });
    jobMeasured(measured({ placement: 'renderer-thread', longestGapMs: 2034.5, mainLoopDelayMaxMs: null }));
    jobMeasured(measured({ placement: 'main-thread', longestGapMs: 16, mainLoopDelayMaxMs: 2003 }));
    jobMeasured(measured({ placement: 'main-thread-chunked', longestGapMs: 20, mainLoopDelayMaxMs: 160 }));
    jobMeasured(measured({ placement: 'worker-thread', longestGapMs: 18, mainLoopDelayMaxMs: 6 }));
    const rows = selectJobRows(store.getState());
    expect(rows.map((r) => [r.id, r.placement, r.verdict])).toEqual([
      [1, 'renderer-thread', 'froze'],
      [2, 'main-thread', 'froze'],
      [3, 'main-thread-chunked', 'stuttered'],
      [4, 'worker-thread', 'smooth'],
    ]);
    expect(store.getState().responsiveness.active).toBeNull();
  });

  it('validates the settings with the shared knob wording', () => {
    const store = createLabStore();
    expect(selectJobKnob(store.getState(), 'durationMs')).toBe(3000);
    expect(selectJobKnob(store.getState(), 'chunkMs')).toBe(10);
    store.getState().jobKnobEdited('durationMs', '50');
    expect(selectJobKnobError(store.getState(), 'durationMs')).toBe('must be an integer from 100 to 30000');
    expect(selectJobKnob(store.getState(), 'durationMs')).toBeNull();
    store.getState().jobKnobEdited('durationMs', '2,000');
    expect(selectJobKnob(store.getState(), 'durationMs')).toBe(2000);
  });

  it('allows one press at a time, never during a run, and only with valid settings', () => {
    const store = createLabStore();
    store.getState().connectionChanged('open');
    expect(selectJobBlocker(store.getState(), ['durationMs'])).toMatch(/Waiting/);
    store.getState().catalogLoaded(CATALOG);
    expect(selectJobBlocker(store.getState(), ['durationMs'])).toBeNull();
    store.getState().jobKnobEdited('chunkMs', '0');
    expect(selectJobBlocker(store.getState(), ['durationMs'])).toBeNull();
    expect(selectJobBlocker(store.getState(), ['durationMs', 'chunkMs'])).toMatch(/Fix the fields/);
    store.getState().jobStarted('web-worker');
    expect(selectJobBlocker(store.getState(), ['durationMs'])).toMatch(/one at a time/);
    store.getState().jobFailed('The job did not finish: busy');
    expect(store.getState().responsiveness.error).toBe('The job did not finish: busy');
    store.getState().runRequested(['threads']);
    expect(selectJobBlocker(store.getState(), ['durationMs'])).toMatch(/run is in progress/);
  });

  it('waits for a lesson like for a run, for every placement, and says why', () => {
    const store = createLabStore();
    const s = () => store.getState();
    s().connectionChanged('open');
    s().catalogLoaded(CATALOG);
    const deadlock = engineLessonRequest('deadlock', initialFormText().deadlock, 'threads');
    if (!deadlock.ok) throw new Error('defaults must be valid');
    s().engineLessonStarted(deadlock.value);
    // The same blocker answers the page's own placements (renderer thread, Web Worker) and the trap.
    expect(selectJobBlocker(s(), ['durationMs'])).toBe(
      'A lesson is running: cancel it or wait for it to finish.',
    );
    expect(selectJobBlocker(s(), ['sleepMs'])).toBe(
      'A lesson is running: cancel it or wait for it to finish.',
    );
    s().lessonRunShown(
      {
        lesson: 'deadlock',
        request: deadlock.value.request,
        result: { attempts: [] },
        runId: 'd1',
        startedAt: '2026-11-21T08:00:00.000Z',
      },
      'finished',
    );
    expect(selectJobBlocker(s(), ['durationMs'])).toBeNull();
  });

  it('keeps the last awaited and the last blocking async trap side by side', () => {
    const store = createLabStore();
    store.getState().trapStarted(false);
    store.getState().trapFinished(trap(false, 1008));
    store.getState().trapStarted(true);
    store.getState().trapFinished(trap(true, 1956));
    store.getState().trapFinished(trap(false, 1004));
    expect(store.getState().responsiveness.traps.awaited?.pollersDoneMs).toBe(1004);
    expect(store.getState().responsiveness.traps.blocking?.pollersDoneMs).toBe(1956);
  });

  it('states the chunked trade-off against the blocking job of the same size', () => {
    const store = createLabStore();
    const { jobMeasured } = store.getState();
    jobMeasured(measured({ placement: 'main-thread', jobMs: 2000, mainLoopDelayMaxMs: 1990 }));
    expect(chunkTradeOff(selectJobRows(store.getState()))).toBeNull();
    jobMeasured(measured({ placement: 'main-thread-chunked', chunkMs: 10, jobMs: 2300 }));
    const tradeOff = chunkTradeOff(selectJobRows(store.getState()));
    expect(tradeOff?.slowdown).toBeCloseTo(1.15);
    jobMeasured(measured({ placement: 'main-thread-chunked', durationMs: 5000, chunkMs: 10, jobMs: 5400 }));
    expect(chunkTradeOff(selectJobRows(store.getState()))).toBeNull();
  });
});
