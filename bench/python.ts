/**
 * (i) Real CPython against the simulation, on cpu-primes: py-threads' speedup over py-sequential
 * (about 1× under the GIL), py-processes' against the ideal min(cores, tasks, processes), and the gap
 * between the simulated GIL's speedup (gil-threads over sequential) and the real one's.
 */
import { availableParallelism } from 'node:os';
import type { ModelResult } from '../src/shared/results';
import { modelAvailability } from '../src/main/engine/models/availability';
import { runScenario, type EngineOptions } from '../src/main/engine/run/run-session';
import type { Line } from './report-line';

/** What the CPython benchmark measured; null fields when a model did not finish cleanly. */
export interface PythonBenchmark {
  readonly skipped: string | null;
  readonly tasks: number;
  readonly taskMs: number;
  readonly processes: number;
  readonly pyThreads: number | null;
  readonly pyProcesses: number | null;
  readonly gilThreads: number | null;
  /** py-sequential's wall time over sequential's: how many times longer CPython took on the same tasks. */
  readonly cpythonOverNode: number | null;
  readonly forecast: string | null;
}

const clean = (results: readonly ModelResult[], model: string): ModelResult | undefined =>
  results.find((r) => r.model === model && r.state === 'done' && r.check.ok !== false);

/** Runs sequential, gil-threads and three CPython models on the same cpu-primes tasks. */
export async function pythonBenchmark(
  engine: EngineOptions,
  tasks = 8,
  taskMs = 100,
): Promise<PythonBenchmark> {
  const cores = availableParallelism();
  const processes = Math.max(1, cores);
  const base = {
    tasks,
    taskMs,
    processes,
    pyThreads: null,
    pyProcesses: null,
    gilThreads: null,
    cpythonOverNode: null,
    forecast: null,
  };
  const availability = await modelAvailability('py-threads', engine);
  if (!availability.available) return { ...base, skipped: availability.reason };
  let forecast: string | null = null;
  const run = await runScenario(
    {
      scenario: 'cpu-primes',
      params: { tasks, taskMs },
      models: ['sequential', 'gil-threads', 'py-sequential', 'py-threads', 'py-processes'],
      pool: { threads: Math.max(2, cores), processes },
    },
    engine,
    { onForecast: (f) => (forecast = f.message) },
  );
  const speedup = (model: string): number | null => clean(run.results, model)?.speedup ?? null;
  const sequential = clean(run.results, 'sequential');
  const pySequential = clean(run.results, 'py-sequential');
  return {
    ...base,
    skipped: null,
    pyThreads: speedup('py-threads'),
    pyProcesses: speedup('py-processes'),
    gilThreads: speedup('gil-threads'),
    cpythonOverNode: sequential && pySequential ? pySequential.wallMs / sequential.wallMs : null,
    forecast,
  };
}

/** Runs (i) and reports its three targets (or why it was skipped). */
export async function pythonSection(
  engine: EngineOptions,
  report: (line: Line) => void,
  tasks?: number,
  taskMs?: number,
): Promise<void> {
  const cores = availableParallelism();
  const result = await pythonBenchmark(engine, tasks, taskMs);
  if (result.skipped) {
    console.log(`      (i) skipped: ${result.skipped}`);
    return;
  }
  const fmt = (value: number | null): string =>
    value === null ? 'did not finish cleanly' : `${value.toFixed(2)}x`;
  console.log(
    `      (i) cpu-primes ${result.tasks} tasks x ${result.taskMs} ms (Node's time); CPython took ${fmt(result.cpythonOverNode)} as long as Node on the same tasks` +
      (result.forecast ? `\n          forecast: ${result.forecast}` : ''),
  );
  const ideal = Math.min(cores, result.tasks, result.processes);
  report({
    name: '(i) py-threads CPU speedup over py-sequential (the real GIL)',
    measured: fmt(result.pyThreads),
    ratio: result.pyThreads ?? Number.NaN,
    target: "no speedup (<= 1.10, the claim's tolerance)",
    met: result.pyThreads !== null && result.pyThreads <= 1.1,
  });
  report({
    name: `(i) py-processes CPU speedup over py-sequential vs ideal min(cores, tasks) = ${ideal}`,
    measured: fmt(result.pyProcesses),
    ratio: (result.pyProcesses ?? Number.NaN) / ideal,
    target: '>= 0.7',
    met: result.pyProcesses !== null && result.pyProcesses / ideal >= 0.7,
  });
  const gap =
    result.gilThreads !== null && result.pyThreads !== null
      ? Math.abs(result.gilThreads - result.pyThreads)
      : null;
  report({
    name: '(i) simulated GIL (gil-threads) vs real GIL (py-threads) CPU speedup gap',
    measured: `gil-threads ${fmt(result.gilThreads)}, py-threads ${fmt(result.pyThreads)}`,
    ratio: gap ?? Number.NaN,
    target: '<= 0.2',
    met: gap !== null && gap <= 0.2,
  });
}
