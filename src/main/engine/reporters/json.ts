/** The JSON export: a run's full result in a stable shape, floats rounded, timeline optional. */
import type { ModelId } from '../../../shared/models';
import type { ResolvedPool } from '../../../shared/pool';
import { failureOf, fastestOf, isRankable } from '../../../shared/ranking';
import type {
  CheckSummary,
  GilStats,
  Lane,
  MachineInfo,
  ModelResult,
  Percentiles,
  RunResult,
  TaskFailure,
  TaskRecord,
} from '../../../shared/results';
import type { PythonRunStats } from '../../../shared/python-run';
import type { ScenarioId } from '../../../shared/scenarios';
import { BUSY_MACHINE_RULE_TEXT, busyMachine, type LoadWindow } from '../../../shared/machine-load';
import { runVerdict } from '../run/run-views';

/** Options of the JSON reporter. */
export interface JsonReportOptions {
  /** Include every task's record; true unless set to false. */
  readonly timeline?: boolean;
}

/** One task as the JSON export lists it: a TaskRecord, its times rounded to the microsecond. */
export type JsonTaskRecord = TaskRecord;

/** One model's entry in the JSON export. */
export interface JsonModelReport {
  readonly model: ModelId;
  readonly state: ModelResult['state'];
  readonly placement: string;
  readonly workers: number | null;
  readonly wallMs: number;
  readonly startupMs: number;
  readonly total: number;
  readonly completed: number;
  readonly failed: number;
  /** Of `failed`, the failures the scenario planned; absent in runs saved before it was recorded. */
  readonly expectedFailures?: number;
  readonly throughput: number;
  readonly speedup: number | null;
  /** Whether the model ran every task cleanly with a right answer (shared/ranking): only then is it given a speedup. */
  readonly ranked: boolean;
  /** Why it is not ranked ("failed 12 of 12 tasks"), when something disqualified it. */
  readonly notRankedBecause?: string;
  readonly latencyMs: Percentiles;
  readonly queueWaitMs: Percentiles;
  readonly cpuUtilization: number | null;
  readonly peakRssMb: number;
  readonly check: CheckSummary;
  readonly error?: string;
  readonly failures: readonly TaskFailure[];
  readonly gil?: GilStats;
  /** A real-CPython model's GIL costs and clock alignment. */
  readonly python?: PythonRunStats;
  readonly lanes: readonly Lane[];
  readonly notes: readonly string[];
  /** Epoch ms of time 0 of `timeline`, so models can be lined up on one clock. */
  readonly epochStartMs: number;
  readonly timeline?: readonly JsonTaskRecord[];
}

/** The JSON export of a run. */
export interface JsonReport {
  readonly runId: string;
  readonly scenario: ScenarioId;
  readonly title: string;
  readonly state: RunResult['state'];
  readonly params: Readonly<Record<string, number>>;
  readonly derived: Readonly<Record<string, number | string>>;
  readonly pool: ResolvedPool;
  readonly machine: MachineInfo;
  readonly startedAt: string;
  /** The verdict as the app shows it, the busy-machine notice first when there is one. */
  readonly verdict: string;
  /** Other processes' CPU around the run, and what the busy-machine rule made of it. */
  readonly machineLoad: {
    readonly windows: readonly LoadWindow[];
    readonly busy: boolean;
    /** The notice when busy, else null. */
    readonly notice: string | null;
    readonly rule: string;
  };
  /** The model the table marks fastest (shared/ranking); null when none is clean or fewer than two ran. */
  readonly fastest: ModelId | null;
  /** What went wrong around the models (a latency server that died), when anything did. */
  readonly incidents?: readonly string[];
  readonly results: readonly JsonModelReport[];
}

/** Rounds to 3 decimals (microseconds when the unit is ms), never producing -0. */
export function round3(value: number): number {
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? 0 : rounded;
}

function roundNullable(value: number | null): number | null {
  return value === null ? null : round3(value);
}

function roundPercentiles(p: Percentiles): Percentiles {
  return { p50: round3(p.p50), p95: round3(p.p95), max: round3(p.max) };
}

function roundGil(gil: GilStats): GilStats {
  return {
    switchIntervalMs: round3(gil.switchIntervalMs),
    lanes: gil.lanes.map((lane) => ({
      lane: lane.lane,
      holdMs: round3(lane.holdMs),
      waitMs: round3(lane.waitMs),
      switches: lane.switches,
    })),
    holdMs: round3(gil.holdMs),
    waitMs: round3(gil.waitMs),
    switches: gil.switches,
  };
}

