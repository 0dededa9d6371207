/**
 * The run recorder of one model: folds task events into progress, lanes, throughput, latency and GIL
 * accounting. Per-task data stays here; only coalesced snapshots leave it.
 */
import type { ModelId } from '../../../shared/models';
import type {
  GilLaneStats,
  GilStats,
  Lane,
  ModelRunState,
  ModelSnapshot,
  Percentiles,
  TaskFailure,
} from '../../../shared/results';
import type { TaskEvent } from '../../../workers/protocol/executor';
import { TASK_LANES_LIMIT } from '../../../shared/results';
import { TaskTimeline } from '../../../shared/task-timeline';
import { GilHolds } from './gil-holds';
import { GilTrack } from './gil-track';
import { LaneTracks, type LaneBudget } from './lane-tracks';
import { describeError, describeOutput } from './output-text';
import { percentiles } from './stats';
import { TASK_STATUS, type TaskColumns } from './task-columns';
import { TextColumn } from './text-column';
import { ThroughputSeries } from './throughput-series';

const Status = {
  Pending: TASK_STATUS.pending,
  Queued: TASK_STATUS.queued,
  Running: TASK_STATUS.running,
  Done: TASK_STATUS.done,
  Failed: TASK_STATUS.failed,
} as const;

/** Failed tasks kept with their messages (the rest are only counted). */
const KEPT_FAILURES = 20;

/** Tasks a step of timelineSteps() covers: a 100,000-task model's timeline in four turns and a count. */
const TIMELINE_STEP = 25_000;

/** Records one model's run. Times it stores are ms since `begin()`. */
export class RunRecorder {
  private state: ModelRunState = 'pending';
  private t0 = 0;
  private endedAt: number | null = null;
  private startup: number | null = null;
  private readonly status: Uint8Array;
  private readonly queuedAt: Float64Array;
  private readonly startedAt: Float64Array;
  private readonly endedAtByTask: Float64Array;
  private readonly laneOf: Int32Array;
  private completedCount = 0;
  private failedCount = 0;
  private runningCount = 0;
  private readonly tracks: LaneTracks;
  private readonly series = new ThroughputSeries();
  private readonly failureList: TaskFailure[] = [];
  private readonly gilByLane = new Map<number, { holdMs: number; waitMs: number; switches: number }>();
  private gilTrack: GilTrack | null = null;
  private gilHolds: GilHolds | null = null;
  /** Each settled task's output in words, or its error, for the timeline's tooltip. */
  private readonly texts: TextColumn;
  private peakRss = 0;
  private expectedMs: number | null = null;

  constructor(
    readonly model: ModelId,
    readonly total: number,
    budget?: LaneBudget,
  ) {
    this.status = new Uint8Array(total);
    this.queuedAt = new Float64Array(total);
    this.startedAt = new Float64Array(total);
    this.endedAtByTask = new Float64Array(total);
    this.laneOf = new Int32Array(total).fill(-1);
    this.texts = new TextColumn(total);
    this.tracks = new LaneTracks(budget);
  }

  /** How long the run is expected to take, measured before it (a Python forecast): the ETA until a task settles. */
  expect(wallMs: number): void {
    this.expectedMs = wallMs;
  }

  /** The pool is being started. */
  starting(): void {
    this.state = 'starting';
  }

  /** Tasks are about to be queued: time zero of the timeline (epoch ms), after a start-up of `startupMs`. */
  begin(epochMs: number, startupMs: number): void {
    this.t0 = epochMs;
    this.startup = startupMs;
    this.state = 'running';
  }

  /** The run is over. */
  end(state: 'done' | 'cancelled' | 'failed', epochMs: number): void {
    this.state = state;
    this.endedAt = epochMs;
  }

