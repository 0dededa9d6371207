import { describe, expect, it } from 'vitest';
import { CATALOG, runView, snapshot, summary } from '../test-support/fixtures';
import {
  COMPARISONS,
  gilLaneRows,
  selectComparisonRequest,
  selectGilModelAhead,
  selectGilModelRunning,
  selectGilSpeedups,
  selectPythonAvailability,
  selectSimulationClaim,
  selectSwitchIntervalError,
  speedupsOf,
} from './gil-lesson-slice';
import type { RunView } from '../../../shared/views';
import { createLabStore } from './lab-store';

function comparisonView(
  runId: string,
  scenario: 'cpu-primes' | 'io-sleep',
  threads: number,
  gil: number,
): RunView {
  const view = runView(runId, ['sequential', 'threads', 'gil-threads']);
  return {
    ...view,
    run: {
      ...view.run,
      scenario,
      origin: scenario === 'cpu-primes' ? 'gil-cpu' : 'gil-io',
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
      pyThreads: null,
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

  it('reads the speedups of each comparison’s last run, by kind, and nothing from other views’ runs', () => {
    const store = createLabStore();
    const s = () => store.getState();
    const finish = (view: RunView) => {
      s().runRequested(['sequential', 'threads', 'gil-threads'], {
        scenario: view.run.scenario,
        params: {},
        models: [],
        pool: {},
        ...(view.run.origin ? { origin: view.run.origin } : {}),
      });
      s().runStarted(view.run.runId);
      s().runFinished(view);
    };
    finish({
      ...comparisonView('race-run', 'cpu-primes', 5, 5),
      run: { ...comparisonView('race-run', 'cpu-primes', 5, 5).run, origin: 'race' },
    });
    expect(selectGilSpeedups(s()).cpu).toBeNull();
    finish(comparisonView('cpu-run', 'cpu-primes', 1.9, 0.9));
    expect(selectGilSpeedups(s()).cpu).toMatchObject({ threads: 1.9, gilThreads: 0.9 });
    finish(comparisonView('io-run', 'io-sleep', 7.8, 7.7));
    expect(selectGilSpeedups(s())).toMatchObject({
      cpu: { threads: 1.9 },
      io: { threads: 7.8, gilThreads: 7.7 },
    });
  });

  it('gets the speedups back after a reload, from the history’s newest comparisons', () => {
    const store = createLabStore();
    store.getState().runsRestored([comparisonView('old-io', 'io-sleep', 7, 6.9)]);
    expect(selectGilSpeedups(store.getState())).toMatchObject({ cpu: null, io: { runId: 'old-io' } });
  });

  it('builds each comparison request with the typed switch interval', () => {
    const store = createLabStore();
    expect(selectComparisonRequest(store.getState(), 'cpu')).toEqual({
      scenario: 'cpu-primes',
      params: { tasks: 4, taskMs: 400 },
      models: ['sequential', 'threads', 'gil-threads'],
      pool: { threads: COMPARISONS.cpu.threads, switchIntervalMs: 5 },
      origin: 'gil-cpu',
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

  it('runs real CPython beside the simulation where an interpreter is found, smaller CPU tasks, unless left out', () => {
    const store = createLabStore();
    const s = () => store.getState();
    s().catalogLoaded(CATALOG);
    expect(selectPythonAvailability(s())).toEqual({ available: true, reason: null });
    expect(selectComparisonRequest(s(), 'cpu')).toEqual({
      scenario: 'cpu-primes',
      params: { tasks: 4, taskMs: 100 },
      models: ['sequential', 'threads', 'gil-threads', 'py-sequential', 'py-threads'],
      pool: { threads: 2, switchIntervalMs: 5 },
      origin: 'gil-cpu',
    });
    expect(selectComparisonRequest(s(), 'io')?.params).toEqual({ tasks: 8, taskMs: 300 });
    s().pythonToggled(false);
    expect(selectComparisonRequest(s(), 'cpu')?.models).toEqual(['sequential', 'threads', 'gil-threads']);
    expect(selectComparisonRequest(s(), 'cpu')?.params).toEqual({ tasks: 4, taskMs: 400 });
  });

  it('says why CPython cannot run beside it, and runs the simulation alone', () => {
    const store = createLabStore();
    const reason = 'no usable Python: python3 not found; python not found';
    store.getState().catalogLoaded({
      ...CATALOG,
      models: CATALOG.models.map((m) =>
        m.family.id === 'cpython' ? { ...m, availability: { available: false as const, reason } } : m,
      ),
    });
    expect(selectPythonAvailability(store.getState())).toEqual({ available: false, reason });
    expect(selectComparisonRequest(store.getState(), 'cpu')?.models).toEqual([
      'sequential',
      'threads',
      'gil-threads',
    ]);
  });

  it('checks the simulation against CPython once both comparisons ran with both', () => {
    const store = createLabStore();
    const s = () => store.getState();
    expect(selectSimulationClaim(s()).holds).toBeNull();
    const withPy = (runId: string, scenario: 'cpu-primes' | 'io-sleep', gil: number, py: number): RunView => {
      const view = comparisonView(runId, scenario, 1.9, gil);
      return {
        ...view,
        run: { ...view.run, results: [...view.run.results, summary('py-threads', { speedup: py })] },
      };
    };
    const finish = (view: RunView) => {
      const kind = view.run.scenario === 'cpu-primes' ? 'cpu' : 'io';
      s().runRequested(
        view.run.results.map((r) => r.model),
        selectComparisonRequest(s(), kind)!,
      );
      s().runStarted(view.run.runId);
      s().runFinished(view);
    };
    finish(withPy('c', 'cpu-primes', 0.97, 0.92));
    expect(selectSimulationClaim(s()).holds).toBeNull();
    finish(withPy('i', 'io-sleep', 7.6, 7.8));
    expect(selectSimulationClaim(s())).toMatchObject({
      holds: true,
      evidence:
        'CPU: gil-threads 0.97×, py-threads 0.92×, 0.05 apart; I/O: gil-threads 7.60×, py-threads 7.80× with 8 threads',
    });
    finish(withPy('c2', 'cpu-primes', 0.97, 0.6));
    expect(selectSimulationClaim(s())).toMatchObject({ holds: false, timed: true });
    expect(selectSimulationClaim(s()).cause).toBeTruthy();
  });

  it('knows when the lesson’s gil-threads runs now, and when it is still ahead in its live run', () => {
    const store = createLabStore();
    const s = () => store.getState();
    const request = selectComparisonRequest(s(), 'cpu')!;
    s().runRequested(['sequential', 'gil-threads'], request);
    s().runStarted('r1');
    s().runProgressed({ runId: 'r1', kind: 'snapshot', snapshot: snapshot('sequential') });
    expect(selectGilModelRunning(s())).toBe(false);
    expect(selectGilModelAhead(s())).toBe(true);
    s().runProgressed({ runId: 'r1', kind: 'snapshot', snapshot: snapshot('gil-threads') });
    expect(selectGilModelRunning(s())).toBe(true);
    expect(selectGilModelAhead(s())).toBe(false);
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

describe('GIL lesson: the live switch interval reaches only the lesson’s own run', () => {
  it('does not send it to a Race run’s gil-threads', () => {
    const store = createLabStore();
    const s = () => store.getState();
    s().runRequested(['gil-threads'], {
      scenario: 'cpu-primes',
      params: {},
      models: ['gil-threads'],
      pool: {},
      origin: 'race',
    });
    s().runStarted('r1');
    s().runProgressed({ runId: 'r1', kind: 'snapshot', snapshot: snapshot('gil-threads') });
    expect(selectGilModelRunning(s())).toBe(false);
    expect(selectGilModelAhead(s())).toBe(false);
  });
});
