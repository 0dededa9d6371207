import { describe, expect, it } from 'vitest';
import { verdict, type VerdictInput } from './verdict';

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

describe('verdict', () => {
  it('names the winner and its speedup when every model ran cleanly', () => {
    const text = verdict(
      [
        model({ model: 'sequential', wallMs: 4000, speedup: 1 }),
        model({ model: 'threads', wallMs: 2100, speedup: 1.9 }),
      ],
      'cpu',
      2,
    );
    expect(text).toBe('threads ran 1.9× faster than sequential: CPU-bound work spread over 2 cores.');
  });

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
      'threads ran every task cleanly (race other models to compare).',
    );
  });
});
