/**
 * Draws the rows of a laid-out lanes view on a 2D context: headers, time axes and grid, lanes (the
 * snapshot's coalesced intervals, and the engine's finer window where it has answered for the
 * stretch on screen), the GIL holder track (turns, or each holder's share per interval), and the
 * outlines of the hovered and selected task. Only what is on screen is walked: intervals are sorted,
 * so each lane starts at a binary search.
 */
import type { ModelId } from '../../../shared/models';
import type { BusyInterval, GilShares, ModelSnapshot } from '../../../shared/results';
import type { GilWindow, TimelineWindowReply } from '../../../shared/timeline';
import { stateWord } from '../format/run-state';
import type { GroupScale, LanesLayout, LanesRow } from './lanes-layout';
import type { LanesLook } from './lanes-layout';
import { withAlpha, type ThemeColors } from './theme-colors';
import { tickLabel, tickStep } from './time-ticks';

/** A task to outline on its lane. */
export interface TaskMark {
  readonly model: ModelId;
  readonly lane: number;
  readonly startedAt: number;
  /** Null while it runs (outlined up to the model's "now"). */
  readonly endedAt: number | null;
  readonly kind: 'hover' | 'selected';
}

/** What the renderer draws besides the snapshots. */
export interface LanesScene {
  readonly look: LanesLook;
  /** Zoomed-in windows the engine answered, by model. */
  readonly details: ReadonlyMap<ModelId, TimelineWindowReply>;
  readonly marks: readonly TaskMark[];
  /** The keyboard cursor: a row of the layout and a time, while the view has keyboard focus. */
  readonly cursor: { readonly row: number; readonly ms: number } | null;
}

/** The font of every label. */
export const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif';
const BOLD_FONT = `600 ${FONT}`;

type Row<K extends LanesRow['kind']> = Extract<LanesRow, { kind: K }>;

/** Keeps bars inside the plot: off-screen parts are cut, and canvases misdraw at huge offsets when zoomed in far. */
function clampX(x: number, layout: LanesLayout): number {
  return Math.min(layout.plotRight, Math.max(layout.plotLeft, x));
}

