import { describe, expect, it } from 'vitest';
import { sampleRun } from '../reporters/fixtures.test-support';
import { compareRuns } from '../../../shared/compare-runs';
import { sampleStoredRun, storedRun } from './history-fixtures.test-support';

const utc = { timeZone: 'utc' } as const;
const pool = {
  threads: 6,
  processes: 2,
  concurrency: null,
  switchIntervalMs: 5,
  taskTimeoutMs: null,
  workers: 2,
};

describe('compareRuns', () => {
  it('puts runs oldest first, labelled by the setting that differs, with one series per model', () => {
    const slow = sampleStoredRun('slow', 5, { params: { tasks: 6, taskMs: 500 } }).view;
    const fast = sampleStoredRun('fast', 0).view;
    const comparison = compareRuns([slow, fast], utc);

    expect(comparison.title).toBe('cpu-wordcount · tasks=6');
    expect(comparison.labels).toEqual(['task-ms=100', 'task-ms=500']);
    expect(comparison.runs.map((run) => run.runId)).toEqual(['fast', 'slow']);
    expect(comparison.runs[0]!.description).toBe(
      'cpu-wordcount · tasks=6, task-ms=100 · 2025-11-21 09:00:00 UTC',
    );
    expect(comparison.series.map((s) => s.model)).toEqual([
      'sequential',
      'async',
      'threads',
      'gil-threads',
      'processes',
    ]);

    const threads = comparison.series.find((s) => s.model === 'threads')!;
    const measured = fast.run.results.find((r) => r.model === 'threads')!;
    expect(threads.totalMs[0]).toBe(measured.wallMs);
    expect(threads.speedup[0]).toBe(measured.speedup);
    expect(threads.throughput[0]).toBe(measured.throughput);
    expect(threads.totalMs).toHaveLength(2);
  });

  it('tells repeated runs of the same settings apart by start time, and compares each run once', () => {
    const first = sampleStoredRun('first', 0).view;
    const again = sampleStoredRun('again', 61).view;
    const comparison = compareRuns([again, first, again], utc);
    expect(comparison.labels).toEqual(['2025-11-21 09:00:00 UTC', '2025-11-21 10:01:00 UTC']);
    expect(comparison.title).toBe('cpu-wordcount · tasks=6, task-ms=100');
  });

  it('names the scenario when the runs are of different scenarios', () => {
    const words = sampleStoredRun('words', 0).view;
    const primes = sampleStoredRun('primes', 1, {
      scenario: 'cpu-primes',
      params: { tasks: 6, taskMs: 100 },
    }).view;
    const comparison = compareRuns([words, primes], utc);
    expect(comparison.labels).toEqual(['cpu-wordcount', 'cpu-primes']);
    expect(comparison.title).toBe('');
  });

  it('names pool settings that differ, in the CLI spelling', () => {
    const six = sampleStoredRun('six', 0).view;
    const two = sampleStoredRun('two', 1, { pool: { ...pool, threads: 2, concurrency: 10 } }).view;
    const comparison = compareRuns([six, two], utc);
    expect(comparison.labels).toEqual(['threads=6, concurrency=unlimited', 'threads=2, concurrency=10']);
    expect(comparison.runs[1]!.description).toContain('tasks=6, task-ms=100, threads=2, concurrency=10');
  });

  it('adds the start time, then a counter, when labels would still repeat', () => {
    const a = sampleStoredRun('a', 0).view;
    const b = sampleStoredRun('b', 0).view;
    const c = sampleStoredRun('c', 1, { params: { tasks: 6, taskMs: 50 } }).view;
    expect(compareRuns([a, b, c], utc).labels).toEqual([
      'task-ms=100 · 2025-11-21 09:00:00 UTC',
      'task-ms=100 · 2025-11-21 09:00:00 UTC (2)',
      'task-ms=50',
    ]);
  });

  it('gives no bars to a wrong answer, a cancelled model or a model that did not run', () => {
    const wrong = storedRun({ ...sampleRun({ wrongAnswer: true }), runId: 'wrong' }).view;
    const partial = storedRun({ ...sampleRun({ cancelled: true }), runId: 'partial' }).view;
    const noAsync = {
      ...sampleStoredRun('no-async', 9).view,
      run: {
        ...sampleStoredRun('no-async', 9).view.run,
        results: wrong.run.results.filter((r) => r.model !== 'async'),
      },
    };
    const comparison = compareRuns([wrong, partial, noAsync], utc);
    const [wrongRun, partialRun] = comparison.runs.filter((run) => run.runId !== 'no-async');
    expect(wrongRun!.models.find((m) => m.model === 'threads')).toEqual({
      model: 'threads',
      totalMs: null,
      speedup: null,
      throughput: null,
      excluded: 'gave a wrong answer',
    });
    expect(partialRun!.models.find((m) => m.model === 'processes')?.excluded).toBe('cancelled');
    const asyncSeries = comparison.series.find((s) => s.model === 'async')!;
    expect(asyncSeries.totalMs.at(-1)).toBeNull();
    expect(comparison.runs.at(-1)!.runId).toBe('no-async');
  });

  it('compares nothing to an empty chart', () => {
    expect(compareRuns([])).toEqual({ title: '', runs: [], labels: [], series: [] });
  });
});
