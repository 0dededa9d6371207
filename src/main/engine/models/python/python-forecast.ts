/**
 * Before a race that includes CPython: how much slower it computes the scenario's tasks than Node,
 * measured on a sample of the first task in both (grown until CPython takes 30 ms on it, like the
 * scenarios' calibration), and from that how long each Python model will take. One measurement per
 * run, shared by its Python models; a scenario that waits rather than computes gets none.
 */
import { formatSpeedupApprox } from '../../../../shared/format';
import type { ResolvedPool } from '../../../../shared/pool';
import type { TaskList, TaskSpec } from '../../../../workers/protocol/executor';
import { CancelledError } from '../../errors';
import { bestTimeMs } from '../../scenarios/calibrate';
import type { ScenarioContext } from '../../scenarios/scenario';
import { HarnessClient } from './harness-client';
import type { PythonRuntime } from './python-executor';
import type { PythonModelId } from './python-models';
import { sampleTask, type TaskSample } from './probe-tasks';

/** What the sample measured: one task's time in CPython and in Node, extrapolated from the sample. */
export interface PythonSpeed {
  readonly workload: string;
  readonly interpreter: string;
  readonly pythonTaskMs: number;
  readonly nodeTaskMs: number;
}

/** A sample shorter than this is mostly noise. */
const MIN_SAMPLE_MS = 30;
const MAX_ROUNDS = 8;

/** One task's run time in the harness, on its own clock. */
async function timeInPython(client: HarnessClient, task: TaskSpec): Promise<number> {
  let ms = Number.NaN;
  let failure: string | null = null;
  await client.runTasks([task], (event) => {
    if (event.type === 'finished') ms = event.endedAt - event.startedAt;
    else if (event.type === 'failed') failure = event.error;
  });
  if (failure !== null) throw new Error(`the Python sample failed: ${failure}`);
  return ms;
}

/** Grows a sample of `task` until CPython needs MIN_SAMPLE_MS for it; returns it with its best time. */
async function growSample(
  client: HarnessClient,
  task: TaskSpec,
): Promise<{ sample: TaskSample; ms: number } | null> {
  let share = 1 / 1024;
  for (let round = 1; ; round++) {
    const sample = await sampleTask(task, share);
    if (!sample) return null;
    const ms = await timeInPython(client, sample.task);
    if (ms >= MIN_SAMPLE_MS || sample.share >= 1 || round >= MAX_ROUNDS) {
      // A second, warm run; the faster one counts, as in the scenarios' calibration.
      return { sample, ms: Math.min(ms, await timeInPython(client, sample.task)) };
    }
    await sample.dispose();
    share = Math.min(1, sample.share * Math.min(32, Math.max(2, (1.5 * MIN_SAMPLE_MS) / Math.max(ms, 0.05))));
  }
}

/** Times a sample of the first task in CPython (py-sequential in a harness of its own) and in Node (one worker thread). */
export async function measurePythonSpeed(
  tasks: TaskList,
  runtime: PythonRuntime,
  ctx: Pick<ScenarioContext, 'hostScripts' | 'signal'>,
): Promise<PythonSpeed | null> {
  const first = tasks.at(0);
  if (!first || ctx.signal.aborted) return null;
  const client = new HarnessClient({
    executable: runtime.interpreter.executable,
    harnessPath: runtime.harnessPath,
  });
  const onAbort = (): void => void client.kill();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  let grown: { sample: TaskSample; ms: number } | null = null;
  try {
    await client.hello();
    await client.start({ model: 'py-sequential', workers: null, switchIntervalMs: 5, taskTimeoutMs: null });
    grown = await growSample(client, first);
    if (!grown) return null;
    await client.close();
    const nodeMs = await bestTimeMs(ctx, grown.sample.task, 2);
    return {
      workload: first.workload,
      interpreter: runtime.interpreter.label,
      pythonTaskMs: grown.ms / grown.sample.share,
      nodeTaskMs: nodeMs / grown.sample.share,
    };
  } catch (error) {
    if (ctx.signal.aborted) throw new CancelledError();
    throw error;
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await client.close();
    await grown?.sample.dispose();
  }
}

/** How long a Python model takes for `tasks` tasks at the measured speed: the waves of tasks its pool runs at once. */
export function pythonExpectedMs(
  model: PythonModelId,
  speed: PythonSpeed,
  tasks: number,
  pool: ResolvedPool,
  cores: number,
): number {
  const parallel =
    model === 'py-processes'
      ? Math.min(pool.processes, cores, tasks)
      : model === 'py-threads-nogil'
        ? Math.min(pool.threads, cores, tasks)
        : 1; // under the GIL, and on one event loop, CPU work takes turns
  return Math.ceil(tasks / Math.max(1, parallel)) * speed.pythonTaskMs;
}

/** The measurement in words: "CPython 3.11.7, GIL took 31× as long as Node on a sample of count-primes". */
export function speedBasis(speed: PythonSpeed): string {
  const ratio = speed.nodeTaskMs > 0 ? speed.pythonTaskMs / speed.nodeTaskMs : Number.POSITIVE_INFINITY;
  return `${speed.interpreter} took ${formatSpeedupApprox(ratio)} as long as Node on a sample of ${speed.workload}`;
}
