import { describe, expect, it } from 'vitest';
import { summary } from '../../test-support/fixtures';
import { answerSummary, fastestModel, resultRows } from './results-rows';

describe('resultRows', () => {
  it('words every cell and marks the fastest clean model', () => {
    const rows = resultRows([
      summary('sequential', { wallMs: 2000, speedup: 1, throughput: 5 }),
      summary('threads', {
        wallMs: 400,
        speedup: 5,
        throughput: 25,
        cpuUtilization: 0.91,
        notes: ['6 worker threads'],
      }),
    ]);
    expect(rows[1]).toEqual({
      model: 'threads',
      state: 'done',
      fastest: true,
      totalTime: '400 ms',
      speedup: '5.00×',
      throughput: '25.0/s',
      p95: '210 ms',
      cpu: '91%',
      notes: '6 worker threads',
    });
    expect(rows[0]?.fastest).toBe(false);
  });

  it('crowns no model while others are still running', () => {
    expect(
      resultRows([summary('sequential'), summary('async', { wallMs: 10 })], false).some((r) => r.fastest),
    ).toBe(false);
  });

  it('never crowns a wrong answer, and says why in the notes', () => {
    const results = [
      summary('sequential', { wallMs: 2000 }),
      summary('async', {
        wallMs: 10,
        check: { ok: false, answer: '9 tokens', problem: 'differs from sequential' },
      }),
      summary('threads', { wallMs: 1500 }),
    ];
    expect(fastestModel(results)).toBe('threads');
    // Beating only a wrong answer is not winning.
    expect(fastestModel(results.slice(0, 2))).toBeUndefined();
    expect(resultRows(results)[1]?.notes).toMatch(/^wrong answer: differs from sequential/);
  });

  it('notes cancelled models and failed tasks', () => {
    const [row] = resultRows([summary('processes', { state: 'cancelled', failed: 2, speedup: null })]);
    expect(row?.notes).toMatch(/^cancelled; 2 of 10 tasks failed/);
    expect(row?.speedup).toBe('—');
    expect(row?.fastest).toBe(false);
  });

  it('shows dashes, not zeros, for a model stopped before any task settled, and says "cancelled" once', () => {
    const [row] = resultRows([
      summary('threads', {
        state: 'cancelled',
        completed: 0,
        wallMs: 0,
        throughput: 0,
        speedup: null,
        notes: ['cancelled after 0 of 10 tasks', 'not started'],
      }),
    ]);
    expect(row).toMatchObject({ totalTime: '—', throughput: '—', p95: '—', cpu: '—' });
    expect(row?.notes).toBe('cancelled after 0 of 10 tasks; not started');
  });
});

describe('answerSummary', () => {
  it('says every model agrees on the checked answer', () => {
    expect(answerSummary([summary('sequential'), summary('threads')])).toEqual({
      ok: true,
      text: '10 tokens: checked, and every model agrees.',
    });
  });

  it('names the models checked so far while the run goes on', () => {
    expect(answerSummary([summary('sequential'), summary('async')], false).text).toBe(
      '10 tokens: checked, and sequential, async agree.',
    );
  });

  it('names the models that were wrong', () => {
    const result = answerSummary([
      summary('sequential'),
      summary('async', { check: { ok: false, answer: '9', problem: 'differs' } }),
    ]);
    expect(result).toEqual({ ok: false, text: 'async gave a wrong answer (differs)' });
  });

  it('names the only model checked', () => {
    expect(
      answerSummary([summary('sequential'), summary('async', { check: { ok: null, answer: 'not run' } })]),
    ).toEqual({
      ok: true,
      text: '10 tokens: checked (sequential only).',
    });
  });

  it('says when nothing was checked', () => {
    expect(answerSummary([summary('sequential', { check: { ok: null, answer: 'not run' } })]).ok).toBeNull();
  });
});
