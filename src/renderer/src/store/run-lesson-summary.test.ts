import { describe, expect, it } from 'vitest';
import { runLessonSummary, scenarioSettingsText } from './run-lesson-summary';

describe('runLessonSummary', () => {
  it('says what a run lesson runs: its knobs as the form names them, then its models', () => {
    expect(
      runLessonSummary('ten-files-io', {
        scenario: 'io-sleep',
        params: { tasks: 10, taskMs: 500 },
        models: ['sequential', 'async', 'threads', 'processes'],
        pool: {},
      }),
    ).toBe('Tasks 10 · Task time 500 ms · on sequential, async, threads, processes');
  });

  it('says what an empty pool knob means', () => {
    expect(
      runLessonSummary('http-requests', {
        scenario: 'http-requests',
        params: { tasks: 200, latencyMs: 20 },
        models: ['sequential', 'async'],
        pool: {},
      }),
    ).toBe('Tasks 200 · Server latency 20 ms · Async concurrency unlimited · on sequential, async');
  });
});

describe('scenarioSettingsText', () => {
  it('names a run’s knobs by their labels, with units', () => {
    expect(scenarioSettingsText('cpu-primes', { tasks: 8, taskMs: 300 })).toBe('Tasks 8 · Task time 300 ms');
  });
});
