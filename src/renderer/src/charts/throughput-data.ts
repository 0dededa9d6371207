/** Throughput series in chart.js's internal point format, converted once per series. */

/** A chart point: seconds since the model's start, tasks per second. */
export interface ThroughputPoint {
  readonly x: number;
  readonly y: number;
}

type Series = readonly (readonly [number, number])[];

const converted = new WeakMap<Series, ThroughputPoint[]>();

function toPoints(series: Series): ThroughputPoint[] {
  return series.map(([x, y]) => ({ x, y }));
}

/** The points of a series; the same array for the same series, so unchanged models cost nothing. */
export function throughputPoints(series: Series): ThroughputPoint[] {
  let points = converted.get(series);
  if (!points) {
    points = toPoints(series);
    converted.set(series, points);
  }
  return points;
}

/** The latest rate of a series, or null when it has no point yet. */
export function latestRate(series: Series): number | null {
  const points = throughputPoints(series);
  return points.at(-1)?.y ?? null;
}
