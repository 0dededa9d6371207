/**
 * Busy intervals per lane for the live lanes view, kept within a size budget: intervals closer than
 * the current merge gap are merged, and the gap doubles whenever a lane outgrows its share — so once
 * tasks outnumber pixels, the view gets merged busy stretches instead of one bar per task.
 *
 * A lane that no snapshot can ever show keeps only its label, packed with the other hidden lanes'
 * labels into one buffer. Snapshots show the first `maxLanes` lanes by index and lanes are never
 * removed, so a lane with `maxLanes` lanes below it is hidden for good. Async with 100,000 tasks has
 * 100,000 lanes: tracked in full, each kept about 300 bytes, and even as a bare Lane object with its
 * label it was two objects for the serving process's young-generation collections to copy while
 * the tasks started.
 */
import type { BusyInterval, Lane, LaneTrack } from '../../../shared/results';
import { TextColumn } from './text-column';

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

/** A lane that snapshots may show: its busy intervals and whether a task runs on it now. */
class TrackedLane {
  intervals: MutableInterval[] = [];
  runningSince: number | null = null;
  constructor(public lane: Lane) {}
}

/** A lane no snapshot can show: its label is in the hidden lanes' column. */
const HIDDEN = 0;

/** A lane tracked in full, or a hidden one. */
type LaneSlot = TrackedLane | typeof HIDDEN;

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
  private readonly lanes: (LaneSlot | undefined)[] = [];
  private readonly hiddenLabels = TextColumn.growing();
  private laneCount = 0;
  private gapMs = 0;

  constructor(private readonly budget: LaneBudget = DEFAULT_LANE_BUDGET) {}

  /** Adds a lane or renames it (a replaced worker). */
  setLane(lane: Lane): void {
    const slot = this.lanes[lane.index];
    if (slot instanceof TrackedLane) slot.lane = lane;
    else if (slot !== undefined) this.hiddenLabels.set(lane.index, lane.label);
    else if (this.lanesBelow(lane.index) >= this.budget.maxLanes) {
      this.lanes[lane.index] = HIDDEN;
      this.hiddenLabels.set(lane.index, lane.label);
      this.laneCount++;
    } else {
      this.lanes[lane.index] = new TrackedLane(lane);
      this.laneCount++;
      // A new lane shrinks every lane's share of the budget — until more lanes exist than are sent.
      if (this.laneCount <= this.budget.maxLanes) this.coarsen();
    }
  }

  /** A task started on a lane. */
  start(lane: number, at: number): void {
    const state = this.ensure(lane);
    if (state && state.runningSince === null) state.runningSince = at;
  }

  /** A task ended on a lane; its interval is merged into the lane's track. */
  end(lane: number, start: number, end: number, failed: boolean): void {
    const state = this.ensure(lane);
    if (!state) return;
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
      const slot = this.lanes[index];
      if (slot instanceof TrackedLane) list.push(slot.lane);
      else if (slot === HIDDEN) list.push({ index, label: this.hiddenLabels.get(index)! });
    }
    return list;
  }

  /** One more than the highest lane index known. */
  get slots(): number {
    return this.lanes.length;
  }

  /** A lane's label, or "lane N" for one never announced. */
  labelOf(lane: number): string {
    const slot = this.lanes[lane];
    if (slot instanceof TrackedLane) return slot.lane.label;
    return (slot === HIDDEN ? this.hiddenLabels.get(lane) : undefined) ?? `lane ${lane + 1}`;
  }

  /** The lanes within budget, and how many more lanes were left out. */
  snapshot(): { lanes: LaneTrack[]; hiddenLanes: number } {
    const lanes: LaneTrack[] = [];
    // Stops at the budget: async with 100,000 tasks in flight has 100,000 slots.
    for (let index = 0; index < this.lanes.length && lanes.length < this.budget.maxLanes; index++) {
      const state = this.lanes[index];
      if (state === undefined) continue;
      // Only a lane with `maxLanes` lanes below it is kept untracked, and the loop stops before it.
      if (!(state instanceof TrackedLane)) break;
      lanes.push({
        index,
        label: state.lane.label,
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

  /** The lane's state, announcing it first if it is new; null for a lane no snapshot can show. */
  private ensure(lane: number): TrackedLane | null {
    if (this.lanes[lane] === undefined) this.setLane({ index: lane, label: `lane ${lane + 1}` });
    const slot = this.lanes[lane];
    return slot instanceof TrackedLane ? slot : null;
  }

  /** How many lanes have an index below `index`, counted up to `maxLanes` (enough to tell). */
  private lanesBelow(index: number): number {
    // The common case: a new lane after every known one (slots and workers are numbered in order).
    if (index >= this.lanes.length) return this.laneCount;
    let count = 0;
    for (let i = 0; i < index && count < this.budget.maxLanes; i++) if (this.lanes[i] !== undefined) count++;
    return count;
  }

  private perLaneCap(): number {
    const shown = Math.max(1, Math.min(this.budget.maxLanes, this.laneCount));
    return Math.max(2, Math.floor(this.budget.maxIntervals / shown));
  }

  private coarsen(): void {
    const cap = this.perLaneCap();
    const tracked = (slot: LaneSlot | undefined): slot is TrackedLane => slot instanceof TrackedLane;
    while (this.lanes.some((slot) => tracked(slot) && slot.intervals.length > cap)) {
      this.gapMs = this.gapMs === 0 ? 1 : this.gapMs * 2;
      for (const slot of this.lanes)
        if (tracked(slot)) slot.intervals = mergeWithin(slot.intervals, this.gapMs);
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
