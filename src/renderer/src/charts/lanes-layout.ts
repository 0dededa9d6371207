/**
 * Where everything of the lanes view goes: a group per model (header, the GIL holder track for
 * gil-threads, one row per lane, "+N more lanes"), a shared time axis in ms since each model's start.
 * Pure, so it is tested without a canvas.
 */
import type { ModelId } from '../../../shared/models';
import type { BusyInterval, GilHold, ModelRunState, ModelSnapshot } from '../../../shared/results';

/** Who held the GIL when, ms since the model's start. */
export type GilSpan = GilHold;

/** The snapshots to lay out, in run order. */
export interface LanesInput {
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
  | {
      readonly kind: 'gil';
      readonly model: ModelId;
      readonly y: number;
      readonly height: number;
      readonly spans: readonly GilSpan[];
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

/** Everything the renderer draws. */
export interface LanesLayout {
  readonly width: number;
  readonly height: number;
  readonly rows: readonly LanesRow[];
  /** End of the time axis, ms. */
  readonly domainMs: number;
  /** x of a time, in CSS pixels. */
  readonly x: (ms: number) => number;
  readonly plotTop: number;
  readonly plotBottom: number;
  readonly ticks: readonly number[];
}

/** The GIL holder track of a snapshot, if it has one (gil-threads only). */
export function gilTrackOf(snapshot: ModelSnapshot): readonly GilSpan[] | undefined {
  return snapshot.gilTrack;
}

/** Lane height by how many lanes a model has: roomy for a few, thin strips for many. */
export function laneHeight(lanes: number): number {
  if (lanes <= 8) return 18;
  if (lanes <= 16) return 12;
  if (lanes <= 32) return 8;
  return 5;
}

/** Tick positions at a 1-2-5 step, about `target` of them from 0 to `maxMs`. */
export function timeTicks(maxMs: number, target = 6): number[] {
  if (!(maxMs > 0)) return [0];
  const raw = maxMs / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = 0; t <= maxMs + step * 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000);
  return ticks;
}

/** A tick label: "0", "250 ms", "1.5 s". */
export function tickLabel(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1000) return `${Number(ms.toPrecision(3))} ms`;
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

function latestTime(snapshot: ModelSnapshot): number {
  let latest = snapshot.elapsedMs;
  for (const lane of snapshot.lanes) {
    const last = lane.intervals.at(-1);
    if (last) latest = Math.max(latest, last.end);
  }
  return latest;
}

/** Lays out the view for a canvas `metrics.width` CSS pixels wide. */
export function layoutLanes(input: LanesInput, metrics: LanesMetrics): LanesLayout {
  const rows: LanesRow[] = [];
  // The time axis goes on top, where it stays in view when the lanes scroll.
  let y = metrics.axisHeight;
  let domainMs = 0;
  for (const model of input.models) {
    const snapshot = input.snapshots[model];
    if (!snapshot) {
      rows.push({
        kind: 'header',
        model,
        y,
        height: metrics.headerHeight,
        state: waitingState(input, model),
        laneCount: 0,
      });
      y += metrics.headerHeight;
      continue;
    }
    domainMs = Math.max(domainMs, latestTime(snapshot));
    const laneCount = snapshot.lanes.length + snapshot.hiddenLanes;
    rows.push({ kind: 'header', model, y, height: metrics.headerHeight, state: snapshot.state, laneCount });
    y += metrics.headerHeight;
    const gil = gilTrackOf(snapshot);
    if (gil) {
      rows.push({ kind: 'gil', model, y, height: 14, spans: gil });
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
        gilHue: gil !== undefined,
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
  const ticks = timeTicks(domainMs);
  const end = Math.max(1, domainMs, ticks.at(-1) ?? 0);
  return {
    width: metrics.width,
    height: y,
    rows,
    domainMs: end,
    x: (ms: number) => plotLeft + (Math.max(0, ms) / end) * plotWidth,
    plotTop: metrics.axisHeight,
    plotBottom: y,
    ticks,
  };
}

/** One sentence describing the view, for the canvas's accessible name. */
export function describeLanes(input: LanesInput): string {
  const parts = input.models.map((model) => {
    const snapshot = input.snapshots[model];
    if (!snapshot) return `${model} ${waitingState(input, model)}`;
    const lanes = snapshot.lanes.length + snapshot.hiddenLanes;
    const gil = gilTrackOf(snapshot) ? ', with the GIL holder track' : '';
    return `${model} ${lanes} lane${lanes === 1 ? '' : 's'} (${snapshot.state}${gil})`;
  });
  return parts.length === 0
    ? 'Lanes timeline: no run yet.'
    : `Lanes timeline, one lane per thread, process or async slot: ${parts.join('; ')}.`;
}
