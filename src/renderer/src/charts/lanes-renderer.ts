/**
 * Draws the lanes view on a canvas, like a concurrency visualizer's threads view: a label gutter,
 * one track per lane with busy intervals coloured by model (failed ones red, the running task as a
 * lighter bar up to "now"), the GIL holder track for gil-threads, and a time axis. Redraws are
 * coalesced to one per animation frame and sized for the device pixel ratio.
 */
import { stateWord } from '../format/run-state';
import { scheduledChart, type StoreChart } from './store-chart';
import {
  describeLanes,
  layoutLanes,
  LANES_METRICS,
  tickLabel,
  type LanesInput,
  type LanesLayout,
  type LanesRow,
} from './lanes-layout';
import { withAlpha, type ThemeColors } from './theme-colors';

/** A lanes view bound to one canvas: new snapshots are drawn in the next frame, and again when its box is resized. */
export type LanesRenderer = StoreChart<LanesInput>;

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif';
const BOLD_FONT = `600 ${FONT}`;

function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function drawHeader(
  ctx: CanvasRenderingContext2D,
  row: Extract<LanesRow, { kind: 'header' }>,
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

function drawLane(
  ctx: CanvasRenderingContext2D,
  row: Extract<LanesRow, { kind: 'lane' }>,
  layout: LanesLayout,
  colors: ThemeColors,
): void {
  const left = layout.x(0);
  const right = layout.x(layout.domainMs);
  const mid = row.y + row.height / 2 + 1;
  ctx.fillStyle = colors.track;
  ctx.fillRect(left, row.y, right - left, row.height);
  if (row.height >= 12) {
    let textLeft = 12;
    if (row.gilHue) {
      ctx.fillStyle = colors.lane[row.index % colors.lane.length]!;
      ctx.fillRect(12, mid - 4, 8, 8);
      textLeft = 24;
    }
    ctx.font = FONT;
    ctx.fillStyle = colors.muted;
    ctx.fillText(fitText(ctx, row.label, left - textLeft - 6), textLeft, mid);
  }
  const bars = (only: 'all' | 'failed', top: number, height: number) => {
    ctx.beginPath();
    for (const interval of row.intervals) {
      if (only === 'failed' && !interval.failed) continue;
      const x0 = layout.x(interval.start);
      const width = layout.x(interval.end) - x0;
      // A 1 px seam keeps back-to-back tasks countable; bars too thin for it stay whole.
      ctx.rect(x0, top, Math.max(1, width > 4 ? width - 1 : width), height);
    }
    ctx.fill();
  };
  ctx.fillStyle = colors.model[row.model];
  bars('all', row.y, row.height);
  // Busy stretches are merged once tasks outnumber pixels, so a failed interval may hold good
  // tasks too: its upper half is red, its lower half keeps the model's colour.
  ctx.fillStyle = colors.failed;
  bars('failed', row.y, Math.ceil(row.height / 2));
  if (row.runningSince !== null && row.nowMs >= row.runningSince) {
    const x0 = layout.x(row.runningSince);
    const x1 = Math.max(x0 + 2, layout.x(row.nowMs));
    ctx.fillStyle = withAlpha(colors.model[row.model], 0.35);
    ctx.fillRect(x0, row.y, x1 - x0, row.height);
    ctx.fillStyle = colors.model[row.model];
    ctx.fillRect(x1 - 2, row.y, 2, row.height);
  }
}

function drawGil(
  ctx: CanvasRenderingContext2D,
  row: Extract<LanesRow, { kind: 'gil' }>,
  layout: LanesLayout,
  colors: ThemeColors,
): void {
  const left = layout.x(0);
  ctx.fillStyle = colors.track;
  ctx.fillRect(left, row.y, layout.x(layout.domainMs) - left, row.height);
  ctx.font = BOLD_FONT;
  ctx.fillStyle = colors.text;
  ctx.fillText('GIL holder', 12, row.y + row.height / 2 + 1);
  for (const span of row.spans) {
    const x0 = layout.x(span.start);
    ctx.fillStyle = colors.lane[span.lane % colors.lane.length]!;
    ctx.fillRect(x0, row.y, Math.max(1, layout.x(span.end) - x0), row.height);
  }
}

function drawAxis(ctx: CanvasRenderingContext2D, layout: LanesLayout, colors: ThemeColors): void {
  ctx.font = FONT;
  ctx.textAlign = 'center';
  for (const tick of layout.ticks) {
    const x = Math.round(layout.x(tick)) + 0.5;
    ctx.fillStyle = colors.grid;
    ctx.fillRect(x - 0.5, layout.plotTop - 4, 1, layout.plotBottom - layout.plotTop + 4);
    ctx.fillStyle = colors.muted;
    ctx.fillText(tickLabel(tick), x, layout.plotTop / 2);
  }
  ctx.textAlign = 'left';
}

/** A label gutter wide enough for the longest lane label ("process 2 (pid 41234)"), within bounds. */
function gutterFor(ctx: CanvasRenderingContext2D, input: LanesInput): number {
  let widest = 0;
  for (const model of input.models) {
    for (const lane of input.snapshots[model]?.lanes ?? [])
      widest = Math.max(widest, ctx.measureText(lane.label).width);
  }
  return Math.min(200, Math.max(LANES_METRICS.gutter, Math.ceil(widest) + 32));
}

/** Binds a lanes view to `canvas`; its width follows the canvas's parent element. */
export function createLanesRenderer(canvas: HTMLCanvasElement, initialColors: ThemeColors): LanesRenderer {
  let input: LanesInput = { models: [], snapshots: {} };
  let colors = initialColors;
  let described = '';

  function draw(): void {
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const width = Math.max(240, Math.floor(canvas.parentElement?.clientWidth ?? canvas.clientWidth));
    ctx.font = FONT;
    const layout = layoutLanes(input, { ...LANES_METRICS, width, gutter: gutterFor(ctx, input) });
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(layout.height * ratio);
    if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
    if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${layout.height}px`;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, layout.height);
    ctx.textBaseline = 'middle';
    drawAxis(ctx, layout, colors);
    ctx.textBaseline = 'middle';
    for (const row of layout.rows) {
      if (row.kind === 'header') drawHeader(ctx, row, colors, width);
      else if (row.kind === 'lane') drawLane(ctx, row, layout, colors);
      else if (row.kind === 'gil') drawGil(ctx, row, layout, colors);
      else {
        ctx.font = FONT;
        ctx.fillStyle = colors.muted;
        ctx.fillText(`+${row.hidden} more lanes`, layout.x(0), row.y + row.height / 2);
      }
    }
    const description = describeLanes(input);
    if (description !== described) {
      canvas.setAttribute('aria-label', description);
      described = description;
    }
  }

  return scheduledChart<LanesInput>({
    draw,
    takeInput(next) {
      input = next;
    },
    takeColors(next) {
      colors = next;
    },
    redrawOnResize: true,
  });
}