  /** Folds one task event in. */
  handle(event: TaskEvent): void {
    switch (event.type) {
      case 'lane':
        this.tracks.setLane(event.lane);
        return;
      case 'queued-all':
        this.status.fill(Status.Queued, 0, event.count);
        this.queuedAt.fill(event.at - this.t0, 0, event.count);
        return;
      case 'started':
        if (this.status[event.task] !== Status.Running) this.runningCount++;
        this.status[event.task] = Status.Running;
        this.laneOf[event.task] = event.lane;
        this.startedAt[event.task] = event.at - this.t0;
        this.tracks.start(event.lane, event.at - this.t0);
        return;
      case 'interrupted': {
        // The task goes back to the queue: it is neither done nor failed, and runs again elsewhere.
        if (this.status[event.task] === Status.Running) {
          this.runningCount--;
          this.status[event.task] = Status.Queued;
        }
        const start = Math.max(0, event.startedAt - this.t0);
        this.tracks.end(event.lane, start, Math.max(start, event.endedAt - this.t0), true);
        return;
      }
      case 'finished':
      case 'failed': {
        const { task, lane } = event;
        if (this.status[task] === Status.Running) this.runningCount--;
        const ok = event.type === 'finished';
        // The host's own start time is exact; the dispatch time recorded at 'started' is not.
        const start = Math.max(0, event.startedAt - this.t0);
        const end = Math.max(start, event.endedAt - this.t0);
        this.status[task] = ok ? Status.Done : Status.Failed;
        this.laneOf[task] = lane;
        this.startedAt[task] = start;
        this.endedAtByTask[task] = end;
        this.tracks.end(lane, start, end, !ok);
        this.series.add(end, end - start);
        this.texts.set(task, ok ? describeOutput(event.output) : describeError(event.error));
        if (ok) this.completedCount++;
        else {
          this.failedCount++;
          if (this.failureList.length < KEPT_FAILURES) this.failureList.push({ task, message: event.error });
        }
        if (event.gil) {
          const g = this.gilByLane.get(lane) ?? { holdMs: 0, waitMs: 0, switches: 0 };
          g.holdMs += event.gil.holdMs;
          g.waitMs += event.gil.waitMs;
          g.switches += event.gil.switches;
          this.gilByLane.set(lane, g);
          this.gilTrack ??= new GilTrack();
          this.gilHolds ??= new GilHolds();
          for (const [holdStart, holdEnd] of event.gil.holds) {
            this.gilTrack.add(lane, holdStart - this.t0, holdEnd - this.t0);
            this.gilHolds.add(lane, holdStart - this.t0, holdEnd - this.t0);
          }
        }
        return;
      }
    }
  }

  /**
   * Fails every task that has not settled, with `message`: what a model that failed as a whole did
   * to the tasks it never finished, so that none goes missing. They took no lane time, so no lane shows them.
   */
  failUnsettled(message: string, epochMs: number): void {
    // A model that failed to start never began: its time zero is when it gave up.
    if (this.t0 === 0) this.t0 = epochMs;
    const at = Math.max(0, epochMs - this.t0);
    for (let task = 0; task < this.total; task++) {
      const status = this.status[task];
      if (status === Status.Done || status === Status.Failed) continue;
      if (status === Status.Running) this.runningCount--;
      else {
        if (status === Status.Pending) this.queuedAt[task] = at;
        this.startedAt[task] = at;
        this.laneOf[task] = 0;
      }
      this.status[task] = Status.Failed;
      this.endedAtByTask[task] = at;
      this.failedCount++;
      if (this.failureList.length < KEPT_FAILURES) this.failureList.push({ task, message });
    }
  }

  /** Records a memory sample (bytes of this process plus its children). */
  sampleMemory(bytes: number): void {
    this.peakRss = Math.max(this.peakRss, bytes);
  }

  /** The live state at `nowEpochMs`; bounded in size whatever the number of tasks. */
  snapshot(nowEpochMs: number, final = false): ModelSnapshot {
    const elapsedMs = this.elapsedMs(nowEpochMs);
    const settled = this.completedCount + this.failedCount;
    const etaMs =
      this.state !== 'running' || settled >= this.total
        ? null
        : settled > 0
          ? (elapsedMs / settled) * (this.total - settled)
          : this.expectedMs !== null
            ? Math.max(0, this.expectedMs - elapsedMs)
            : null;
    const { lanes, hiddenLanes } = this.tracks.snapshot();
    return {
      model: this.model,
      state: this.state,
      total: this.total,
      completed: this.completedCount,
      failed: this.failedCount,
      running: this.runningCount,
      elapsedMs,
      etaMs,
      startupMs: this.startup,
      throughput:
        this.state === 'pending' || this.state === 'starting' ? [] : this.series.points(elapsedMs, final),
      throughputWindowMs: this.series.windowMs,
      lanes,
      hiddenLanes,
      ...(this.gilTrack ? { gilTrack: this.gilTrack.intervals(), gilShares: this.gilTrack.shares() } : {}),
      ...(this.total <= TASK_LANES_LIMIT ? { taskLanes: this.taskLanes() } : {}),
    };
  }

  /** Milliseconds since begin(), frozen at end(). */
  elapsedMs(nowEpochMs: number): number {
    if (this.state === 'pending' || this.state === 'starting') return 0;
    return Math.max(0, (this.endedAt ?? nowEpochMs) - this.t0);
  }

  get completed(): number {
    return this.completedCount;
  }

  get failed(): number {
    return this.failedCount;
  }

