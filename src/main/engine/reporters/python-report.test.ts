/** What a CPython model measured reaches the JSON and Markdown exports, rounded, with how each figure was measured. */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../shared/results';
import { THREADS_UNDER_GIL } from '../../../shared/python-run.test-support';
import { sampleRun } from './fixtures.test-support';
import { toJsonReport } from './json';
import { formatMarkdown } from './markdown';

/** The sample run with its threads row standing in for a py-threads run. */
function withPython(): RunResult {
  const run = sampleRun();
  return {
    ...run,
    results: run.results.map((r) =>
      r.model === 'threads' ? { ...r, model: 'py-threads' as const, python: THREADS_UNDER_GIL } : r,
    ),
  };
}

describe('a CPython model in the exports', () => {
  it('carries its GIL costs and clock alignment in the JSON, rounded to microseconds', () => {
    const report = toJsonReport(withPython());
    const pyThreads = report.results.find((r) => r.model === 'py-threads')!;
    expect(pyThreads.python).toMatchObject({
      interpreter: 'CPython 3.11.7, GIL',
      cpuSource: 'time.thread_time',
      clock: { offsetMs: 1_765_000_000_123.456, uncertaintyMs: 0.021, pings: 10 },
      wakeProbe: { lateP50Ms: 4.9, samples: 300 },
    });
    expect(report.results.find((r) => r.model === 'sequential')!.python).toBeUndefined();
  });

  it('has a CPython section in the Markdown: each figure with how it was measured, and each thread', () => {
    const markdown = formatMarkdown(withPython());
    expect(markdown).toContain('### CPython: py-threads (CPython 3.11.7, GIL)');
    expect(markdown).toContain(
      '| CPU while busy | 50% (thread 1 51%, thread 2 49%) | CPU time each thread got (time.thread_time)',
    );
    expect(markdown).toContain('| 1 ms sleep woke late by | p50 4.9 ms, p95 5.2 ms, max 9.8 ms');
    expect(markdown).toContain('| Thread | Tasks | Busy (ms) | CPU (ms) |');
    expect(markdown).toContain('| thread 1 | 2 | 2000.0 | 1020.0 |');
  });
});
