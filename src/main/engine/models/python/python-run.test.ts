/**
 * The CPython models in whole runs, as the CLI and the app run them: beside the Node models, with a
 * forecast before they start, measured against py-sequential, their GIL statistics in the result,
 * and cancelling that leaves no Python process behind.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { epochNow } from '../../../../shared/clock';
import type { RunForecast } from '../../../../shared/forecast';
import type { ModelResult } from '../../../../shared/results';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { runScenario, type EngineOptions } from '../../run/run-session';
import { forkSpawner } from '../process-spawner';

const engine: EngineOptions = { hostScripts: builtHostScripts(), spawner: forkSpawner };

/** Python processes running the lab's harness (the harness and its multiprocessing workers). */
function harnessProcesses(): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,stat=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(
      ([, stat, ...args]) =>
        !stat?.startsWith('Z') && args.some((arg) => arg.endsWith('resources/python/harness.py')),
    )
    .map(([pid]) => Number(pid));
}

const byModel = (results: readonly ModelResult[], model: string): ModelResult =>
  results.find((r) => r.model === model)!;

describe('a race with CPython models', () => {
  it('runs them beside the Node models on the same tasks, with checked answers, Python lanes and GIL statistics', async () => {
    const forecasts: RunForecast[] = [];
    const run = await runScenario(
      {
        scenario: 'cpu-primes',
        params: { tasks: 3, taskMs: 4 },
        models: ['sequential', 'gil-threads', 'py-sequential', 'py-threads', 'py-processes', 'py-asyncio'],
        pool: { threads: 2, processes: 2 },
      },
      engine,
      { onForecast: (forecast) => forecasts.push(forecast) },
    );
    expect(run.state).toBe('done');
    for (const result of run.results) {
      expect(result.state, `${result.model}: ${result.notes.join('; ')}`).toBe('done');
      expect(result.check.ok, result.model).toBe(true);
    }
    expect(new Set(run.results.map((r) => r.check.answer)).size).toBe(1);

    const pySequential = byModel(run.results, 'py-sequential');
    const pyThreads = byModel(run.results, 'py-threads');
    const pyProcesses = byModel(run.results, 'py-processes');
    expect(pySequential.speedup).toBe(1);
    expect(pyThreads.speedup).toBe(pySequential.wallMs / pyThreads.wallMs);
    expect(pyThreads.lanes.map((lane) => lane.label)).toEqual(['thread 1', 'thread 2']);
    expect(pyProcesses.lanes.map((lane) => lane.label)).toEqual([
      expect.stringMatching(/^process pid \d+$/),
      expect.stringMatching(/^process pid \d+$/),
    ]);
    expect(byModel(run.results, 'sequential').python).toBeUndefined();
    for (const result of [pySequential, pyThreads, pyProcesses]) {
      const python = result.python!;
      expect(python.interpreter).toMatch(/^CPython 3\.\d+\.\d+, GIL$/);
      expect(python.switchIntervalMs).toBe(5);
      expect(python.lanes.reduce((sum, lane) => sum + lane.tasks, 0)).toBe(3);
      expect(python.wakeProbe.samples).toBeGreaterThan(0);
      // Every task, on the lab's clock, lies within the model's run: the alignment holds within its uncertainty.
      const slack = python.clock.uncertaintyMs;
      for (const task of result.timeline) {
        expect(task.startedAt).toBeGreaterThanOrEqual(-slack);
        expect(task.endedAt).toBeLessThanOrEqual(result.wallMs + slack);
      }
    }
    expect(pyProcesses.python!.cpuSource).toBe('time.process_time');
    expect(pyThreads.python!.cpuSource).toBe('time.thread_time');
    expect(pyThreads.notes).toContainEqual(
      expect.stringMatching(/^threads on a CPU .+ of busy time; 1 ms sleep woke/),
    );

    // One measurement before the first model, shared by the four Python models.
    expect(forecasts).toHaveLength(1);
    expect(forecasts[0]!.models.map((m) => m.model)).toEqual([
      'py-sequential',
      'py-threads',
      'py-processes',
      'py-asyncio',
    ]);
    expect(forecasts[0]!.message).toMatch(
      /^CPython 3\.\d+\.\d+, GIL took [\d.]+× as long as Node on a sample of count-primes: expect py-sequential ≈ /,
    );
  });

  it('says how to get a Python speedup without py-sequential, and forecasts nothing for waiting', async () => {
    const forecasts: RunForecast[] = [];
    const run = await runScenario(
      {
        scenario: 'io-sleep',
        params: { tasks: 4, taskMs: 30 },
        models: ['py-threads'],
        pool: { threads: 4 },
      },
      engine,
      { onForecast: (forecast) => forecasts.push(forecast) },
    );
    const pyThreads = byModel(run.results, 'py-threads');
    expect(pyThreads.state).toBe('done');
    expect(pyThreads.speedup).toBeNull();
    expect(pyThreads.notes.at(-1)).toBe('add py-sequential for a Python speedup');
    expect(forecasts).toEqual([]);
  });

  it('fails a Python model with the reason, and runs the rest, when its interpreter is missing', async () => {
    const run = await runScenario(
      { scenario: 'io-sleep', params: { tasks: 2, taskMs: 10 }, models: ['threads', 'py-threads'], pool: {} },
      { ...engine, python: '/nonexistent/python3' },
    );
    expect(byModel(run.results, 'threads').state).toBe('done');
    expect(byModel(run.results, 'py-threads')).toMatchObject({
      state: 'failed',
      error: 'unavailable: no usable Python: /nonexistent/python3 not found',
      speedup: null,
    });
  });

  it.skipIf(process.platform === 'win32')('leaves no Python process when cancelled', async () => {
    const before = new Set(harnessProcesses());
    const controller = new AbortController();
    let abortedAt = 0;
    const run = await runScenario(
      {
        scenario: 'io-sleep',
        params: { tasks: 4, taskMs: 30_000 },
        models: ['py-processes', 'py-threads'],
        pool: { processes: 2, threads: 2 },
      },
      engine,
      {
        signal: controller.signal,
        onSnapshot: (snapshot) => {
          if (snapshot.running > 0 && abortedAt === 0) {
            abortedAt = epochNow();
            controller.abort();
          }
        },
      },
    );
    const stoppedAfterMs = epochNow() - abortedAt;
    expect(run.state).toBe('cancelled');
    expect(run.results.map((r) => r.state)).toEqual(['cancelled', 'cancelled']);
    expect(harnessProcesses().filter((pid) => !before.has(pid))).toEqual([]);
    console.info(
      `a run with py-processes: cancelled and returned ${stoppedAfterMs.toFixed(0)} ms after the abort`,
    );
  });
});
