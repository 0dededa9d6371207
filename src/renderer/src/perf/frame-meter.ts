/**
 * Measures this page's frame times (gaps between animation frames) and reports their p95 and
 * maximum about once a second, so the UI can show whether a big run keeps it responsive.
 */
import type { FrameStats } from '../store/system-slice';

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

/** Starts measuring; `report` gets one FrameStats per window. Returns the function that stops it. */
export function startFrameMeter(report: (stats: FrameStats) => void, windowMs = 1000): () => void {
  let gaps: number[] = [];
  let last: number | null = null;
  let windowStart = performance.now();
  let handle = 0;
  const tick = (now: number) => {
    // A hidden tab gets no frames; its long gap is not jank.
    if (last !== null && document.visibilityState === 'visible') gaps.push(now - last);
    last = now;
    if (now - windowStart >= windowMs && gaps.length > 0) {
      report(frameStats(gaps));
      gaps = [];
      windowStart = now;
    }
    handle = requestAnimationFrame(tick);
  };
  const onVisibility = () => {
    last = null;
  };
  document.addEventListener('visibilitychange', onVisibility);
  handle = requestAnimationFrame(tick);
  return () => {
    cancelAnimationFrame(handle);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
