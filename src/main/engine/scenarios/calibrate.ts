/**
 * Calibration: how much work fits in a given CPU time on this machine. Probes run on one worker
 * thread — where tasks run, and off the main thread, whose event loop must stay free (the app's
 * window, browser mode's socket) — and are timed by the worker's own clock.
 */
import { createInlineContext } from '../../../workers/calling-thread/inline-context';
import type { WorkloadContext } from '../../../workers/workloads/workload-context';
import type { TaskSpec } from '../../../workers/protocol/executor';
import { ThreadPoolExecutor } from '../models/pool-executors';
import type { ScenarioContext } from './scenario';

/** A context for running workloads in place: no yields, no GIL (tests and checks). */
export function measuringContext(signal: AbortSignal = new AbortController().signal): WorkloadContext {
  return createInlineContext({ signal, yieldEveryMs: Infinity });
}

/** Shortest probe worth timing, in ms. */
const MIN_PROBE_MS = 30;

type TimeOne = (task: TaskSpec) => Promise<number>;

/** Runs `use` with a one-thread pool whose `timeOne` returns a task's duration as the worker measured it. */
async function withProbeWorker<T>(
  ctx: Pick<ScenarioContext, 'hostScripts' | 'signal'>,
  use: (timeOne: TimeOne) => Promise<T>,
): Promise<T> {
  const worker = new ThreadPoolExecutor(ctx.hostScripts.threadHost, { size: 1, taskTimeoutMs: null });
  const timeOne: TimeOne = async (task) => {
    let ms = NaN;
    let failure: string | null = null;
    await worker.run(
      [task],
      (event) => {
        if (event.type === 'finished') ms = event.endedAt - event.startedAt;
        else if (event.type === 'failed') failure = event.error;
      },
      ctx.signal,
    );
    if (failure !== null) throw new Error(`calibration failed: ${failure}`);
    return ms;
  };
  try {
    await worker.start();
    return await use(timeOne);
  } finally {
    await worker.close();
  }
}

/**
 * Work units per millisecond of the task `probe(units)` builds: grows the probe until one run takes at
 * least 30 ms, then runs it twice more warm and keeps the fastest.
 */
export function unitsPerMs(
  ctx: Pick<ScenarioContext, 'hostScripts' | 'signal'>,
  probe: (units: number) => TaskSpec,
  probeUnits: number,
): Promise<number> {
  return withProbeWorker(ctx, async (timeOne) => {
    let units = probeUnits;
    for (;;) {
      const ms = await timeOne(probe(units));
      if (ms >= MIN_PROBE_MS || units > 1e12) break;
      units *= ms < 3 ? 10 : 2;
    }
    const best = Math.min(await timeOne(probe(units)), await timeOne(probe(units)));
    return units / Math.max(best, 0.001);
  });
}

/** The fastest of `runs` runs of one task, in ms, after a warm-up run. */
export function bestTimeMs(
  ctx: Pick<ScenarioContext, 'hostScripts' | 'signal'>,
  task: TaskSpec,
  runs = 3,
): Promise<number> {
  return withProbeWorker(ctx, async (timeOne) => {
    await timeOne(task);
    let best = Infinity;
    for (let i = 0; i < runs; i++) best = Math.min(best, await timeOne(task));
    return best;
  });
}