  get epochStartMs(): number {
    return this.t0;
  }

  get startupMs(): number {
    return this.startup ?? 0;
  }

  get peakRssBytes(): number {
    return this.peakRss;
  }

  get failures(): readonly TaskFailure[] {
    return this.failureList;
  }

  /** The tasks as columns, live: the timeline's questions read them while the run goes on. */
  columns(): TaskColumns {
    // The GIL's turns appear with the first task that reports them: read them when asked.
    const turns = (): GilHolds | null => this.gilHolds;
    return {
      model: this.model,
      total: this.total,
      status: this.status,
      lane: this.laneOf,
      queuedAt: this.queuedAt,
      startedAt: this.startedAt,
      endedAt: this.endedAtByTask,
      texts: this.texts,
      get holds() {
        return turns();
      },
      laneLabel: (lane) => this.tracks.labelOf(lane),
    };
  }

  /** Every lane seen. */
  lanes(from?: number, to?: number): Lane[] {
    return this.tracks.lanesList(from, to);
  }

  /** One more than the highest lane index seen (lanes(from, to) reads them in slices). */
  get laneSlots(): number {
    return this.tracks.slots;
  }

  private taskLanes(): number[] {
    const lanes: number[] = [];
    for (let task = 0; task < this.total; task++) {
      const status = this.status[task];
      lanes.push(status === Status.Done || status === Status.Failed ? this.laneOf[task]! : -1);
    }
    return lanes;
  }

  /** Start-to-end times of settled tasks. */
  latency(): Percentiles {
    return percentiles(this.latencies());
  }

  /** Queue-to-start times of settled tasks. */
  queueWait(): Percentiles {
    return percentiles(this.queueWaits());
  }

  /** Start-to-end time of each settled task, in task order. */
  latencies(): Float64Array {
    return this.collect((i) => this.endedAtByTask[i]! - this.startedAt[i]!);
  }

  /** Queue-to-start time of each settled task, in task order. */
  queueWaits(): Float64Array {
    return this.collect((i) => Math.max(0, this.startedAt[i]! - this.queuedAt[i]!));
  }

  /**
   * Every settled task, in task order, as columns: no object per task, so a 100,000-task model's
   * timeline costs the serving process's garbage collector nothing while the run goes on.
   */
  timeline(): TaskTimeline {
    const steps = this.timelineSteps();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** As timeline(), with a step boundary every TIMELINE_STEP tasks, for a caller to give the event loop a turn. */
  *timelineSteps(): Generator<void, TaskTimeline> {
    let settled = 0;
    for (let task = 0; task < this.total; task++)
      if (this.status[task] === Status.Done || this.status[task] === Status.Failed) settled++;
    const timeline = TaskTimeline.sized(settled);
    let i = 0;
    for (let from = 0; from < this.total; from += TIMELINE_STEP) {
      yield;
      const to = Math.min(this.total, from + TIMELINE_STEP);
      for (let task = from; task < to; task++) {
        const status = this.status[task];
        if (status !== Status.Done && status !== Status.Failed) continue;
        timeline.task[i] = task;
        timeline.lane[i] = this.laneOf[task]!;
        timeline.queuedAt[i] = this.queuedAt[task]!;
        timeline.startedAt[i] = this.startedAt[task]!;
        timeline.endedAt[i] = this.endedAtByTask[task]!;
        timeline.ok[i] = status === Status.Done ? 1 : 0;
        i++;
      }
    }
    return timeline;
  }

  /** GIL accounting per lane, when the model ran under the simulated GIL. */
  gilStats(switchIntervalMs: number): GilStats | undefined {
    if (this.gilByLane.size === 0) return undefined;
    const lanes: GilLaneStats[] = [...this.gilByLane.entries()]
      .sort(([a], [b]) => a - b)
      .map(([lane, g]) => ({ lane, holdMs: g.holdMs, waitMs: g.waitMs, switches: g.switches }));
    const sum = (pick: (g: GilLaneStats) => number): number => lanes.reduce((total, g) => total + pick(g), 0);
    return {
      switchIntervalMs,
      lanes,
      holdMs: sum((g) => g.holdMs),
      waitMs: sum((g) => g.waitMs),
      switches: sum((g) => g.switches),
    };
  }

  private collect(pick: (task: number) => number): Float64Array {
    const values = new Float64Array(this.completedCount + this.failedCount);
    let count = 0;
    for (let task = 0; task < this.total; task++) {
      const status = this.status[task];
      if (status === Status.Done || status === Status.Failed) values[count++] = pick(task);
    }
    return values.subarray(0, count);
  }
}
