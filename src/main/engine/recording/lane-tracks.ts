/**
 * Busy intervals per lane for the live lanes view, kept within a size budget: intervals closer than
 * the current merge gap are merged, and the gap doubles whenever a lane outgrows its share — so once
 * tasks outnumber pixels, the view gets merged busy stretches instead of one bar per task.
 */
import type { BusyInterval, Lane, LaneTrack } from '../../../shared/results';

/** Size limits of what a snapshot carries. */
export interface LaneBudget {
  /** Lanes sent in a snapshot; the rest are counted, not drawn. */
  readonly maxLanes: number;
  /** Busy intervals over all sent lanes. */
  readonly maxIntervals: number;
}

/** Limits that keep one model's snapshot well under 64 KB. */
export const DEFAULT_LANE_BUDGET: LaneBudget = { maxLanes: 64, maxIntervals: 1000 };

interface MutableInterval {
  start: number;
  end: number;
  failed: boolean;
}

interface LaneState {
  label: string;
  intervals: MutableInterval[];
  runningSince: number | null;
}

/** Snapshot times are rounded outward to 0.1 ms: finer is invisible, and full doubles double the JSON. */
function roundedOutward(intervals: readonly MutableInterval[]): BusyInterval[] {
  const out: MutableInterval[] = [];
  for (const { start, end, failed } of intervals) {
    const s = Math.floor(start * 10) / 10;
    const e = Math.ceil(end * 10) / 10;
    const last = out.at(-1);
    // Rounding may make neighbours touch; merge them so intervals never overlap.
    if (last && e <= last.end) {
      // Swallowed whole by its neighbour once rounded: a sub-0.1 ms task.
      last.failed ||= failed;
    } else {
      // Rounding outward may overlap the neighbour: start where it ends (touching, not merged).
      out.push({ start: last ? Math.max(s, last.end) : s, end: e, failed });
    }
  }
  return out;
}

/** Merged busy intervals of every lane of one model's run (times in ms since the model's start). */
export class LaneTracks {
  private readonly lanes: LaneState[] = [];
  private laneCount = 0;
  private gapMs = 0;

  constructor(private readonly budget: LaneBudget = DEFAULT_LANE_BUDGET) {}

  /** Adds a lane or renames it (a replaced worker). */
  setLane(lane: Lane): void {
    const state = this.lanes[lane.index];
    if (state) state.label = lane.label;
    else {
      this.lanes[lane.index] = { label: lane.label, intervals: [], runningSince: null };
      this.laneCount++;
      // A new lane shrinks every lane's share of the budget — until more lanes exist than are sent.
      if (this.laneCount <= this.budget.maxLanes) this.coarsen();
    }
  }

  /** A task started on a lane. */
  start(lane: number, at: number): void {
    const state = this.ensure(lane);
    if (state.runningSince === null) state.runningSince = at;
  }

  /** A task ended on a lane; its interval is merged into the lane's track. */
  end(lane: number, start: number, end: number, failed: boolean): void {
    const state = this.ensure(lane);
    state.runningSince = null;
    const last = state.intervals.at(-1);
    // Strictly closer than the gap: at gap 0 (under budget) back-to-back tasks stay separate bars.
    if (last && start - last.end < this.gapMs && start >= last.start) {
      last.end = Math.max(last.end, end);
      last.failed ||= failed;
    } else {
      state.intervals.push({ start, end, failed });
    }
    if (state.intervals.length > this.perLaneCap()) this.coarsen();
  }

  /** Every lane known so far, or those with an index in [from, to). */
  lanesList(from = 0, to = this.lanes.length): Lane[] {
    const list: Lane[] = [];
    for (let index = from; index < Math.min(to, this.lanes.length); index++) {
      const state = this.lanes[index];
      if (state) list.push({ index, label: state.label });
    }
    return list;
  }

  /** One more than the highest lane index known. */
  get slots(): number {
    return this.lanes.length;
  }

  /** A lane's label, or "lane N" for one never announced. */
  labelOf(lane: number): string {
    return this.lanes[lane]?.label ?? `lane ${lane + 1}`;
  }

  /** The lanes within budget, and how many more lanes were left out. */
  snapshot(): { lanes: LaneTrack[]; hiddenLanes: number } {
    const lanes: LaneTrack[] = [];
    // Stops at the budget: async with 100,000 tasks in flight has 100,000 slots.
    for (let index = 0; index < this.lanes.length && lanes.length < this.budget.maxLanes; index++) {
      const state = this.lanes[index];
      if (!state) continue;
      lanes.push({
        index,
        label: state.label,
        runningSince: state.runningSince === null ? null : Math.floor(state.runningSince * 10) / 10,
        intervals: roundedOutward(state.intervals),
      });
    }
    return { lanes, hiddenLanes: this.laneCount - lanes.length };
  }

  /** The gap under which neighbouring intervals are merged now (grows as the run grows). */
  get mergeGapMs(): number {
    return this.gapMs;
  }

  private ensure(lane: number): LaneState {
    if (!this.lanes[lane]) this.setLane({ index: lane, label: `lane ${lane + 1}` });
    return this.lanes[lane]!;
  }

  private perLaneCap(): number {
    const shown = Math.max(1, Math.min(this.budget.maxLanes, this.laneCount));
    return Math.max(2, Math.floor(this.budget.maxIntervals / shown));
  }

  private coarsen(): void {
    const cap = this.perLaneCap();
    while (this.lanes.some((state) => state && state.intervals.length > cap)) {
      this.gapMs = this.gapMs === 0 ? 1 : this.gapMs * 2;
      for (const state of this.lanes) if (state) state.intervals = mergeWithin(state.intervals, this.gapMs);
    }
  }
}

function mergeWithin(intervals: readonly MutableInterval[], gapMs: number): MutableInterval[] {
  const merged: MutableInterval[] = [];
  for (const interval of intervals) {
    const last = merged.at(-1);
    if (last && interval.start - last.end < gapMs) {
      last.end = Math.max(last.end, interval.end);
      last.failed ||= interval.failed;
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}
