/** The HTTP lesson's in-flight series: one point per snapshot, and the peaks the chart draws. */
import type { ModelSnapshot } from '../../../shared/results';

/** A point: seconds since the model started, requests in flight. */
export interface InFlightPoint {
  readonly x: number;
  readonly y: number;
}

/** How far back each plotted point looks for the most requests in flight, seconds. */
export const PEAK_WINDOW_S = 0.25;

/**
 * Each point's count replaced by the most in flight over the window before it: snapshots catch the
 * count at one instant, often between two requests, so a raw line flickers between 0 and the truth.
 */
export function peakSeries(series: readonly InFlightPoint[], windowS = PEAK_WINDOW_S): InFlightPoint[] {
  return series.map((point, i) => {
    let peak = point.y;
    for (let j = i - 1; j >= 0 && series[j]!.x > point.x - windowS; j--) peak = Math.max(peak, series[j]!.y);
    return { x: point.x, y: peak };
  });
}

/** The series with a snapshot's count added, when the snapshot is newer than the last point. */
export function withSnapshot(series: readonly InFlightPoint[], snapshot: ModelSnapshot): InFlightPoint[] {
  const x = snapshot.elapsedMs / 1000;
  const last = series.at(-1);
  if (last && x <= last.x) return series as InFlightPoint[];
  return [...(series.length === 0 && x > 0 ? [{ x: 0, y: 0 }] : series), { x, y: snapshot.running }];
}
