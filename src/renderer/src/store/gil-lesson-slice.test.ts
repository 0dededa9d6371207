import { describe, expect, it } from 'vitest';
import { runView, snapshot, summary } from '../test-support/fixtures';
import {
  COMPARISONS,
  gilLaneRows,
  selectComparisonRequest,
  selectGilThreadsAhead,
  selectGilThreadsRunning,
  selectSwitchIntervalError,
  speedupsOf,
} from './gil-lesson-slice';
import { createLabStore } from './lab-store';

function comparisonView(runId: string, scenario: 'cpu-primes' | 'io-sleep', threads: number, gil: number) {
  const view = runView(runId, ['sequential', 'threads', 'gil-threads']);
  return {
    ...view,
    run: {
      ...view.run,
      scenario,
      results: [
        summary('sequential', { speedup: 1 }),
        summary('threads', { speedup: threads }),
        summary('gil-threads', { speedup: gil }),
      ],
    },
  };
}

describe('GIL lesson slice', () => {
  it('takes the speedups of threads and gil-threads from a finished run', () => {
    expect(speedupsOf(comparisonView('r1', 'cpu-primes', 1.93, 0.97))).toEqual({
      runId: 'r1',
      threads: 1.93,
      gilThreads: 0.97,
    });
  });

  it('reports no speedup for a model that failed, was cancelled or gave a wrong answer', () => {
    const view = comparisonView('r1', 'cpu-primes', 1.9, 0.9);
    const results = [
      summary('sequential'),
      summary('threads', { speedup: 1.9, check: { ok: false, answer: '1 prime' } }),
      summary('gil-threads', { speedup: 0.9, state: 'cancelled' }),
    ];
    expect(speedupsOf({ ...view, run: { ...view.run, results } })).toMatchObject({
      threads: null,
      gilThreads: null,
    });
  });

  it('keeps the speedups of the comparison it started, by kind, and ignores other runs', () => {
    const store = createLabStore();
    const s = () => store.getState();
    s().comparisonRequested('cpu');
    s().comparisonStarted('cpu-run');
    s().comparisonSettled(comparisonView('someone-elses-run', 'cpu-primes', 5, 5));
    expect(s().gilLesson.speedups.cpu).toBeNull();
    s().comparisonSettled(comparisonView('cpu-run', 'cpu-primes', 1.9, 0.9));
    expect(s().gilLesson.speedups.cpu).toMatchObject({ threads: 1.9, gilThreads: 0.9 });
    expect(s().gilLesson.pending).toBeNull();
    s().comparisonRequested('io');
    s().comparisonStarted('io-run');
    s().comparisonSettled(comparisonView('io-run', 'io-sleep', 7.8, 7.7));
    expect(s().gilLesson.speedups).toMatchObject({
      cpu: { threads: 1.9 },
      io: { threads: 7.8, gilThreads: 7.7 },
    });
  });

  it('builds each comparison request with the typed switch interval', () => {
    const store = createLabStore();
    expect(selectComparisonRequest(store.getState(), 'cpu')).toEqual({
      scenario: 'cpu-primes',
      params: { tasks: 4, taskMs: 400 },
      models: ['sequential', 'threads', 'gil-threads'],
      pool: { threads: COMPARISONS.cpu.threads, switchIntervalMs: 5 },
    });
    store.getState().switchIntervalEdited('0.5');
    expect(selectComparisonRequest(store.getState(), 'io')?.pool).toEqual({
      threads: COMPARISONS.io.threads,
      switchIntervalMs: 0.5,
    });
    store.getState().switchIntervalEdited('0');
    expect(selectSwitchIntervalError(store.getState())).toBe('must be a number from 0.1 to 1000');
    expect(selectComparisonRequest(store.getState(), 'io')).toBeNull();
  });

  it('knows when gil-threads runs now, and when it is still ahead in the live run', () => {
    const store = createLabStore();
    const s = () => store.getState();
    s().runRequested(['sequential', 'gil-threads']);
    s().runStarted('r1');
    s().runProgressed({ runId: 'r1', kind: 'snapshot', snapshot: snapshot('sequential') });
    expect(selectGilThreadsRunning(s())).toBe(false);
    expect(selectGilThreadsAhead(s())).toBe(true);
    s().runProgressed({ runId: 'r1', kind: 'snapshot', snapshot: snapshot('gil-threads') });
    expect(selectGilThreadsRunning(s())).toBe(true);
    expect(selectGilThreadsAhead(s())).toBe(false);
  });

  it('labels the per-lane GIL table with the lanes’ names', () => {
    const rows = gilLaneRows(
      {
        switchIntervalMs: 5,
        holdMs: 1700,
        waitMs: 1650,
        switches: 318,
        lanes: [
          { lane: 0, holdMs: 868, waitMs: 851, switches: 159 },
          { lane: 1, holdMs: 902, waitMs: 843, switches: 159 },
        ],
      },
      [{ index: 0, label: 'thread 1' }],
    );
    expect(rows.map((r) => [r.label, r.holdMs, r.waitMs, r.switches])).toEqual([
      ['thread 1', 868, 851, 159],
      ['lane 2', 902, 843, 159],
    ]);
  });
});
