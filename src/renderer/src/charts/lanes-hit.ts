/** What lies under a point of the lanes view: a model's lane or GIL track at a time, or nothing. */
import type { ModelId } from '../../../shared/models';
import type { LanesLayout, LanesRow } from './lanes-layout';

/** A point over a lane or a GIL track, with the time under it and how much time a pixel spans there. */
export interface LanesHit {
  readonly kind: 'lane' | 'gil';
  readonly model: ModelId;
  /** The lane's index (-1 on the GIL track). */
  readonly lane: number;
  readonly label: string;
  readonly ms: number;
  readonly msPerPx: number;
  /** Index of the row in the layout. */
  readonly row: number;
}

function inside(row: LanesRow, y: number): boolean {
  return y >= row.y && y < row.y + row.height;
}

/** Rows are separated by a gap of a pixel or two: a point in it belongs to the row above. */
function inGapBelow(row: LanesRow, y: number): boolean {
  return y >= row.y + row.height && y < row.y + row.height + 2;
}

/** The lane or GIL track under (x, y), in CSS pixels of the canvas, or null over the gutter, a header or nothing. */
export function hitTest(layout: LanesLayout, x: number, y: number): LanesHit | null {
  if (x < layout.plotLeft || x > layout.plotRight) return null;
  let index = layout.rows.findIndex((row) => inside(row, y));
  if (index < 0) index = layout.rows.findIndex((row) => inGapBelow(row, y));
  return index < 0 ? null : hitRow(layout, index, x);
}

/** The hit at `x` on row `index`, when that row is a lane or a GIL track. */
export function hitRow(layout: LanesLayout, index: number, x: number): LanesHit | null {
  const row = layout.rows[index];
  if (!row || (row.kind !== 'lane' && row.kind !== 'gil')) return null;
  const scale = layout.scales[row.model] ?? layout.shared;
  const msPerPx = (scale.toMs - scale.fromMs) / Math.max(1, layout.plotRight - layout.plotLeft);
  return {
    kind: row.kind,
    model: row.model,
    lane: row.kind === 'lane' ? row.index : -1,
    label: row.kind === 'lane' ? row.label : 'GIL holder',
    ms: scale.ms(x),
    msPerPx,
    row: index,
  };
}

/** The rows a keyboard cursor steps through: lanes and GIL tracks, top to bottom. */
export function focusableRows(layout: LanesLayout): number[] {
  return layout.rows.flatMap((row, index) => (row.kind === 'lane' || row.kind === 'gil' ? [index] : []));
}
