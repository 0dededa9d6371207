/**
 * Measures this page's frame times (gaps between animation frames): one requestAnimationFrame loop
 * for the whole page. It reports p95 and maximum about once a second (the system strip), keeps the
 * last seconds of frames (the frame-time chart), calls listeners on every frame (the heartbeat
 * animation) and records windows of frames (a responsiveness job, from press to result).
 */
import type { FrameStats } from '../store/system-slice';
import { frameBudgetMs, type Frame } from './frame-statistics';

/** How much frame history the meter keeps, ms. */
export const FRAME_HISTORY_MS = 12_000;

/** How many gaps between frame timestamps the frame budget is measured from (about a second). */
const REFRESH_GAPS_KEPT = 60;

/** The p-th percentile (0..1) of values, nearest-rank; 0 for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

/** Frame stats of a window of frame gaps. */
export function frameStats(gaps: readonly number[]): FrameStats {
  return { p95: percentile(gaps, 0.95), max: gaps.reduce((m, g) => Math.max(m, g), 0), frames: gaps.length };
}

/** The frames of a recording, and the frame budget (the display's refresh) measured as it started. */
export interface FrameRecording {
  readonly frames: readonly Frame[];
  readonly budgetMs: number;
}

/** A recording in progress. */
export interface FrameRecorder {
  /** Stops recording and returns the frames since `record()`. */
  stop(): FrameRecording;
}

/** Called on every frame with its time; `frame` is null when no gap was measured (first frame, tab hidden). */
export type FrameListener = (now: number, frame: Frame | null) => void;

/** The page's one frame meter. */
export interface FrameMeter {
  /** Calls `listener` on every animation frame; returns the unsubscribe function. */
  onFrame(listener: FrameListener): () => void;
  /** The frames of the last `ms`, oldest first. */
  recent(ms: number): readonly Frame[];
  /** The display's frame budget as measured over the last second, ms. */
  budgetMs(): number;
  /** Starts recording every frame until `stop()`. */
  record(): FrameRecorder;
  stop(): void;
}

/** Starts measuring; `report` gets one FrameStats per window. */
export function startFrameMeter(report: (stats: FrameStats) => void, windowMs = 1000): FrameMeter {
  let gaps: number[] = [];
  let last: number | null = null;
  let windowStart = performance.now();
  let handle = 0;
  const history: Frame[] = [];
  const listeners = new Set<FrameListener>();
  const recordings = new Set<Frame[]>();
  const refreshGaps: number[] = [];
  let lastStamp: number | null = null;
  const tick = (stamp: number) => {
    // Gaps are measured on the clock at the callback, not the frame's timestamp: after a long block
    // Chromium runs one frame stamped with its old begin time, which would hide the freeze for a frame.
    // The timestamps, aligned to the display's refresh, measure the frame budget.
    const now = performance.now();
    let frame: Frame | null = null;
    // A hidden tab gets no frames; its long gap is not jank.
    if (last !== null && lastStamp !== null && document.visibilityState === 'visible') {
      refreshGaps.push(stamp - lastStamp);
      if (refreshGaps.length > REFRESH_GAPS_KEPT) refreshGaps.shift();
      frame = { at: now, gap: now - last };
      gaps.push(frame.gap);
      history.push(frame);
      for (const recording of recordings) recording.push(frame);
    }
    last = now;
    lastStamp = stamp;
    while (history.length > 0 && history[0]!.at < now - FRAME_HISTORY_MS) history.shift();
    if (now - windowStart >= windowMs && gaps.length > 0) {
      report(frameStats(gaps));
      gaps = [];
      windowStart = now;
    }
    for (const listener of listeners) listener(now, frame);
    handle = requestAnimationFrame(tick);
  };
  const onVisibility = () => {
    last = null;
    lastStamp = null;
  };
  const recent = (ms: number): readonly Frame[] => {
    const since = performance.now() - ms;
    const first = history.findIndex((frame) => frame.at >= since);
    return first < 0 ? [] : history.slice(first);
  };
  document.addEventListener('visibilitychange', onVisibility);
  handle = requestAnimationFrame(tick);
  return {
    onFrame(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    recent,
    budgetMs: () => frameBudgetMs(refreshGaps),
    record() {
      const budgetMs = frameBudgetMs(refreshGaps);
      const frames: Frame[] = [];
      recordings.add(frames);
      return {
        stop() {
          recordings.delete(frames);
          return { frames, budgetMs };
        },
      };
    },
    stop() {
      cancelAnimationFrame(handle);
      document.removeEventListener('visibilitychange', onVisibility);
      listeners.clear();
      recordings.clear();
    },
  };
}

/** Resolves at the next animation frame (when the page's thread is free to draw one). */
export function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Resolves just after the next frame was painted: a task queued from its animation callback. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