/** The first interval that ends at or after `ms` (intervals are sorted and do not overlap). */
function firstVisible(intervals: readonly { readonly end: number }[], ms: number): number {
  let low = 0;
  let high = intervals.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (intervals[mid]!.end < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** A model's header: its colour, name, lane count and state. */
export function drawHeader(
  ctx: CanvasRenderingContext2D,
  row: Row<'header'>,
  colors: ThemeColors,
  width: number,
): void {
  const mid = row.y + row.height / 2 + 1;
  if (row.y > 0) {
    ctx.fillStyle = colors.grid;
    ctx.fillRect(0, row.y, width, 1);
  }
  ctx.fillStyle = colors.model[row.model];
  ctx.fillRect(0, mid - 5, 10, 10);
  ctx.font = BOLD_FONT;
  ctx.fillStyle = colors.text;
  ctx.fillText(row.model, 16, mid);
  const nameWidth = ctx.measureText(row.model).width;
  ctx.font = FONT;
  ctx.fillStyle = colors.muted;
  const lanes = row.laneCount > 0 ? ` · ${row.laneCount} lane${row.laneCount === 1 ? '' : 's'}` : '';
  ctx.fillText(`${lanes} · ${stateWord(row.state)}`, 16 + nameWidth, mid);
}

/** Tick labels centred over their grid lines, at `y`. */
function drawTickLabels(
  ctx: CanvasRenderingContext2D,
  scale: GroupScale,
  layout: LanesLayout,
  y: number,
  colors: ThemeColors,
): void {
  const step = tickStep(scale.ticks);
  ctx.font = FONT;
  ctx.fillStyle = colors.muted;
  ctx.textAlign = 'center';
  for (const tick of scale.ticks) {
    const x = scale.x(tick);
    if (x < layout.plotLeft - 1 || x > layout.plotRight + 1) continue;
    const label = tickLabel(tick, step);
    const half = ctx.measureText(label).width / 2;
    ctx.fillText(label, Math.min(layout.width - half - 1, Math.max(layout.plotLeft + half, x)), y);
  }
  ctx.textAlign = 'left';
}

function drawGrid(
  ctx: CanvasRenderingContext2D,
  scale: GroupScale,
  top: number,
  bottom: number,
  colors: ThemeColors,
): void {
  ctx.fillStyle = colors.grid;
  for (const tick of scale.ticks) ctx.fillRect(Math.round(scale.x(tick)), top, 1, bottom - top);
}

/** The shared axis on top, or each model's axis under its header; grid lines down through each group. */
export function drawAxes(ctx: CanvasRenderingContext2D, layout: LanesLayout, colors: ThemeColors): void {
  if (layout.axis === 'shared') {
    drawTickLabels(ctx, layout.shared, layout, layout.plotTop / 2, colors);
    drawGrid(ctx, layout.shared, layout.plotTop - 4, layout.plotBottom, colors);
    return;
  }
  for (const row of layout.rows) {
    if (row.kind !== 'axis') continue;
    const scale = layout.scales[row.model];
    if (!scale) continue;
    const last = layout.rows.findLast((other) => other.model === row.model);
    const bottom = last ? last.y + last.height : row.y + row.height;
    drawTickLabels(ctx, scale, layout, row.y + row.height / 2, colors);
    drawGrid(ctx, scale, row.y + row.height - 3, bottom, colors);
  }
}

/** Bars of `intervals` within [from, to], skipping what `except` covers (the engine's finer window). */
function bars(
  ctx: CanvasRenderingContext2D,
  intervals: readonly BusyInterval[],
  scale: GroupScale,
  layout: LanesLayout,
  top: number,
  height: number,
  only: 'all' | 'failed',
  except: { readonly fromMs: number; readonly toMs: number } | null,
): void {
  ctx.beginPath();
  for (let i = firstVisible(intervals, scale.fromMs); i < intervals.length; i++) {
    const interval = intervals[i]!;
    if (interval.start > scale.toMs) break;
    if (only === 'failed' && !interval.failed) continue;
    let { start, end } = interval;
    if (except && end > except.fromMs && start < except.toMs) {
      // Only the parts outside the finer window: before it, after it, or both.
      if (start < except.fromMs) end = except.fromMs;
      else if (end > except.toMs) start = except.toMs;
      else continue;
    }
    const x0 = clampX(scale.x(start), layout);
    const width = clampX(scale.x(end), layout) - x0;
    if (width <= 0 && (x0 <= layout.plotLeft || x0 >= layout.plotRight)) continue;
    // A 1 px seam keeps back-to-back tasks countable; bars too thin for it stay whole.
    ctx.rect(x0, top, Math.max(1, width > 4 ? width - 1 : width), height);
  }
  ctx.fill();
}

/** One lane: its track, label, busy intervals (failed ones half red), and the running task up to "now". */
export function drawLane(
  ctx: CanvasRenderingContext2D,
  row: Row<'lane'>,
  layout: LanesLayout,
  colors: ThemeColors,
  detail: TimelineWindowReply | undefined,
): void {
  const scale = layout.scales[row.model] ?? layout.shared;
  const mid = row.y + row.height / 2 + 1;
  ctx.fillStyle = colors.track;
  ctx.fillRect(layout.plotLeft, row.y, layout.plotRight - layout.plotLeft, row.height);
  if (row.height >= 12) {
    let textLeft = 12;
    if (row.gilHue) {
      ctx.fillStyle = colors.lane[row.index % colors.lane.length]!;
      ctx.fillRect(12, mid - 4, 8, 8);
      textLeft = 24;
    }
    ctx.font = FONT;
    ctx.fillStyle = colors.muted;
    ctx.fillText(fitText(ctx, row.label, layout.plotLeft - textLeft - 6), textLeft, mid);
  }
  const fine = detail && detail.toMs >= scale.fromMs && detail.fromMs <= scale.toMs ? detail : null;
  const fineLane = fine?.lanes.find((lane) => lane.index === row.index);
  const except = fineLane && fine ? { fromMs: fine.fromMs, toMs: fine.toMs } : null;
  const half = Math.ceil(row.height / 2);
  ctx.fillStyle = colors.model[row.model];
  bars(ctx, row.intervals, scale, layout, row.y, row.height, 'all', except);
  if (fineLane) bars(ctx, fineLane.intervals, scale, layout, row.y, row.height, 'all', null);
  // Busy stretches are merged once tasks outnumber pixels, so a failed interval may hold good
  // tasks too: its upper half is red, its lower half keeps the model's colour.
  ctx.fillStyle = colors.failed;
  bars(ctx, row.intervals, scale, layout, row.y, half, 'failed', except);
  if (fineLane) bars(ctx, fineLane.intervals, scale, layout, row.y, half, 'failed', null);
  if (row.runningSince !== null && row.nowMs >= row.runningSince) {
    const x0 = clampX(scale.x(row.runningSince), layout);
    const x1 = Math.max(x0 + 2, clampX(scale.x(row.nowMs), layout));
    ctx.fillStyle = withAlpha(colors.model[row.model], 0.35);
    ctx.fillRect(x0, row.y, x1 - x0, row.height);
    ctx.fillStyle = colors.model[row.model];
    ctx.fillRect(x1 - 2, row.y, 2, row.height);
  }
}

/** Each holder's share of every interval, stacked in the lanes' hues (what no lane held stays empty). */
function drawShares(
  ctx: CanvasRenderingContext2D,
  shares: GilShares & { readonly startMs?: number },
  scale: GroupScale,
  layout: LanesLayout,
  row: Row<'gil'>,
  colors: ThemeColors,
  except: { readonly fromMs: number; readonly toMs: number } | null,
): void {
  const origin = shares.startMs ?? 0;
  const first = Math.max(0, Math.floor((scale.fromMs - origin) / shares.bucketMs));
  for (let b = first; b < shares.shares.length; b++) {
    const start = origin + b * shares.bucketMs;
    if (start > scale.toMs) break;
    const end = start + shares.bucketMs;
    if (except && start >= except.fromMs && end <= except.toMs) continue;
    const x0 = clampX(scale.x(start), layout);
    const width = Math.max(1, clampX(scale.x(end), layout) - x0);
    let top = row.y;
    const bucket = shares.shares[b]!;
    for (let lane = 0; lane < bucket.length; lane++) {
      const share = bucket[lane]!;
      if (share <= 0) continue;
      const height = (share / 100) * row.height;
      ctx.fillStyle = colors.lane[lane % colors.lane.length]!;
      ctx.fillRect(x0, top, width, height);
      top += height;
    }
  }
}

function drawTurns(
  ctx: CanvasRenderingContext2D,
  turns: readonly { readonly lane: number; readonly start: number; readonly end: number }[],
  scale: GroupScale,
  layout: LanesLayout,
  row: Row<'gil'>,
  colors: ThemeColors,
  except: { readonly fromMs: number; readonly toMs: number } | null,
): void {
  for (let i = firstVisible(turns, scale.fromMs); i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.start > scale.toMs) break;
    if (except && turn.start >= except.fromMs && turn.end <= except.toMs) continue;
    const x0 = clampX(scale.x(turn.start), layout);
    const width = clampX(scale.x(turn.end), layout) - x0;
    ctx.fillStyle = colors.lane[turn.lane % colors.lane.length]!;
    // A seam between turns, when they are wide enough to count.
    ctx.fillRect(x0, row.y, Math.max(1, width > 4 ? width - 1 : width), row.height);
  }
}

function drawGilWindow(
  ctx: CanvasRenderingContext2D,
  gil: GilWindow,
  scale: GroupScale,
  layout: LanesLayout,
  row: Row<'gil'>,
  colors: ThemeColors,
): void {
  if (gil.kind === 'turns') drawTurns(ctx, gil.turns, scale, layout, row, colors, null);
  else drawShares(ctx, gil, scale, layout, row, colors, null);
}

/** The GIL holder track: the engine's window where it answered, the snapshot's shares (or main holders) elsewhere. */
export function drawGil(
  ctx: CanvasRenderingContext2D,
  row: Row<'gil'>,
  layout: LanesLayout,
  colors: ThemeColors,
  detail: TimelineWindowReply | undefined,
): void {
  const scale = layout.scales[row.model] ?? layout.shared;
  ctx.fillStyle = colors.track;
  ctx.fillRect(layout.plotLeft, row.y, layout.plotRight - layout.plotLeft, row.height);
  ctx.font = BOLD_FONT;
  ctx.fillStyle = colors.text;
  ctx.fillText('GIL holder', 12, row.y + row.height / 2 + 1);
  const fine = detail?.gil && detail.toMs >= scale.fromMs && detail.fromMs <= scale.toMs ? detail : null;
  const except = fine ? { fromMs: fine.fromMs, toMs: fine.toMs } : null;
  const snapshot: ModelSnapshot = row.snapshot;
  if (snapshot.gilShares) drawShares(ctx, snapshot.gilShares, scale, layout, row, colors, except);
  else if (snapshot.gilTrack) drawTurns(ctx, snapshot.gilTrack, scale, layout, row, colors, except);
  if (fine?.gil) drawGilWindow(ctx, fine.gil, scale, layout, row, colors);
}

/** "+N more lanes" under a model's lanes. */
export function drawMore(
  ctx: CanvasRenderingContext2D,
  row: Row<'more'>,
  layout: LanesLayout,
  colors: ThemeColors,
): void {
  ctx.font = FONT;
  ctx.fillStyle = colors.muted;
  ctx.fillText(`+${row.hidden} more lanes`, layout.plotLeft, row.y + row.height / 2);
}

/** Outlines of the hovered and the selected task, on their lanes. */
export function drawMarks(
  ctx: CanvasRenderingContext2D,
  layout: LanesLayout,
  marks: readonly TaskMark[],
  colors: ThemeColors,
): void {
  for (const mark of marks) {
    const row = layout.rows.find(
      (r): r is Row<'lane'> => r.kind === 'lane' && r.model === mark.model && r.index === mark.lane,
    );
    if (!row) continue;
    const scale = layout.scales[row.model] ?? layout.shared;
    const x0 = clampX(scale.x(mark.startedAt), layout);
    const x1 = Math.max(x0 + 3, clampX(scale.x(mark.endedAt ?? row.nowMs), layout));
    ctx.lineWidth = mark.kind === 'selected' ? 2.5 : 1.5;
    ctx.strokeStyle = mark.kind === 'selected' ? colors.accent : colors.text;
    ctx.strokeRect(x0 - 1, row.y - 1.5, x1 - x0 + 2, row.height + 3);
  }
}

/** The keyboard cursor: a dashed line at its time and a frame around its row. */
export function drawCursor(
  ctx: CanvasRenderingContext2D,
  layout: LanesLayout,
  cursor: LanesScene['cursor'],
  colors: ThemeColors,
): void {
  const row = cursor ? layout.rows[cursor.row] : undefined;
  if (!cursor || !row) return;
  const scale = layout.scales[row.model] ?? layout.shared;
  const x = Math.round(clampX(scale.x(cursor.ms), layout)) + 0.5;
  ctx.strokeStyle = colors.accent;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(x, layout.plotTop);
  ctx.lineTo(x, layout.plotBottom);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.lineWidth = 2;
  ctx.strokeRect(layout.plotLeft - 1, row.y - 2, layout.plotRight - layout.plotLeft + 2, row.height + 4);
}
