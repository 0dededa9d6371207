/**
 * (e) Cancel latency: how long after a cancel arrives a run has stopped, for `async` on the CPU
 * scenarios — where every task computes and the event loop turns only at the workload's yields.
 * The cancel is a timer, as a Ctrl-C is a signal: both wait for the event loop to turn, so the
 * latency is measured from when the timer was due to when the run's promise settled.
 */
import type { EngineOptions } from '../src/main/engine/run/run-session';
import { runScenario } from '../src/main/engine/run/run-session';
import type { ScenarioId } from '../src/shared/scenarios';

/** One measured cancel. */
export interface CancelMeasurement {
  readonly scenario: ScenarioId;
  readonly callingThread: 'inline' | 'dedicated';
  readonly latencyMs: number;
}

/** Knobs that make eight tasks outlast the cancel: several seconds of CPU in all. */
const PARAMS: Partial<Record<ScenarioId, Record<string, number>>> = {
  'cpu-sum-squares': { tasks: 8, taskMs: 1000 },
  'matrix-inverse': { tasks: 8, matrixSize: 800 },
};

/** Cancels `async` on `scenario` `afterMs` after it started running, and measures how long stopping took. */
export async function measureCancel(
  engine: EngineOptions,
  scenario: 'cpu-sum-squares' | 'matrix-inverse',
  callingThread: 'inline' | 'dedicated',
  afterMs = 1000,
): Promise<CancelMeasurement> {
  const controller = new AbortController();
  let dueAt = 0;
  const run = runScenario(
    { scenario, params: PARAMS[scenario] ?? {}, models: ['async'], pool: {} },
    { ...engine, callingThread },
    {
      signal: controller.signal,
      onSnapshot: (snapshot) => {
        if (dueAt !== 0 || snapshot.state !== 'running') return;
        dueAt = performance.now() + afterMs;
        setTimeout(() => controller.abort(), afterMs);
      },
    },
  );
  const result = await run;
  const latencyMs = performance.now() - dueAt;
  if (dueAt === 0 || result.state !== 'cancelled')
    throw new Error(`${scenario} finished before the cancel (make its tasks longer)`);
  return { scenario, callingThread, latencyMs };
}
