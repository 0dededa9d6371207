/** Tick marks of a time axis at 1-2-5 steps, and their labels in ms or s with as many decimals as the step needs. */

function stepFor(spanMs: number, target: number): number {
  const raw = spanMs / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
}

/** Tick positions at a 1-2-5 step, about `target` of them from 0 to `maxMs`. */
export function timeTicks(maxMs: number, target = 6): number[] {
  if (!(maxMs > 0)) return [0];
  return rangeTicks(0, maxMs, target);
}

/** Tick positions at a 1-2-5 step, about `target` of them within [fromMs, toMs]. */
export function rangeTicks(fromMs: number, toMs: number, target = 6): number[] {
  if (!(toMs > fromMs)) return [fromMs];
  const step = stepFor(toMs - fromMs, target);
  const ticks: number[] = [];
  // Rounded to the step's own precision, so 0.1 + 0.2 prints as 0.3.
  const digits = Math.max(0, Math.ceil(-Math.log10(step)) + 3);
  for (let i = Math.ceil(fromMs / step - 1e-9); i * step <= toMs + step * 1e-9; i++)
    ticks.push(Number((i * step).toFixed(digits)));
  return ticks;
}

/** The step between neighbouring ticks, or 0 for a single tick. */
export function tickStep(ticks: readonly number[]): number {
  return ticks.length > 1 ? ticks[1]! - ticks[0]! : 0;
}

/**
 * A tick label: "0", "250 ms", "1.5 s"; with the ticks' step, as many decimals as tell neighbours
 * apart ("12.34567 s" ten microseconds from "12.34568 s").
 */
export function tickLabel(ms: number, stepMs = 0): string {
  if (ms === 0) return '0';
  if (stepMs <= 0) {
    if (ms < 1000) return `${Number(ms.toPrecision(3))} ms`;
    return `${Number((ms / 1000).toPrecision(3))} s`;
  }
  const seconds = ms >= 1000 || stepMs >= 1000;
  const value = seconds ? ms / 1000 : ms;
  const step = seconds ? stepMs / 1000 : stepMs;
  const decimals = Math.min(9, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
  return `${value.toFixed(decimals)} ${seconds ? 's' : 'ms'}`;
}