function roundPython(python: PythonRunStats): PythonRunStats {
  const probe = python.wakeProbe;
  const clock = python.clock;
  return {
    ...python,
    clock: {
      offsetMs: round3(clock.offsetMs),
      uncertaintyMs: round3(clock.uncertaintyMs),
      roundTripMs: round3(clock.roundTripMs),
      pings: clock.pings,
      wallClockDifferenceMs: round3(clock.wallClockDifferenceMs),
    },
    switchIntervalMs: round3(python.switchIntervalMs),
    lanes: python.lanes.map((lane) => ({
      ...lane,
      busyMs: round3(lane.busyMs),
      cpuMs: round3(lane.cpuMs),
    })),
    wakeProbe: {
      sleepMs: round3(probe.sleepMs),
      samples: probe.samples,
      idleP50Ms: round3(probe.idleP50Ms),
      lateP50Ms: round3(probe.lateP50Ms),
      lateP95Ms: round3(probe.lateP95Ms),
      lateMaxMs: round3(probe.lateMaxMs),
      lateMeanMs: round3(probe.lateMeanMs),
    },
  };
}

function modelReport(model: ModelResult, withTimeline: boolean): JsonModelReport {
  const failure = failureOf(model);
  return {
    model: model.model,
    state: model.state,
    placement: model.placement,
    workers: model.workers,
    wallMs: round3(model.wallMs),
    startupMs: round3(model.startupMs),
    total: model.total,
    completed: model.completed,
    failed: model.failed,
    ...(model.expectedFailures !== undefined ? { expectedFailures: model.expectedFailures } : {}),
    throughput: round3(model.throughput),
    speedup: roundNullable(model.speedup),
    ranked: isRankable(model),
    ...(failure !== null ? { notRankedBecause: failure } : {}),
    latencyMs: roundPercentiles(model.latencyMs),
    queueWaitMs: roundPercentiles(model.queueWaitMs),
    cpuUtilization: roundNullable(model.cpuUtilization),
    peakRssMb: round3(model.peakRssMb),
    check: { ...model.check },
    ...(model.error !== undefined ? { error: model.error } : {}),
    failures: model.failures.map((f) => ({ task: f.task, message: f.message })),
    ...(model.gil ? { gil: roundGil(model.gil) } : {}),
    ...(model.python ? { python: roundPython(model.python) } : {}),
    lanes: model.lanes.map((lane) => ({ index: lane.index, label: lane.label })),
    notes: [...model.notes],
    epochStartMs: round3(model.epochStartMs),
    ...(withTimeline
      ? {
          timeline: Array.from({ length: model.timeline.length }, (_, i) => {
            const r = model.timeline;
            return {
              task: r.task[i]!,
              lane: r.lane[i]!,
              queuedAt: round3(r.queuedAt[i]!),
              startedAt: round3(r.startedAt[i]!),
              endedAt: round3(r.endedAt[i]!),
              ok: r.ok[i] === 1,
            };
          }),
        }
      : {}),
  };
}

/** A run as a plain JSON-ready object; `timeline: false` leaves the per-task records out. */
export function toJsonReport(run: RunResult, options: JsonReportOptions = {}): JsonReport {
  const withTimeline = options.timeline !== false;
  const busy = busyMachine(run.load);
  return {
    runId: run.runId,
    scenario: run.scenario,
    title: run.title,
    state: run.state,
    params: { ...run.params },
    derived: { ...run.derived },
    pool: { ...run.pool },
    machine: { ...run.machine },
    startedAt: run.startedAt,
    verdict: runVerdict(run),
    machineLoad: {
      windows: (run.load?.windows ?? []).map((w) => ({
        ...w,
        otherCpuPercent: round3(w.otherCpuPercent),
        ms: round3(w.ms),
      })),
      busy: busy !== null,
      notice: busy?.notice ?? null,
      rule: BUSY_MACHINE_RULE_TEXT,
    },
    fastest: fastestOf(run.results)?.model ?? null,
    ...(run.incidents ? { incidents: [...run.incidents] } : {}),
    results: run.results.map((model) => modelReport(model, withTimeline)),
  };
}

/** A run as 2-space indented JSON text. */
export function formatJson(run: RunResult, options: JsonReportOptions = {}): string {
  return `${JSON.stringify(toJsonReport(run, options), null, 2)}\n`;
}
