import { describe, expect, it } from 'vitest';
import type { BusyInterval, LaneTrack } from '../../../shared/results';
import { seededRandom } from '../../../shared/hashing';
import { DEFAULT_LANE_BUDGET, LaneTracks } from './lane-tracks';

interface TaskInterval {
  readonly lane: number;
  readonly start: number;
  readonly end: number;
  readonly failed: boolean;
}

/**
 * Times as the recorder computes them: epoch ms of the shared clock minus the model's epoch start, so
 * they carry the binary fractions a real run has (not round numbers).
 */
const EPOCH_START = 1_718_000_000_000.123;
const sinceStart = (ms: number): number => EPOCH_START + ms - EPOCH_START;

/**
 * Runs `tasks` tasks round-robin-free over `lanes` lanes: each lane runs its tasks back to back with a
 * small, random idle gap; about 1 % fail. Returns every task interval, in the order they ended.
 */
function simulate(
  tracks: LaneTracks,
  options: { lanes: number; tasks: number; seed: number; maxTaskMs: number; maxIdleMs: number },
  onEnd?: (count: number) => void,
): TaskInterval[] {
  const random = seededRandom(options.seed);
  const freeAt = new Array<number>(options.lanes).fill(0);
  for (let lane = 0; lane < options.lanes; lane++)
    tracks.setLane({ index: lane, label: `worker ${lane + 1}` });
  const ended: TaskInterval[] = [];
  for (let task = 0; task < options.tasks; task++) {
    // The lane that frees up first takes the next task, as in a pool.
    let lane = 0;
    for (let l = 1; l < options.lanes; l++) if (freeAt[l]! < freeAt[lane]!) lane = l;
    const start = freeAt[lane]! + random() * options.maxIdleMs;
    const end = start + random() * options.maxTaskMs;
    freeAt[lane] = end;
    const interval = { lane, start: sinceStart(start), end: sinceStart(end), failed: random() < 0.01 };
    tracks.start(lane, interval.start);
    tracks.end(lane, interval.start, interval.end, interval.failed);
    ended.push(interval);
    onEnd?.(ended.length);
  }
  return ended;
}

function totalIntervals(lanes: readonly LaneTrack[]): number {
  return lanes.reduce((sum, lane) => sum + lane.intervals.length, 0);
}

/** The merged interval of a sorted list that contains [start, end], by binary search. */
function containing(
  intervals: readonly BusyInterval[],
  start: number,
  end: number,
): BusyInterval | undefined {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = intervals[mid]!;
    if (m.end < start) lo = mid + 1;
    else if (m.start > end) hi = mid - 1;
    else {
      // Touching neighbours overlap the task by rounding too; 0.1 ms is the snapshot's resolution.
      const covers = (c: BusyInterval | undefined): boolean =>
        !!c && c.start <= start + 0.1 && end - 0.1 <= c.end;
      return [m, intervals[mid - 1], intervals[mid + 1]].find(covers);
    }
  }
  return undefined;
}

/**
 * Every task interval lies within one merged interval of its lane, to the snapshot's 0.1 ms
 * resolution; merged intervals ascend without overlap.
 */
function expectCoverage(tracks: LaneTracks, ended: readonly TaskInterval[]): void {
  const { lanes } = tracks.snapshot();
  const byIndex = new Map(lanes.map((lane) => [lane.index, lane.intervals]));
  for (const lane of lanes) {
    for (let i = 1; i < lane.intervals.length; i++) {
      // Touching is fine (back-to-back tasks); overlapping is not.
      expect(lane.intervals[i]!.start, `lane ${lane.index} interval ${i}`).toBeGreaterThanOrEqual(
        lane.intervals[i - 1]!.end,
      );
    }
  }
  for (const task of ended) {
    const merged = containing(byIndex.get(task.lane) ?? [], task.start, task.end);
    if (!merged) expect.fail(`task [${task.start}, ${task.end}] on lane ${task.lane} is not covered`);
    if (task.failed) expect(merged.failed).toBe(true);
  }
}

