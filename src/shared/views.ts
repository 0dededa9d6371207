/**
 * What the UI is shown: the catalog, run and history views, exports and system stats. Plain data
 * types that the channels of the IPC contract (ipc.ts) carry; they import no channel.
 */
import type { KnobSpec, PoolKnobKey } from './knobs';
import type { EngineLessonId } from './lessons/lesson-ids';
import type { CatalogModel, ModelId } from './models';
import type { ResolvedPool } from './pool';
import type { PythonCatalog } from './python-run';
import type { Lane, MachineInfo, ModelResult, ModelSnapshot, RunResult } from './results';
import type { RunOrigin } from './run-origin';
import type { ScenarioId, ScenarioInfo } from './scenarios';

/** Everything the UI needs to build the run setup form. */
export interface Catalog {
  readonly scenarios: readonly ScenarioInfo[];
  /** Every registered model, with whether it can run here. */
  readonly models: readonly CatalogModel[];
  /** The Python interpreters found for the CPython models (path, version, build), or why none. */
  readonly python: PythonCatalog;
  readonly poolKnobs: Readonly<Record<PoolKnobKey, KnobSpec>>;
  readonly machine: MachineInfo;
  /** Pool settings when the request leaves them out, on this machine. */
  readonly defaultPool: ResolvedPool;
  /** How processes are started here: Electron utility processes or Node child processes. */
  readonly processKind: 'utilityProcess' | 'child_process';
  /** Where finished runs are kept (null: this session only), and the log every run appends to. */
  readonly historyFile: string | null;
  readonly logFile: string | null;
  /** Set when the stored history could not be opened: what happened to it, in one sentence. */
  readonly historyNotice: string | null;
}

/** How many lanes a summary names; async with 100,000 tasks in flight has 100,000 slots. */
export const SUMMARY_LANES = 128;

/**
 * A model's result as the UI gets it: no per-task timeline (it stays in main) and only the first
 * SUMMARY_LANES lanes, so a summary stays a few kilobytes however many tasks ran.
 */
export interface ModelSummary extends Omit<ModelResult, 'timeline' | 'lanes'> {
  readonly lanes: readonly Lane[];
  /** How many lanes the model had in all. */
  readonly laneCount: number;
}

/** A finished run as the UI gets it. */
export interface RunSummary extends Omit<RunResult, 'results'> {
  readonly results: readonly ModelSummary[];
}

/** A finished run with what the live view showed at its end, and its verdict. */
export interface RunView {
  readonly run: RunSummary;
  /** Each model's final snapshot (lanes and throughput), for re-opening the run. */
  readonly snapshots: readonly ModelSnapshot[];
  /** One sentence computed from the numbers. */
  readonly verdict: string;
}

/** One line of the session's run list. */
export interface RunListItem {
  readonly kind: 'race';
  readonly runId: string;
  readonly scenario: ScenarioId;
  /** The view that asked for it: Race for runs saved before views kept their own. */
  readonly origin: RunOrigin;
  readonly title: string;
  /** The knobs as the CLI spells them ("tasks=10, task-ms=500"): what tells runs of one scenario apart. */
  readonly settings: string;
  readonly startedAt: string;
  readonly state: RunResult['state'];
  readonly models: readonly ModelId[];
  readonly verdict: string;
}

/** A finished lesson run in the history list. */
export interface LessonListItem {
  readonly kind: 'lesson';
  readonly runId: string;
  readonly lesson: EngineLessonId;
  readonly title: string;
  /** The knobs it ran with, in words. */
  readonly settings: string;
  readonly startedAt: string;
  /** What it measured, in one line. */
  readonly verdict: string;
}

/** A stored run that can no longer be read (its bytes were damaged on disk): listed so that it can be deleted. */
export interface DamagedListItem {
  readonly kind: 'damaged';
  readonly runId: string;
  /** What it was: a race of models, or a lesson's run. */
  readonly was: 'race' | 'lesson';
  /** Its title as far as it can still be read; may be empty. */
  readonly title: string;
  readonly startedAt: string;
  /** What is wrong and what can be done, in one or two sentences. */
  readonly problem: string;
}

/** One entry of the history: a race of models, a lesson's run, or a damaged one of either. */
export type HistoryItem = RunListItem | LessonListItem | DamagedListItem;

/** Event-loop delay and utilisation of the main process, CPU and memory, sampled about once a second. */
export interface SystemStats {
  /** Epoch ms of the sample. */
  readonly at: number;
  /** Main-process event-loop delay over the last interval (perf_hooks histogram), ms. */
  readonly eventLoopDelay: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Share of the last interval the main event loop was busy, 0..1. */
  readonly eventLoopUtilization: number;
  /** CPU of the main process (all its threads), percent of one core. */
  readonly processCpuPercent: number;
  /** CPU of the whole machine, percent of all cores. */
  readonly machineCpuPercent: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
}
