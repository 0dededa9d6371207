/** How the engine lessons' live progress folds into the state: data-passing rows as measured, pipeline points. */
import type { DataPassingRow, PipelinePoint } from '../../../shared/lessons';

/** Pipeline points kept while a run goes on; past this, every other point is dropped so the whole run stays in view. */
export const PIPELINE_POINTS_KEPT = 2000;

/** The points with one more: a point from before the last one (another run's) is ignored. */
export function foldPipelinePoint(
  points: readonly PipelinePoint[],
  point: PipelinePoint,
): readonly PipelinePoint[] {
  const last = points.at(-1);
  if (last && point.atMs < last.atMs) return points;
  const next = [...points, point];
  return next.length > PIPELINE_POINTS_KEPT
    ? next.filter((_, i) => i % 2 === 0 || i === next.length - 1)
    : next;
}

function sameRow(a: DataPassingRow, b: DataPassingRow): boolean {
  return a.carrier === b.carrier && a.mode === b.mode && a.bytes === b.bytes;
}

/** The rows with one more measured; a row measured again replaces the old one. */
export function foldDataPassingRow(
  rows: readonly DataPassingRow[],
  row: DataPassingRow,
): readonly DataPassingRow[] {
  const index = rows.findIndex((r) => sameRow(r, row));
  if (index < 0) return [...rows, row];
  return rows.map((r, i) => (i === index ? row : r));
}
