/**
 * (f) Real CPython against the simulation, on cpu-primes: py-threads' speedup over py-sequential
 * (about 1× under the GIL), py-processes' against the ideal min(cores, tasks, processes), and the gap
 * between the simulated GIL's speedup (gil-threads over sequential) and the real one's.
 */
import { availableParallelism } from 'node:os';
import type { ModelResult } from '../src/shared/results';
import { modelAvailability } from '../src/main/engine/models/availability';
import { runScenario, type EngineOptions } from '../src/main/engine/run/run-session';

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
