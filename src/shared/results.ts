/** What a run produces: live snapshots while it runs, and one result per model when it ends. */
import type { MachineLoad } from './machine-load';
import type { ModelId } from './models';
import type { ResolvedPool } from './pool';
import type { PythonRunStats } from './python-run';
import type { RunOrigin } from './run-origin';
import type { ScenarioId } from './scenarios';
import type { Lane, LaneList } from './lane-list';
import type { TaskTimeline } from './task-timeline';

export type { TaskRecord } from './task-timeline';
export type { Lane } from './lane-list';

/** Where a model's run is. */
export type ModelRunState = 'pending' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';

/** Percentiles of a distribution, in milliseconds. */
export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/** Simulated-GIL statistics of one lane over a run. */
export interface GilLaneStats {
  readonly lane: number;
  /** Time this lane held the GIL. */
  readonly holdMs: number;
  /** Time this lane spent waiting for the GIL. */
  readonly waitMs: number;
  /** How many times this lane gave the GIL up because another lane asked for it. */
  readonly switches: number;
}

/** Simulated-GIL statistics of a gil-threads run. */
export interface GilStats {
  readonly switchIntervalMs: number;
  readonly lanes: readonly GilLaneStats[];
  readonly holdMs: number;
  readonly waitMs: number;
  readonly switches: number;
}

/** Whether a model's answer was checked and matched. */
export interface CheckSummary {
  /** true: checked and correct; false: wrong or different from another model; null: nothing to check. */
  readonly ok: boolean | null;
  /** The answer in words, e.g. "664,579 primes". */
  readonly answer: string;
  readonly problem?: string;
}

/** A failed task, as reported. */
export interface TaskFailure {
  readonly task: number;
  readonly message: string;
}

/** Everything measured for one model in one run. */
export interface ModelResult {
  readonly model: ModelId;
  readonly state: 'done' | 'cancelled' | 'failed';
  /** Where the tasks ran, in words: "calling thread", "6 worker threads"... */
  readonly placement: string;
  /** Workers (threads, processes, async slots) the model could use at once; null when unlimited. */
  readonly workers: number | null;
  readonly wallMs: number;
  readonly startupMs: number;
  readonly total: number;
  readonly completed: number;
  readonly failed: number;
  /**
   * Of `failed`, the failures the scenario planned (requests the server was told to fail): not the
   * model's fault. Absent in runs saved before it was recorded.
   */
  readonly expectedFailures?: number;
  /** Completed tasks per second of wall time. */
  readonly throughput: number;
  /** Its baseline's wall time / this wall time (sequential, or py-sequential for Python), when both ran cleanly in the same run (see shared/ranking). */
  readonly speedup: number | null;
  /** Time from a task's start to its end. */
  readonly latencyMs: Percentiles;
  /** Time from a task's queueing to its start. */
  readonly queueWaitMs: Percentiles;
  /** CPU time of this process, its threads and its children / wall / cores, 0..1; null when unmeasured. */
  readonly cpuUtilization: number | null;
  readonly peakRssMb: number;
  readonly check: CheckSummary;
  /** Why the model's run failed as a whole (bad answer, crash on start). */
  readonly error?: string;
  /** The first failed tasks with their messages. */
  readonly failures: readonly TaskFailure[];
  readonly gil?: GilStats;
  /** A real-CPython model's measurements: the GIL's costs and the clock alignment. */
  readonly python?: PythonRunStats;
  /** Every lane the model used, in index order (stored and exported as an array of Lanes). */
  readonly lanes: LaneList;
  /** Epoch ms of time 0 of `timeline`. */
  readonly epochStartMs: number;
  /** Every settled task, in task order (stored and exported as an array of TaskRecords). */
  readonly timeline: TaskTimeline;
  /** Short remarks computed from the measurements, for the Notes column. */
  readonly notes: readonly string[];
}

