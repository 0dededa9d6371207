import { describe, expect, it } from 'vitest';
import {
  everyModelClean,
  failureOf,
  fastestOf,
  finalState,
  isRankable,
  speedupsOf,
  type RankingInput,
} from './ranking';

function model(overrides: Partial<RankingInput> & Pick<RankingInput, 'model'>): RankingInput {
  return {
    state: 'done',
    wallMs: 1000,
    total: 12,
    failed: 0,
    expectedFailures: 0,
    check: { ok: true },
    ...overrides,
  };
}

describe('the ranking rule', () => {
  it('ranks a model that ran every task cleanly with a right answer', () => {
    expect(isRankable(model({ model: 'threads' }))).toBe(true);
    expect(failureOf(model({ model: 'threads' }))).toBeNull();
  });

  it('never ranks a model that failed a task, however fast', () => {
    const failed = model({ model: 'gil-threads', failed: 12, wallMs: 10 });
    expect(isRankable(failed)).toBe(false);
    expect(failureOf(failed)).toBe('failed 12 of 12 tasks');
    expect(finalState(failed)).toBe('failed');
  });

  it('ranks a model whose only failures were planned by the scenario (injected server errors)', () => {
    const injected = model({ model: 'async', failed: 3, expectedFailures: 3 });
    expect(isRankable(injected)).toBe(true);
    expect(finalState(injected)).toBe('done');
    expect(failureOf(model({ model: 'async', failed: 4, expectedFailures: 3 }))).toBe('failed 1 of 12 tasks');
  });

  it('never ranks a wrong answer, a model that failed as a whole, or a cancelled one', () => {
    expect(failureOf(model({ model: 'threads', check: { ok: false } }))).toBe('gave a wrong answer');
    expect(failureOf(model({ model: 'processes', state: 'failed' }))).toBe('failed');
    const cancelled = model({ model: 'async', state: 'cancelled' });
    expect(isRankable(cancelled)).toBe(false);
    expect(failureOf(cancelled)).toBeNull();
    expect(finalState(cancelled)).toBe('cancelled');
  });

  it('judges a run saved before planned failures were recorded by its state alone', () => {
    const old = model({ model: 'async', failed: 3, expectedFailures: undefined });
    expect(isRankable(old)).toBe(true);
  });
});

describe('fastest and speedups', () => {
  const sequential = model({ model: 'sequential', wallMs: 4000 });
  const threads = model({ model: 'threads', wallMs: 2000 });
  const processes = model({ model: 'processes', wallMs: 1500, failed: 5, total: 16 });

  it('makes the fastest clean model fastest, passing over a faster one that failed tasks', () => {
    expect(fastestOf([sequential, threads, processes])?.model).toBe('threads');
  });

  it('names no fastest unless two models are clean', () => {
    expect(fastestOf([threads])).toBeUndefined();
    expect(fastestOf([threads, processes])).toBeUndefined();
    expect(fastestOf([processes, model({ model: 'async', check: { ok: false } })])).toBeUndefined();
  });

  it('gives speedups over a clean sequential to clean models only', () => {
    expect(speedupsOf([sequential, threads, processes])).toEqual([1, 2, null]);
  });

  it('gives no speedups when sequential itself failed a task', () => {
    expect(speedupsOf([{ ...sequential, failed: 1 }, threads])).toEqual([null, null]);
  });

  it('calls a run clean only when every model is rankable', () => {
    expect(everyModelClean([sequential, threads])).toBe(true);
    expect(everyModelClean([sequential, processes])).toBe(false);
    expect(everyModelClean([])).toBe(false);
  });
});
