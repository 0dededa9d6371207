/**
 * Draws the lanes view on a canvas, like a profiler's threads view: a label gutter, one track per
 * lane with busy intervals coloured by model (failed ones red, the running task as a lighter bar up
 * to "now"), the GIL holder track for gil-threads, and a time axis, looked at through a viewport
 * (zoom and pan) with one axis for all models or one each. Redraws are coalesced to one per
 * animation frame and sized for the device pixel ratio; new snapshots and a new scene (zoom, the
 * engine's finer windows, hover) only ask for the next frame.
 */
import { scheduledChart, type StoreChart } from './store-chart';
import {
  describeLanes,
  layoutLanes,
  LANES_METRICS,
  DEFAULT_LOOK,
  type LanesInput,
  type LanesLayout,
} from './lanes-layout';
import {
  drawAxes,
  drawCursor,
  drawGil,
  drawHeader,
  drawLane,
  drawMarks,
  drawMore,
  FONT,
  type LanesScene,
} from './lanes-draw';
import type { ThemeColors } from './theme-colors';

/** A lanes view bound to one canvas: new snapshots or a new scene are drawn in the next frame, and again when its box is resized. */
export interface LanesRenderer extends StoreChart<LanesInput> {
  /** Zoom, axis mode, the engine's finer windows, outlined tasks and the keyboard cursor. */
  setScene(scene: LanesScene): void;
  /** The layout last drawn, for hit testing; null before the first frame. */
  layout(): LanesLayout | null;
}

/** The scene before anyone zooms or points. */
export const EMPTY_SCENE: LanesScene = { look: DEFAULT_LOOK, details: new Map(), marks: [], cursor: null };

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
  let scene = EMPTY_SCENE;
  let described = '';
  let last: LanesLayout | null = null;
  let gutter: { input: LanesInput; width: number } | null = null;

  function draw(): void {
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const width = Math.max(240, Math.floor(canvas.parentElement?.clientWidth ?? canvas.clientWidth));
    ctx.font = FONT;
    // Measuring every label is the costliest step: once per snapshot, not once per zoom frame.
    if (gutter?.input !== input) gutter = { input, width: gutterFor(ctx, input) };
    const layout = layoutLanes(input, { ...LANES_METRICS, width, gutter: gutter.width }, scene.look);
    last = layout;
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(layout.height * ratio);
    if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
    if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
    const cssWidth = `${width}px`;
    const cssHeight = `${layout.height}px`;
    if (canvas.style.width !== cssWidth) canvas.style.width = cssWidth;
    if (canvas.style.height !== cssHeight) canvas.style.height = cssHeight;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, layout.height);
    ctx.textBaseline = 'middle';
    drawAxes(ctx, layout, colors);
    for (const row of layout.rows) {
      const detail = scene.details.get(row.model);
      if (row.kind === 'header') drawHeader(ctx, row, colors, width);
      else if (row.kind === 'lane') drawLane(ctx, row, layout, colors, detail);
      else if (row.kind === 'gil') drawGil(ctx, row, layout, colors, detail);
      else if (row.kind === 'more') drawMore(ctx, row, layout, colors);
    }
    drawMarks(ctx, layout, scene.marks, colors);
    drawCursor(ctx, layout, scene.cursor, colors);
    const description = describeLanes(input);
    if (description !== described) {
      canvas.setAttribute('aria-label', description);
      described = description;
    }
  }

  const chart = scheduledChart<LanesInput>({
    draw,
    takeInput(next) {
      input = next;
    },
    takeColors(next) {
      colors = next;
    },
    redrawOnResize: true,
  });
  const { requestDraw, ...rest } = chart;
  return {
    ...rest,
    setScene(next) {
      scene = next;
      requestDraw();
    },
    layout: () => last,
  };
}
