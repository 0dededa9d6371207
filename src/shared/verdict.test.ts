import { describe, expect, it } from 'vitest';
import { formatSpeedup } from './format';
import type { ModelId } from './models';
import { verdict, type VerdictInput } from './verdict';

function ran(model: ModelId, wallMs: number, overrides: Partial<VerdictInput> = {}): VerdictInput {
  const sequentialMs = 1000;
  return {
    model,
    state: 'done',
    wallMs,
    speedup: sequentialMs / wallMs,
    check: { ok: true },
    total: 10,
    failed: 0,
    expectedFailures: 0,
    workers: 4,
    ...overrides,
  };
}

const sequential = ran('sequential', 1000, { workers: 1 });

describe('verdict', () => {
  it('says why the winner won, in its registry entry’s words, by the kind of work', () => {
    expect(verdict([sequential, ran('async', 100, { workers: null })], 'io', 2)).toBe(
      'async ran 10.0× faster than sequential: one thread overlapped 10 waits at once.',
    );
    expect(verdict([sequential, ran('processes', 250)], 'io', 2)).toBe(
      'processes ran 4.00× faster than sequential: 4 processes overlapped their waits.',
    );
    expect(verdict([sequential, ran('threads', 520)], 'cpu', 2)).toBe(
      'threads ran 1.92× faster than sequential: CPU-bound work spread over 2 cores.',
    );
    expect(verdict([sequential, ran('threads', 520)], 'cpu', 1)).toContain('over 1 core.');
  });

  it('rounds the speedup as the table does', () => {
    const threads = ran('threads', 1000 / 9.99);
    expect(verdict([sequential, threads], 'io', 2)).toContain(`ran ${formatSpeedup(threads.speedup)} faster`);
    expect(verdict([sequential, threads], 'io', 2)).toContain('ran 9.99× faster');
  });

  it('adds one remark on CPU work, for the model whose shortfall ranks first', () => {
    const both = [sequential, ran('async', 980), ran('threads', 520), ran('gil-threads', 990)];
    expect(verdict(both, 'cpu', 2)).toBe(
      'threads ran 1.92× faster than sequential: CPU-bound work spread over 2 cores; gil-threads reached only 1.01×: under the GIL one thread computes at a time.',
    );
    const asyncOnly = [sequential, ran('async', 980), ran('threads', 520)];
    expect(verdict(asyncOnly, 'cpu', 2)).toContain(
      '; async stayed at 1.02×: an event loop overlaps waiting, not computing.',
    );
    expect(verdict(both, 'io', 2)).not.toContain(';');
  });

  it('says when nothing beat the plain loop, and when there is no plain loop to compare with', () => {
    expect(verdict([sequential, ran('processes', 1500)], 'cpu', 2)).toBe(
      'No model beat the plain loop: per-task overhead outweighed what concurrency could overlap here.',
    );
    expect(
      verdict([ran('threads', 500, { speedup: null }), ran('processes', 1000, { speedup: null })], 'cpu', 2),
    ).toBe('threads was fastest, 2.00× ahead of processes (run sequential too to measure speedups).');
  });

  it('never ranks a wrong answer, and says so', () => {
    const wrong = ran('threads', 100, { check: { ok: false }, state: 'failed' });
    expect(verdict([sequential, wrong, ran('processes', 500)], 'cpu', 2)).toBe(
      'processes ran 2.00× faster than sequential: CPU-bound work spread over 2 cores. threads gave a wrong answer and is not ranked.',
    );
    expect(verdict([ran('async', 10, { state: 'cancelled' })], 'io', 2)).toBe(
      'Cancelled before any model finished cleanly.',
    );
  });
});

function model(overrides: Partial<VerdictInput> & Pick<VerdictInput, 'model'>): VerdictInput {
  return {
    state: 'done',
    wallMs: 1000,
    total: 12,
    failed: 0,
    expectedFailures: 0,
    check: { ok: true },
    speedup: null,
    workers: 2,
    ...overrides,
  };
}

describe('verdict on models that failed', () => {
  it('never crowns a model whose every task failed, and says what failed', () => {
    const text = verdict(
      [
        model({ model: 'sequential', wallMs: 4800, speedup: 1 }),
        model({ model: 'gil-threads', state: 'failed', wallMs: 2650, failed: 12, speedup: null }),
      ],
      'cpu',
      2,
    );
    expect(text).toBe(
      'Only sequential ran every task cleanly, so nothing is ranked. gil-threads failed 12 of 12 tasks and is not ranked.',
    );
  });

  it('ranks the clean model over a faster one that lost tasks', () => {
    const text = verdict(
      [
        model({ model: 'async', wallMs: 8000, total: 16 }),
        model({ model: 'threads', wallMs: 2000, total: 16 }),
        model({ model: 'processes', state: 'failed', wallMs: 1500, total: 16, failed: 5 }),
      ],
      'cpu',
      2,
    );
    expect(text).toMatch(/^threads was fastest/);
    expect(text).toContain('processes failed 5 of 16 tasks and is not ranked.');
  });

  it('says no model finished cleanly when none did', () => {
    const text = verdict(
      [
        model({ model: 'sequential', state: 'failed', failed: 1500, total: 1500 }),
        model({ model: 'async', state: 'failed', failed: 1500, total: 1500, wallMs: 10 }),
      ],
      'io',
      2,
    );
    expect(text).toMatch(/^No model finished cleanly\./);
    expect(text).toContain('async failed 1500 of 1500 tasks');
  });

  it('does not call a model alone "fastest"', () => {
    expect(verdict([model({ model: 'threads' })], 'cpu', 2)).toBe(
      'threads ran every task cleanly (run sequential too to measure its speedup).',
    );
  });

  it('measures Python models against py-sequential, and says how much slower CPython’s plain loop was than Node’s', () => {
    const pySequential = ran('py-sequential', 27_400, { speedup: 1, workers: 1 });
    const pyProcesses = ran('py-processes', 14_000, { speedup: 27_400 / 14_000, workers: 2 });
    const pyThreads = ran('py-threads', 27_900, { speedup: 27_400 / 27_900, workers: 6 });
    expect(verdict([sequential, ran('threads', 520), pySequential, pyThreads, pyProcesses], 'cpu', 2)).toBe(
      'threads ran 1.92× faster than sequential: CPU-bound work spread over 2 cores; py-threads reached only 0.98×: under the real GIL one Python thread computes at a time. CPython took 27.4× as long as Node.js on the same tasks (py-sequential vs sequential).',
    );
    expect(verdict([pySequential, pyThreads, pyProcesses], 'cpu', 2)).toBe(
      'py-processes ran 1.96× faster than py-sequential: CPU-bound Python spread over 2 cores, one GIL per process; py-threads reached only 0.98×: under the real GIL one Python thread computes at a time.',
    );
  });
});
