/** Calibration: how much work fits in a given CPU time on this machine, measured on the calling thread. */
import { createInlineContext } from '../../../workers/inline-context';
import type { WorkloadContext } from '../../../workers/workload-context';

/** A context for measuring workloads in place: no yields, no GIL. */
export function measuringContext(signal: AbortSignal = new AbortController().signal): WorkloadContext {
  return createInlineContext({ signal, yieldEveryMs: Infinity });
}

/**
 * Work units per millisecond of `work`: grows the probe until one run takes at least 30 ms, runs it
 * again warm, and keeps the faster of the warm runs.
 */
export async function unitsPerMs(
  work: (units: number) => Promise<unknown>,
  probeUnits: number,
): Promise<number> {
  let units = probeUnits;
  for (;;) {
    const t0 = performance.now();
    await work(units);
    const ms = performance.now() - t0;
    if (ms >= 30 || units > 1e12) break;
    units *= ms < 3 ? 10 : 2;
  }
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    await work(units);
    best = Math.min(best, performance.now() - t0);
  }
  return units / Math.max(best, 0.001);
}