describe('LaneTracks', () => {
  it('stays within the interval budget while 100,000 tasks end on 8 lanes, covering every task', () => {
    const budget = { maxLanes: 64, maxIntervals: 400 };
    const tracks = new LaneTracks(budget);
    let worst = 0;
    const ended = simulate(
      tracks,
      { lanes: 8, tasks: 100_000, seed: 1, maxTaskMs: 3, maxIdleMs: 0.5 },
      (n) => {
        if (n % 500 === 0) worst = Math.max(worst, totalIntervals(tracks.snapshot().lanes));
      },
    );
    const { lanes, hiddenLanes } = tracks.snapshot();
    expect(lanes).toHaveLength(8);
    expect(hiddenLanes).toBe(0);
    expect(worst).toBeLessThanOrEqual(budget.maxIntervals);
    expect(totalIntervals(lanes)).toBeLessThanOrEqual(budget.maxIntervals);
    expect(tracks.mergeGapMs).toBeGreaterThan(0);
    expectCoverage(tracks, ended);
  });

  it('keeps one interval per task while the budget allows (no merging of separate tasks)', () => {
    const tracks = new LaneTracks({ maxLanes: 8, maxIntervals: 1000 });
    const ended = simulate(tracks, { lanes: 4, tasks: 200, seed: 2, maxTaskMs: 5, maxIdleMs: 1 });
    expect(tracks.mergeGapMs).toBe(0);
    const { lanes } = tracks.snapshot();
    // Tasks separated by more than the 0.1 ms display resolution stay apart; closer ones may share a bar.
    const apart = new Map<number, number>();
    const lastEnd = new Map<number, number>();
    for (const task of [...ended].sort((a, b) => a.start - b.start)) {
      const previous = lastEnd.get(task.lane);
      if (previous === undefined || task.start - previous > 0.2)
        apart.set(task.lane, (apart.get(task.lane) ?? 0) + 1);
      lastEnd.set(task.lane, task.end);
    }
    const separated = [...apart.values()].reduce((a, b) => a + b, 0);
    expect(totalIntervals(lanes)).toBeGreaterThanOrEqual(separated);
    expect(totalIntervals(lanes)).toBeLessThanOrEqual(ended.length);
    expect(separated).toBeGreaterThan(ended.length / 2);
    expectCoverage(tracks, ended);
  });

  it('keeps back-to-back tasks as separate bars under budget, so one failure does not paint its neighbour', () => {
    const tracks = new LaneTracks();
    tracks.end(0, 0, 10, false);
    tracks.end(0, 10, 20, true);
    tracks.end(0, 25, 30, false);
    expect(tracks.snapshot().lanes[0]!.intervals).toEqual([
      { start: 0, end: 10, failed: false },
      { start: 10, end: 20, failed: true },
      { start: 25, end: 30, failed: false },
    ]);
  });

  it('merges back-to-back tasks into busy stretches once over budget', () => {
    const tracks = new LaneTracks({ maxLanes: 1, maxIntervals: 4 });
    for (let t = 0; t < 100; t += 10) tracks.end(0, t, t + 10, false);
    const intervals = tracks.snapshot().lanes[0]!.intervals;
    expect(intervals.length).toBeLessThanOrEqual(4);
    expect(intervals[0]!.start).toBe(0);
    expect(intervals.at(-1)!.end).toBe(100);
  });

  it('stays within budget when lanes appear after the first lanes have filled up', () => {
    const budget = { maxLanes: 64, maxIntervals: 200 };
    const tracks = new LaneTracks(budget);
    let t = 0;
    // One lane alone may use the whole budget...
    for (let i = 0; i < 190; i++, t += 2) tracks.end(0, t, t + 1, false);
    // ...then seven more lanes arrive and each runs a few tasks.
    for (let lane = 1; lane < 8; lane++) {
      tracks.setLane({ index: lane, label: `worker ${lane + 1}` });
      for (let i = 0; i < 20; i++, t += 2) tracks.end(lane, t, t + 1, false);
    }
    expect(totalIntervals(tracks.snapshot().lanes)).toBeLessThanOrEqual(budget.maxIntervals);
  });

  it('sends at most maxLanes lanes and counts the rest in hiddenLanes', () => {
    const tracks = new LaneTracks({ maxLanes: 4, maxIntervals: 100 });
    for (const index of [0, 1, 2, 3, 4, 5, 9]) tracks.setLane({ index, label: `lane ${index}` });
    const { lanes, hiddenLanes } = tracks.snapshot();
    expect(lanes.map((lane) => lane.index)).toEqual([0, 1, 2, 3]);
    expect(hiddenLanes).toBe(3);
    expect(tracks.lanesList()).toHaveLength(7);
    // Read in slices of lane indexes (a model's end reads 100,000 async lanes a slice a turn).
    expect(tracks.slots).toBe(10);
    const slices = [0, 4, 8].flatMap((from) => tracks.lanesList(from, from + 4));
    expect(slices).toEqual(tracks.lanesList());
  });

  it('keeps the sent lanes within budget even with many hidden lanes', () => {
    const budget = { maxLanes: 8, maxIntervals: 80 };
    const tracks = new LaneTracks(budget);
    simulate(tracks, { lanes: 20, tasks: 5000, seed: 3, maxTaskMs: 2, maxIdleMs: 1 });
    const { lanes, hiddenLanes } = tracks.snapshot();
    expect(lanes).toHaveLength(8);
    expect(hiddenLanes).toBe(12);
    expect(totalIntervals(lanes)).toBeLessThanOrEqual(budget.maxIntervals);
  });

  it('draws the lanes it sends the same however busy the lanes it cannot send are', () => {
    const budget = { maxLanes: 8, maxIntervals: 80 };
    const tracks = new LaneTracks(budget);
    const alone = new LaneTracks(budget);
    // Five tasks on each sent lane, 0.75 ms apart; fifty on each hidden lane (async has 100,000 lanes).
    const shownTasks = (lanes: LaneTracks, lane: number): void => {
      for (let k = 0; k < 5; k++) lanes.end(lane, k * 2.25, k * 2.25 + 1.5, false);
    };
    for (let lane = 0; lane < 20; lane++) tracks.setLane({ index: lane, label: `slot ${lane + 1}` });
    for (let lane = 0; lane < 8; lane++) alone.setLane({ index: lane, label: `slot ${lane + 1}` });
    for (let lane = 0; lane < 8; lane++) {
      shownTasks(tracks, lane);
      shownTasks(alone, lane);
    }
    for (let lane = 8; lane < 20; lane++) for (let k = 0; k < 50; k++) tracks.end(lane, k, k + 0.5, false);
    const { lanes, hiddenLanes } = tracks.snapshot();
    expect(lanes).toEqual(alone.snapshot().lanes);
    expect(lanes.every((lane) => lane.intervals.length === 5)).toBe(true);
    expect(hiddenLanes).toBe(12);
    // Every lane is still listed, under its latest name.
    tracks.setLane({ index: 15, label: 'slot 16 (renamed)' });
    expect(tracks.lanesList()).toHaveLength(20);
    expect(tracks.labelOf(15)).toBe('slot 16 (renamed)');
    expect(tracks.lanesList(15, 16)).toEqual([{ index: 15, label: 'slot 16 (renamed)' }]);
  });

  it('lists 100,000 lanes (async) with every label as announced, most of them hidden', () => {
    const tracks = new LaneTracks();
    for (let index = 0; index < 100_000; index++)
      tracks.setLane({ index, label: index % 1000 === 7 ? `slot ${index + 1} ☃` : `slot ${index + 1}` });
    const lanes = tracks.lanesList();
    expect(lanes).toHaveLength(100_000);
    expect(lanes.every((lane, i) => lane.index === i)).toBe(true);
    expect(lanes[99_999]).toEqual({ index: 99_999, label: 'slot 100000' });
    expect(lanes[5_007]).toEqual({ index: 5_007, label: 'slot 5008 ☃' });
    expect(tracks.labelOf(64)).toBe('slot 65');
    expect(tracks.snapshot().hiddenLanes).toBe(100_000 - 64);
  });

  it('sends a lane that appears below the sent ones, with its tasks', () => {
    const tracks = new LaneTracks({ maxLanes: 2, maxIntervals: 100 });
    for (const index of [5, 6, 7]) tracks.setLane({ index, label: `lane ${index}` });
    tracks.setLane({ index: 1, label: 'late lane' });
    tracks.end(1, 0, 2, true);
    const { lanes, hiddenLanes } = tracks.snapshot();
    expect(lanes.map((lane) => [lane.index, lane.intervals.length])).toEqual([
      [1, 1],
      [5, 0],
    ]);
    expect(hiddenLanes).toBe(2);
  });

  it('keeps a lane intervals when the lane is renamed (a replaced worker)', () => {
    const tracks = new LaneTracks();
    tracks.setLane({ index: 0, label: 'worker 1 (pid 100)' });
    tracks.end(0, 1, 2, true);
    tracks.end(0, 5, 8, false);
    const before = tracks.snapshot().lanes[0]!.intervals;
    tracks.setLane({ index: 0, label: 'worker 1 (pid 101)' });
    const after = tracks.snapshot().lanes[0]!;
    expect(after.label).toBe('worker 1 (pid 101)');
    expect(after.intervals).toEqual(before);
    expect(before).toHaveLength(2);
  });

  it('names a lane it first hears of from a task', () => {
    const tracks = new LaneTracks();
    tracks.start(2, 0);
    expect(tracks.lanesList()).toEqual([{ index: 2, label: 'lane 3' }]);
  });

  it('sets runningSince when a task starts and clears it when it ends', () => {
    const tracks = new LaneTracks();
    tracks.setLane({ index: 0, label: 'calling thread' });
    expect(tracks.snapshot().lanes[0]!.runningSince).toBeNull();
    tracks.start(0, 12.5);
    expect(tracks.snapshot().lanes[0]!.runningSince).toBe(12.5);
    tracks.end(0, 12.75, 20, false);
    expect(tracks.snapshot().lanes[0]!.runningSince).toBeNull();
  });

  it('keeps the failed flag on exactly the merged intervals that contain a failed task', () => {
    const tracks = new LaneTracks({ maxLanes: 1, maxIntervals: 10 });
    const failedAt = new Set([17, 123, 124, 450]);
    const ended: TaskInterval[] = [];
    for (let i = 0; i < 500; i++) {
      const interval = { lane: 0, start: i * 10, end: i * 10 + 4, failed: failedAt.has(i) };
      tracks.end(0, interval.start, interval.end, interval.failed);
      ended.push(interval);
    }
    const intervals = tracks.snapshot().lanes[0]!.intervals;
    expect(intervals.length).toBeLessThanOrEqual(10);
    expectCoverage(tracks, ended);
    for (const merged of intervals) {
      const holdsFailure = ended.some((t) => t.failed && t.start >= merged.start && t.end <= merged.end);
      expect(merged.failed, `[${merged.start}, ${merged.end}]`).toBe(holdsFailure);
    }
  });

  it('keeps a snapshot of 64 busy lanes under 64 KB of JSON', () => {
    const tracks = new LaneTracks(DEFAULT_LANE_BUDGET);
    let largest = 0;
    simulate(tracks, { lanes: 64, tasks: 100_000, seed: 4, maxTaskMs: 20, maxIdleMs: 5 }, (n) => {
      if (n % 1000 === 0) largest = Math.max(largest, JSON.stringify(tracks.snapshot()).length);
    });
    expect(largest).toBeLessThan(64 * 1024);
  });
});
