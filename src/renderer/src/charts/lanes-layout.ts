/**
 * Where everything of the lanes view goes: a group per model (header, the GIL holder track for
 * gil-threads, one row per lane, "+N more lanes"), and the time axis in ms since each model's start:
 * one shared by every model (on top), or one per model (under each header, each model's run filling
 * the width). The viewport says which stretch of the axis is on screen. Pure, so it is tested
 * without a canvas.
 */
import type { ModelId } from '../../../shared/models';
import type { BusyInterval, GilHold, ModelRunState, ModelSnapshot } from '../../../shared/results';
import { FIT, type LanesViewport } from './lanes-viewport';
import { rangeTicks } from './time-ticks';

/** Who held the GIL when, ms since the model's start. */
export type GilSpan = GilHold;

/** One time axis for every model, or one per model (each run filling the width). */
export type TimeAxisMode = 'shared' | 'per-model';

/** The snapshots to lay out, in run order. */
export interface LanesInput {
  /** The run they belong to, when the engine can be asked about it. */
  readonly runId?: string | null;
  readonly models: readonly ModelId[];
  readonly snapshots: Readonly<Partial<Record<ModelId, ModelSnapshot>>>;
  /** How models ended, for those cancelled before they sent a snapshot. */
  readonly finished?: readonly { readonly model: ModelId; readonly state: ModelRunState }[];
}

function waitingState(input: LanesInput, model: ModelId): ModelRunState | 'waiting' {
  return input.finished?.find((result) => result.model === model)?.state ?? 'waiting';
}

/** Sizes in CSS pixels. */
export interface LanesMetrics {
  readonly width: number;
  readonly gutter: number;
  readonly rightPad: number;
  readonly headerHeight: number;
  readonly axisHeight: number;
}

/** Default sizes. */
export const LANES_METRICS: Omit<LanesMetrics, 'width'> = {
  gutter: 112,
  rightPad: 12,
  headerHeight: 24,
  axisHeight: 26,
};

/** Height of the axis under each header when every model has its own. */
const GROUP_AXIS_HEIGHT = 18;

/** One row of the view. */
export type LanesRow =
  | {
      readonly kind: 'header';
      readonly model: ModelId;
      readonly y: number;
      readonly height: number;
      readonly state: ModelRunState | 'waiting';
      readonly laneCount: number;
    }
  | { readonly kind: 'axis'; readonly model: ModelId; readonly y: number; readonly height: number }
  | {
      readonly kind: 'gil';
      readonly model: ModelId;
      readonly y: number;
      readonly height: number;
      readonly snapshot: ModelSnapshot;
    }
  | {
      readonly kind: 'lane';
      readonly model: ModelId;
      readonly y: number;
      readonly height: number;
      readonly index: number;
      readonly label: string;
      readonly intervals: readonly BusyInterval[];
      readonly runningSince: number | null;
      /** The model's "now": running tasks are drawn up to here. */
      readonly nowMs: number;
      /** Whether the model has a GIL track, so lanes show their hue for matching holders. */
      readonly gilHue: boolean;
    }
  | {
      readonly kind: 'more';
      readonly model: ModelId;
      readonly y: number;
      readonly height: number;
      readonly hidden: number;
    };

/** One model's stretch of time on screen and where it is drawn. */
export interface GroupScale {
  /** Length of the model's axis at "fit", ms. */
  readonly domainMs: number;
  /** The stretch on screen, ms since the model's start. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly ticks: readonly number[];
  /** x of a time, in CSS pixels (outside the plot when off screen). */
  readonly x: (ms: number) => number;
  /** The time at an x. */
  readonly ms: (x: number) => number;
}

/** Everything the renderer draws. */
export interface LanesLayout {
  readonly width: number;
  readonly height: number;
  readonly rows: readonly LanesRow[];
  readonly axis: TimeAxisMode;
  readonly plotLeft: number;
  readonly plotRight: number;
  readonly plotTop: number;
  readonly plotBottom: number;
  /** The shared axis (every model's in shared mode; the longest run's otherwise). */
  readonly shared: GroupScale;
  /** Each model's axis: the shared one, or its own. */
  readonly scales: Readonly<Partial<Record<ModelId, GroupScale>>>;
}

/** How the view is looked at: which stretch, and one axis or one per model. */
export interface LanesLook {
  readonly viewport: LanesViewport;
  readonly axis: TimeAxisMode;
}

/** The whole run on one shared axis. */
export const DEFAULT_LOOK: LanesLook = { viewport: FIT, axis: 'shared' };

/** The GIL holder track of a snapshot, if it has one (gil-threads only). */
export function gilTrackOf(snapshot: ModelSnapshot): readonly GilSpan[] | undefined {
  return snapshot.gilTrack;
}

function hasGil(snapshot: ModelSnapshot): boolean {
  return snapshot.gilTrack !== undefined || snapshot.gilShares !== undefined;
}

