import { describe, expect, it } from 'vitest';
import { TASK_TEXT_LIMIT } from '../../../shared/timeline';
import { describeError, describeOutput } from './output-text';

describe('describeOutput', () => {
  it('says plain values as they are', () => {
    expect(describeOutput(42)).toBe('42');
    expect(describeOutput(0.1 + 0.2)).toBe('0.3');
    expect(describeOutput('3:500')).toBe('"3:500"');
    expect(describeOutput(null)).toBe('null');
    expect(describeOutput(undefined)).toBe('undefined');
  });

  it('names the first fields of an object and how many more it has', () => {
    expect(describeOutput({ count: 9592 })).toBe('{ count: 9592 }');
    expect(describeOutput({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 })).toBe(
      '{ a: 1, b: 2, c: 3, d: 4, … 2 more }',
    );
  });

  it('gives big values by their size, never their contents', () => {
    expect(describeOutput({ inverse: new Float64Array(10_000), digest: 'ab12' })).toBe(
      '{ inverse: Float64Array(80000 bytes), digest: "ab12" }',
    );
    expect(describeOutput(new Array(5000).fill(0))).toBe('[5000 items]');
  });

  it('never passes the length limit', () => {
    const long = Object.fromEntries(
      Array.from({ length: 4 }, (_, i) => [`k${i}`.repeat(30), 'x'.repeat(100)]),
    );
    expect(describeOutput(long).length).toBeLessThanOrEqual(TASK_TEXT_LIMIT);
    expect(describeError('e'.repeat(1000)).length).toBe(TASK_TEXT_LIMIT);
  });
});
