import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDelay,
  formatDuration,
  formatMb,
  formatPercent,
  formatRate,
  formatShare,
  formatSpeedup,
} from './format';

describe('format', () => {
  it('words durations at a readable scale', () => {
    expect(formatDuration(0.25)).toBe('0.25 ms');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12.34)).toBe('12.3 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(20_040)).toBe('20.0 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('words rates, speedups and shares', () => {
    expect(formatRate(19.89)).toBe('19.9/s');
    expect(formatRate(12_345)).toBe('12,345/s');
    expect(formatSpeedup(1.957)).toBe('1.96×');
    expect(formatSpeedup(null)).toBe('—');
    expect(formatShare(0.456)).toBe('46%');
    expect(formatShare(null)).toBe('—');
    expect(formatPercent(99.6)).toBe('100%');
  });

  it('words counts, sizes and delays', () => {
    expect(formatCount(100000)).toBe('100,000');
    expect(formatMb(1234.4)).toBe('1,234 MB');
    expect(formatDelay(3.25)).toBe('3.3 ms');
    expect(formatDelay(48.2)).toBe('48 ms');
  });
});