/** Lane height by how many lanes a model has: roomy for a few, thin strips for many. */
export function laneHeight(lanes: number): number {
  if (lanes <= 8) return 18;
  if (lanes <= 16) return 12;
  if (lanes <= 32) return 8;
  return 5;
}

/** The latest time a snapshot knows of: its elapsed time, or a later interval's end. */
export function latestTime(snapshot: ModelSnapshot): number {
  let latest = snapshot.elapsedMs;
  for (const lane of snapshot.lanes) {
    const last = lane.intervals.at(-1);
    if (last) latest = Math.max(latest, last.end);
  }
  return latest;
}

function scaleOf(domainMs: number, viewport: LanesViewport, left: number, width: number): GroupScale {
  const end = Math.max(1, domainMs);
  const fromMs = viewport.start * end;
  const toMs = viewport.end * end;
  const perMs = width / Math.max(1e-9, toMs - fromMs);
  return {
    domainMs: end,
    fromMs,
    toMs,
    ticks: rangeTicks(fromMs, toMs),
    x: (ms) => left + (ms - fromMs) * perMs,
    ms: (x) => fromMs + (x - left) / perMs,
  };
}

/** The axis's length at "fit": the run's end, rounded up to a tick when the view shows it all. */
function domainOf(latest: number): number {
  const ticks = rangeTicks(0, Math.max(1, latest));
  return Math.max(1, latest, ticks.at(-1) ?? 0);
}

/** Lays out the view for a canvas `metrics.width` CSS pixels wide, looked at through `look`. */
export function layoutLanes(
  input: LanesInput,
  metrics: LanesMetrics,
  look: LanesLook = DEFAULT_LOOK,
): LanesLayout {
  const rows: LanesRow[] = [];
  const perModel = look.axis === 'per-model';
  // The shared axis goes on top, above every group.
  let y = perModel ? 4 : metrics.axisHeight;
  const plotTop = y;
  const latest: Partial<Record<ModelId, number>> = {};
  for (const model of input.models) {
    const snapshot = input.snapshots[model];
    const state = snapshot?.state ?? waitingState(input, model);
    const laneCount = snapshot ? snapshot.lanes.length + snapshot.hiddenLanes : 0;
    rows.push({ kind: 'header', model, y, height: metrics.headerHeight, state, laneCount });
    y += metrics.headerHeight;
    if (!snapshot) continue;
    latest[model] = latestTime(snapshot);
    if (perModel) {
      rows.push({ kind: 'axis', model, y, height: GROUP_AXIS_HEIGHT });
      y += GROUP_AXIS_HEIGHT;
    }
    const gil = hasGil(snapshot);
    if (gil) {
      rows.push({ kind: 'gil', model, y, height: 14, snapshot });
      y += 16;
    }
    const height = laneHeight(snapshot.lanes.length);
    for (const lane of snapshot.lanes) {
      rows.push({
        kind: 'lane',
        model,
        y,
        height,
        index: lane.index,
        label: lane.label,
        intervals: lane.intervals,
        runningSince: lane.runningSince,
        nowMs: snapshot.elapsedMs,
        gilHue: gil,
      });
      y += height + (height >= 12 ? 2 : 1);
    }
    if (snapshot.hiddenLanes > 0) {
      rows.push({ kind: 'more', model, y, height: 16, hidden: snapshot.hiddenLanes });
      y += 16;
    }
    y += 6;
  }
  const plotLeft = metrics.gutter;
  const plotWidth = Math.max(1, metrics.width - metrics.gutter - metrics.rightPad);
  const longest = Math.max(0, ...Object.values(latest));
  const shared = scaleOf(domainOf(longest), look.viewport, plotLeft, plotWidth);
  const scales: Partial<Record<ModelId, GroupScale>> = {};
  for (const model of input.models) {
    const own = latest[model];
    scales[model] =
      perModel && own !== undefined ? scaleOf(domainOf(own), look.viewport, plotLeft, plotWidth) : shared;
  }
  return {
    width: metrics.width,
    height: y,
    rows,
    axis: look.axis,
    plotLeft,
    plotRight: plotLeft + plotWidth,
    plotTop,
    plotBottom: y,
    shared,
    scales,
  };
}

/** One sentence describing the view, for the canvas's accessible name. */
export function describeLanes(input: LanesInput): string {
  const parts = input.models.map((model) => {
    const snapshot = input.snapshots[model];
    if (!snapshot) return `${model} ${waitingState(input, model)}`;
    const lanes = snapshot.lanes.length + snapshot.hiddenLanes;
    const gil = hasGil(snapshot) ? ', with the GIL holder track' : '';
    return `${model} ${lanes} lane${lanes === 1 ? '' : 's'} (${snapshot.state}${gil})`;
  });
  return parts.length === 0
    ? 'Lanes timeline: no run yet.'
    : `Lanes timeline, one lane per thread, process or async slot: ${parts.join('; ')}.`;
}
