import { describe, expect, it } from 'vitest';
import {
  errorMessage,
  formatBytes,
  formatCoarseDuration,
  formatCount,
  formatDelay,
  formatDuration,
  formatMb,
  formatPercent,
  formatRate,
  formatSeconds,
  formatShare,
  formatSpeedup,
  formatSpeedupApprox,
  reportMs,
  reportSeconds,
  reportShare,
  reportSpeedup,
  reportThroughput,
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
    expect(formatCoarseDuration(82.4)).toBe('82 ms');
    expect(formatCoarseDuration(1500)).toBe('1.50 s');
    expect(formatSeconds(1549)).toBe('1.5 s');
    expect(formatSeconds(12_040)).toBe('12.0 s');
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

  it('rounds a speedup once: the verdict and the table read the same number', () => {
    expect(formatSpeedup(9.99)).toBe('9.99×');
    expect(formatSpeedup(10.04)).toBe('10.0×');
    expect(formatSpeedup(123.4)).toBe('123×');
    expect(formatSpeedupApprox(3)).toBe('3.0×');
    expect(formatSpeedupApprox(9.96)).toBe('10×');
    expect(formatSpeedupApprox(12.4)).toBe('12×');
  });

  it('words every percentage by one rule: whole from 10%, a decimal below, never 0% for something', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.01)).toBe('<0.1%');
    expect(formatPercent(0.3)).toBe('0.3%');
    expect(formatPercent(5)).toBe('5.0%');
    expect(formatPercent(9.96)).toBe('10%');
    expect(formatPercent(43.4)).toBe('43%');
    expect(formatShare(0.003)).toBe('0.3%');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('words counts, sizes and delays', () => {
    expect(formatCount(100000)).toBe('100,000');
    expect(formatCount(12345678901234567890n)).toBe('12,345,678,901,234,567,890');
    expect(formatMb(1234.4)).toBe('1,234 MB');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(64 * 1024)).toBe('64 KB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(16 * 1024 * 1024)).toBe('16 MB');
    expect(formatDelay(3.25)).toBe('3.3 ms');
    expect(formatDelay(48.2)).toBe('48 ms');
  });

  it('words plain-text report cells with fixed decimals', () => {
    expect(reportSeconds(2013.4)).toBe('2.013');
    expect(reportSpeedup(4.981)).toBe('4.98x');
    expect(reportSpeedup(null)).toBe('-');
    expect(reportThroughput(4.973)).toBe('4.97');
    expect(reportThroughput(1234.5)).toBe('1235');
    expect(reportMs(3.214)).toBe('3.21');
    expect(reportMs(48.25)).toBe('48.3');
    expect(reportShare(0.97)).toBe('97%');
    expect(reportShare(null)).toBe('-');
  });

  it('gives the message of anything thrown', () => {
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
  });
});
