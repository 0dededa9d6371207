/**
 * The frame-time chart's axes: time runs right to left up to "now"; frame gaps go up on a log scale,
 * so a 16 ms frame and a 2 s freeze are both readable. Pure, so it is tested without a canvas.
 */

/** The chart's window, ms. */
export const FRAME_WINDOW_MS = 10_000;

/** The bottom of the gap axis, ms. */
export const GAP_FLOOR_MS = 5;

/** Gap ticks, ms: a 1-2-5 series that stays readable on a log axis. */
const GAP_TICKS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 60_000];

/** The top of the gap axis: at least 100 ms, else the next tick above the longest gap shown. */
export function gapCeiling(longestGapMs: number): number {
  return GAP_TICKS.find((tick) => tick >= Math.max(100, longestGapMs)) ?? Math.max(100, longestGapMs);
}

/** Ticks shown on the gap axis for a ceiling: 1-2-5 on a short axis, decades on a tall one, so labels never touch. */
export function gapTicks(ceilingMs: number): number[] {
  const ticks = GAP_TICKS.filter((tick) => tick <= ceilingMs);
  return ceilingMs <= 200 ? ticks : ticks.filter((tick) => /^10*$/.test(String(tick)));
}

/** 0 at the floor, 1 at the ceiling; gaps under the floor sit on it. */
export function gapFraction(gapMs: number, ceilingMs: number): number {
  const value = Math.max(GAP_FLOOR_MS, Math.min(ceilingMs, gapMs));
  return Math.log(value / GAP_FLOOR_MS) / Math.log(ceilingMs / GAP_FLOOR_MS);
}

/** A gap tick's label: "50 ms", "1 s". */
export function gapLabel(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}
