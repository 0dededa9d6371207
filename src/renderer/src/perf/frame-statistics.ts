/**
 * What a window of frame gaps says about responsiveness: the longest gap, the frames that were never
 * drawn, and the long tasks. Pure, so every rule is tested without a browser.
 */

/** A task longer than this is a long task (the Long Tasks API's threshold). */
export const LONG_TASK_MS = 50;

/** The frame budget assumed until there are frames to measure it from (60 Hz). */
export const DEFAULT_FRAME_BUDGET_MS = 1000 / 60;

/** One animation frame: when it ran (performance.now()) and how long after the previous one, ms. */
export interface Frame {
  readonly at: number;
  readonly gap: number;
}

/** A window of frames summarised. */
export interface FrameSummary {
  readonly frames: number;
  readonly longestGapMs: number;
  readonly droppedFrames: number;
  /** The frame budget the dropped frames were counted against, ms. */
  readonly budgetMs: number;
}

/**
 * The display's frame budget (16.7 ms at 60 Hz, 8.3 ms at 120 Hz) from recent gaps between the
 * frames' own timestamps, which the browser aligns to the display's refresh: the shortest of them is
 * one refresh, since a late frame only ever lengthens a gap. Kept between 240 Hz and 30 Hz; gaps
 * under 3 ms (two callbacks for one refresh) are ignored.
 */
export function frameBudgetMs(refreshGaps: readonly number[]): number {
  const plausible = refreshGaps.filter((gap) => gap >= 3);
  if (plausible.length === 0) return DEFAULT_FRAME_BUDGET_MS;
  return Math.min(1000 / 30, Math.max(1000 / 240, Math.min(...plausible)));
}

/** Frames a gap skipped: none up to two budgets (jitter), else the vsyncs that passed without a frame. */
export function missedFrames(gap: number, budgetMs: number): number {
  if (gap <= 2 * budgetMs) return 0;
  return Math.round(gap / budgetMs) - 1;
}

/** Frames never drawn in a window of gaps. */
export function droppedFrames(gaps: readonly number[], budgetMs: number): number {
  return gaps.reduce((sum, gap) => sum + missedFrames(gap, budgetMs), 0);
}

/** Gaps longer than a long task: the stand-in for long tasks where the Long Tasks API is missing. */
export function longGaps(gaps: readonly number[]): number {
  return gaps.filter((gap) => gap > LONG_TASK_MS).length;
}

/** The longest gap, or 0 for none. */
export function longestGap(gaps: readonly number[]): number {
  return gaps.reduce((longest, gap) => Math.max(longest, gap), 0);
}

/** A window of frames summarised against a frame budget. */
export function summarizeFrames(frames: readonly Frame[], budgetMs: number): FrameSummary {
  const gaps = frames.map((frame) => frame.gap);
  return {
    frames: gaps.length,
    longestGapMs: longestGap(gaps),
    droppedFrames: droppedFrames(gaps, budgetMs),
    budgetMs,
  };
}

/** A stretch of time on the page's clock (performance.now()), such as a long task. */
export interface Span {
  readonly startTime: number;
  readonly duration: number;
}

/** How many spans overlap [from, to]. */
export function countOverlapping(spans: readonly Span[], from: number, to: number): number {
  return spans.filter((span) => span.startTime < to && span.startTime + span.duration > from).length;
}