/** The machine a run was measured on. */
export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly platform: string;
  readonly arch: string;
  readonly node: string;
  readonly electron?: string;
}

/** A finished (or cancelled) run: every model's result on the same tasks. */
export interface RunResult {
  readonly runId: string;
  readonly scenario: ScenarioId;
  readonly title: string;
  readonly startedAt: string;
  readonly state: 'done' | 'cancelled' | 'failed';
  /** Scenario knobs as run, defaults filled in. */
  readonly params: Readonly<Record<string, number>>;
  /** Values the scenario derived from its knobs on this machine (file sizes, ranges). */
  readonly derived: Readonly<Record<string, number | string>>;
  /** Pool settings as run, defaults filled in; concurrency and taskTimeoutMs are null when unlimited. */
  readonly pool: ResolvedPool;
  readonly machine: MachineInfo;
  readonly results: readonly ModelResult[];
  /** Other processes' CPU in the second before the run and while each model ran; absent in runs saved before it was measured. */
  readonly load?: MachineLoad;
  /** The view that asked for the run; absent for the CLI's runs and runs saved before views kept their own. */
  readonly origin?: RunOrigin;
  /**
   * What went wrong around the models, one sentence each ("The latency server died while async ran
   * (it was killed by SIGKILL) and was restarted for the next model."). Absent when nothing did.
   */
  readonly incidents?: readonly string[];
}

/** A busy interval of a lane, ms since the model's start; `failed` marks intervals that include a failure. */
export interface BusyInterval {
  readonly start: number;
  readonly end: number;
  readonly failed: boolean;
}

/** A lane as the live view draws it. */
export interface LaneTrack extends Lane {
  readonly intervals: readonly BusyInterval[];
  /** Start of the task running on this lane right now, if any. */
  readonly runningSince: number | null;
}

/** Which lane held the simulated GIL over a stretch of time (ms since the model's start). */
export interface GilHold {
  readonly lane: number;
  readonly start: number;
  readonly end: number;
}

/** A GIL holder track at the snapshot's resolution: each holder's share of every interval from 0. */
export interface GilShares {
  readonly bucketMs: number;
  /** Per interval, per lane index, the percent of the interval that lane held the GIL. */
  readonly shares: readonly (readonly number[])[];
}

/** A model's live state, coalesced by the recorder; never per task. */
export interface ModelSnapshot {
  readonly model: ModelId;
  readonly state: ModelRunState;
  readonly total: number;
  readonly completed: number;
  readonly failed: number;
  readonly running: number;
  readonly elapsedMs: number;
  readonly etaMs: number | null;
  readonly startupMs: number | null;
  /**
   * Completed tasks per second, one point per bucket: [seconds since start, tasks/s], each over a
   * trailing window of `throughputWindowMs` (twice the mean task time, at least a second).
   */
  readonly throughput: readonly (readonly [number, number])[];
  /** Width of the window each throughput point averages over, ms (absent in runs saved before it). */
  readonly throughputWindowMs?: number;
  readonly lanes: readonly LaneTrack[];
  /** Lanes left out of `lanes` to keep the snapshot small. */
  readonly hiddenLanes: number;
  /** gil-threads only: which lane held the GIL when, at the track's resolution. */
  readonly gilTrack?: readonly GilHold[];
  /** gil-threads only: each lane's share of the GIL per interval (absent in runs saved before it). */
  readonly gilShares?: GilShares;
  /**
   * Small runs only (up to TASK_LANES_LIMIT tasks): per task, the lane that ran it once it settled,
   * or -1 before — enough to colour one tile per task by where it ran.
   */
  readonly taskLanes?: readonly number[];
}

/** Runs with more tasks than this carry no per-task lanes in their snapshots. */
export const TASK_LANES_LIMIT = 1024;

/** The live state of a whole run. */
export interface RunSnapshot {
  readonly runId: string;
  readonly scenario: ScenarioId;
  readonly models: readonly ModelSnapshot[];
}
