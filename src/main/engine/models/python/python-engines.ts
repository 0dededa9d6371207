/**
 * The Python models' half of the registry: availability from the interpreters found (the runtime,
 * "CPython 3.11.7, GIL", names their group in the picker) and executors that find their interpreter
 * when they start.
 */
import type { ModelAvailability } from '../../../../shared/models';
import type { ProbeContext } from '../executor-environment';
import type { TaskList } from '../../../../workers/protocol/executor';
import type { ForecastInput, ModelEngine, ModelEngines } from '../model-engine';
import { createPythonExecutor, type PythonRuntime } from './python-executor';
import { measurePythonSpeed, pythonExpectedMs, speedBasis, type PythonSpeed } from './python-forecast';
import { FILE_PROCESSOR_SCENARIOS, PYTHON_MODEL_IDS, type PythonModelId } from './python-models';
import { findPythonSetup, pythonModelAvailability } from './python-setup';

/** Whether a Python model can run with this setup: the interpreter's label, or the reason. */
export async function pythonModelProbe(
  model: PythonModelId,
  setup: ProbeContext,
): Promise<ModelAvailability> {
  const availability = pythonModelAvailability(model, await findPythonSetup(setup));
  return availability.available
    ? { available: true, runtime: availability.interpreter.label }
    : { available: false, reason: availability.reason };
}

/** The interpreter and harness a model runs on; rejects with the unavailable reason. */
export async function locatePython(model: PythonModelId, setup: ProbeContext): Promise<PythonRuntime> {
  const found = await findPythonSetup(setup);
  const availability = pythonModelAvailability(model, found);
  if (!availability.available) throw new Error(`${model} is unavailable: ${availability.reason}`);
  return { interpreter: availability.interpreter, harnessPath: found.harnessPath! };
}

/** One speed measurement per run (its task list), shared by the run's Python models. */
const speeds = new WeakMap<TaskList, Promise<PythonSpeed | null>>();

async function pythonForecast(model: PythonModelId, input: ForecastInput) {
  let speed = speeds.get(input.tasks);
  if (!speed) {
    const { hostScripts } = input.env;
    speed = locatePython('py-sequential', input.env).then((runtime) =>
      measurePythonSpeed(input.tasks, runtime, { hostScripts, signal: input.signal }),
    );
    speeds.set(input.tasks, speed);
  }
  const measured = await speed;
  if (!measured) return null;
  return {
    expectedMs: pythonExpectedMs(model, measured, input.tasks.length, input.pool, input.cores),
    basis: speedBasis(measured),
  };
}

function pythonEngine(model: PythonModelId): ModelEngine {
  return {
    createExecutor: (pool, env) => {
      const classic =
        env.scenario !== undefined &&
        FILE_PROCESSOR_SCENARIOS.includes(env.scenario) &&
        pool.taskTimeoutMs === null;
      return createPythonExecutor(
        model,
        pool,
        () => locatePython(model, env),
        classic ? 'file-processor' : 'lab',
      );
    },
    probe: (setup) => pythonModelProbe(model, setup),
    forecast: (input) => pythonForecast(model, input),
  };
}

/** Every Python model's engine part. */
export const PYTHON_ENGINES = Object.fromEntries(
  PYTHON_MODEL_IDS.map((model) => [model, pythonEngine(model)]),
) as ModelEngines<PythonModelId>;
