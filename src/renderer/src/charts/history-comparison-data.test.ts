import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../shared/compare-runs';
import type { RunView } from '../../../shared/views';
import { runView, summary } from '../test-support/fixtures';
import { comparisonChartData, comparisonRows, groupGaps, labelLines } from './history-comparison-data';

function withTasks(runId: string, tasks: number, startedAt: string, view: RunView = runView(runId)): RunView {
  return { ...view, run: { ...view.run, startedAt, params: { ...view.run.params, tasks } } };
}

function failedThreads(runId: string, startedAt: string): RunView {
  const view = withTasks(runId, 8, startedAt);
  const results = view.run.results.map((result) =>
    result.model === 'threads' ? summary('threads', { state: 'failed', wallMs: 5 }) : result,
  );
  return { ...view, run: { ...view.run, results } };
}

describe('comparison chart data', () => {
  const comparison = compareRuns(
    [withTasks('a', 4, '2025-01-01T10:00:00.000Z'), failedThreads('b', '2025-01-01T11:00:00.000Z')],
    { timeZone: 'utc' },
  );

  it('has one group per run, labelled by what tells the runs apart, and one dataset per model', () => {
    const data = comparisonChartData(comparison, 'totalMs');
    expect(data.labels).toEqual(['tasks=4', 'tasks=8']);
    expect(data.datasets.map((d) => d.model)).toEqual(['sequential', 'threads']);
    // Total time is plotted in seconds.
    expect(data.datasets[0]!.values).toEqual([2, 2]);
    expect(data.axis).toMatch(/total time \(s\)/);
    expect(data.description).toContain('across 2 runs');
  });

  it('leaves an excluded model as a gap (null) and says why', () => {
    const data = comparisonChartData(comparison, 'throughput');
    expect(data.datasets[1]!.values).toEqual([10, null]);
    expect(data.gaps).toEqual([{ model: 'threads', runLabel: 'tasks=8', reason: 'failed' }]);
  });

  it('writes the same numbers, and the gaps’ reasons, in the table rows', () => {
    const rows = comparisonRows(comparison, 'speedup');
    expect(rows.map((row) => row.label)).toEqual(['tasks=4', 'tasks=8']);
    expect(rows[0]!.cells.map((cell) => cell.text)).toEqual(['1.00×', '2.00×']);
    expect(rows[1]!.cells[1]).toEqual({ model: 'threads', text: '— (failed)', gap: true });
  });

  it('says "not in this run" for a model a run did not include', () => {
    const both = compareRuns([
      withTasks('a', 4, '2025-01-01T10:00:00.000Z'),
      withTasks('c', 8, '2025-01-01T12:00:00.000Z', runView('c', ['sequential'])),
    ]);
    expect(comparisonChartData(both, 'totalMs').gaps).toEqual([
      { model: 'threads', runLabel: 'tasks=8', reason: 'not in this run' },
    ]);
  });

  it('groups gaps by run and reason for the note', () => {
    const gaps = [
      { model: 'async' as const, runLabel: 'r2', reason: 'cancelled' },
      { model: 'threads' as const, runLabel: 'r1', reason: 'failed' },
      { model: 'processes' as const, runLabel: 'r2', reason: 'cancelled' },
    ];
    expect(groupGaps(gaps)).toEqual([
      { runLabel: 'r2', reason: 'cancelled', models: ['async', 'processes'] },
      { runLabel: 'r1', reason: 'failed', models: ['threads'] },
    ]);
  });

  it('breaks a long label into lines at its separators', () => {
    expect(labelLines('io-sleep · tasks=4, task-ms=200')).toEqual(['io-sleep', 'tasks=4', 'task-ms=200']);
  });
});
