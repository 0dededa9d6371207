/**
 * The GIL lesson slice: the two comparisons (CPU and I/O on sequential, threads and gil-threads, and
 * beside them real CPython's py-sequential and py-threads where an interpreter is found), the switch
 * interval as typed and as sent live; the speedups their last runs measured are read from the run
 * slice's last run of each comparison (this session's, or the history's after a reload).
 */
import type { RunView } from '../../../shared/views';
import { formatKnobNumber, knobProblem, POOL_KNOBS } from '../../../shared/knobs';
import { MODELS, type ModelId } from '../../../shared/models';
import { DEFAULT_SWITCH_INTERVAL_MS } from '../../../shared/pool';
import type { GilStats, Lane } from '../../../shared/results';
import type { RunRequest } from '../../../shared/run-request';
import type { Claim } from '../../../shared/claims';
import { simulationMatchesCPython } from '../../../shared/gil-claims';
import type { RunOrigin } from '../../../shared/run-origin';
import type { ScenarioId } from '../../../shared/scenarios';
import type { LabSliceCreator, LabState } from './lab-store';
import { selectRunOnScreen } from './run-slice';
import { parseNumberText } from './setup-request';

/** The lesson's two comparisons. */
export type ComparisonKind = 'cpu' | 'io';

/** The same three models in both comparisons: the baseline, real threads, threads under a GIL. */
export const COMPARISON_MODELS: readonly ModelId[] = ['sequential', 'threads', 'gil-threads'];

/** Real CPython beside them: its plain loop (py-threads' baseline) and its threads under the real GIL. */
export const PYTHON_COMPARISON_MODELS: readonly ModelId[] = ['py-sequential', 'py-threads'];

/** A comparison: its scenario and knobs, and the threads its pools get. */
export interface Comparison {
  readonly scenario: ScenarioId;
  readonly params: Readonly<Record<string, number>>;
  /**
   * CPU: two threads, the cores of a small machine, so threads can show real parallelism. I/O: one
   * thread per wait, so the only thing that could keep the waits from overlapping is the GIL (with
   * two threads, I/O could never beat 2× either, and the lesson would be invisible).
   */
  readonly threads: number;
}

/** What each comparison runs. */
export const COMPARISONS: Readonly<Record<ComparisonKind, Comparison>> = {
  cpu: { scenario: 'cpu-primes', params: { tasks: 4, taskMs: 400 }, threads: 2 },
  io: { scenario: 'io-sleep', params: { tasks: 8, taskMs: 300 }, threads: 8 },
};

/**
 * The same comparisons with CPython beside: CPython computes some 25 times slower than Node, so the
 * CPU tasks are sized at 100 ms of Node's time (a few seconds each in CPython); waiting takes as long anywhere.
 */
export const PYTHON_COMPARISONS: Readonly<Record<ComparisonKind, Comparison>> = {
  cpu: { ...COMPARISONS.cpu, params: { tasks: 4, taskMs: 100 } },
  io: COMPARISONS.io,
};

/** The speedups a comparison measured, each against its own plain loop in the same run; null when not measured. */
export interface Speedups {
  readonly runId: string;
  readonly threads: number | null;
  readonly gilThreads: number | null;
  /** Real CPython threads against py-sequential; null when CPython was not in the run. */
  readonly pyThreads: number | null;
}

/** What happened to the last live switch-interval change. */
export type LiveSwitch =
  | { readonly status: 'queued'; readonly value: number }
  | { readonly status: 'sending'; readonly value: number }
  | { readonly status: 'applied'; readonly value: number }
  | { readonly status: 'not-running'; readonly value: number }
  | { readonly status: 'failed'; readonly value: number; readonly message: string };

/** The lesson's part of the state. */
export interface GilLessonState {
  readonly switchIntervalText: string;
  readonly live: LiveSwitch | null;
  /** Whether the comparisons run real CPython beside the simulation, where an interpreter is found. */
  readonly withPython: boolean;
}

/** The lesson's state and events. */
export interface GilLessonSlice {
  readonly gilLesson: GilLessonState;
  switchIntervalEdited(text: string): void;
  pythonToggled(withPython: boolean): void;
  /** Typed while the run's gil-threads has not started: sent once it runs. */
  liveSwitchQueued(value: number): void;
  liveSwitchSent(value: number): void;
  liveSwitchAnswered(value: number, applied: boolean): void;
  liveSwitchFailed(value: number, message: string): void;
}

function speedupOf(view: RunView, model: ModelId): number | null {
  const result = view.run.results.find((r) => r.model === model);
  if (!result || result.state !== 'done' || result.check.ok === false) return null;
  return result.speedup !== null && Number.isFinite(result.speedup) ? result.speedup : null;
}

/** The speedups of threads and gil-threads in a finished run, as the engine measured them. */
export function speedupsOf(view: RunView): Speedups {
  return {
    runId: view.run.runId,
    threads: speedupOf(view, 'threads'),
    gilThreads: speedupOf(view, 'gil-threads'),
    pyThreads: speedupOf(view, 'py-threads'),
  };
}

/** Creates the lesson slice. */
export const createGilLessonSlice: LabSliceCreator<GilLessonSlice> = (set) => ({
  gilLesson: {
    switchIntervalText: formatKnobNumber(DEFAULT_SWITCH_INTERVAL_MS),
    live: null,
    withPython: true,
  },
  switchIntervalEdited: (text) => set((s) => ({ gilLesson: { ...s.gilLesson, switchIntervalText: text } })),
  pythonToggled: (withPython) => set((s) => ({ gilLesson: { ...s.gilLesson, withPython } })),
  liveSwitchQueued: (value) =>
    set((s) => ({ gilLesson: { ...s.gilLesson, live: { status: 'queued', value } } })),
  liveSwitchSent: (value) =>
    set((s) => ({ gilLesson: { ...s.gilLesson, live: { status: 'sending', value } } })),
  liveSwitchAnswered: (value, applied) =>
    set((s) => ({
      gilLesson: { ...s.gilLesson, live: { status: applied ? 'applied' : 'not-running', value } },
    })),
  liveSwitchFailed: (value, message) =>
    set((s) => ({ gilLesson: { ...s.gilLesson, live: { status: 'failed', value, message } } })),
});

/** The switch interval's problem as typed, or null. */
export function selectSwitchIntervalError(s: LabState): string | null {
  const value = parseNumberText(s.gilLesson.switchIntervalText);
  return knobProblem(POOL_KNOBS.switchIntervalMs, value ?? Number.NaN);
}

/** The switch interval, or null while it is invalid. */
export function selectSwitchInterval(s: LabState): number | null {
  return selectSwitchIntervalError(s) === null ? parseNumberText(s.gilLesson.switchIntervalText)! : null;
}

/** Whether real CPython can run beside the simulation here: py-sequential and py-threads are available. */
export function selectPythonAvailability(s: LabState): {
  readonly available: boolean;
  readonly reason: string | null;
} {
  const models = s.catalog.value?.models ?? [];
  for (const id of PYTHON_COMPARISON_MODELS) {
    const availability = models.find((m) => m.id === id)?.availability;
    if (!availability) return { available: false, reason: null };
    if (!availability.available) return { available: false, reason: availability.reason };
  }
  return { available: true, reason: null };
}

/** Whether the next comparison runs CPython beside the simulation. */
export function selectWithPython(s: LabState): boolean {
  return s.gilLesson.withPython && selectPythonAvailability(s).available;
}

/** What a comparison runs now: with CPython beside, or the simulation alone. */
export function selectComparison(s: LabState, kind: ComparisonKind): Comparison {
  return (selectWithPython(s) ? PYTHON_COMPARISONS : COMPARISONS)[kind];
}

/** The request a comparison sends, or null while the switch interval is invalid. */
export function selectComparisonRequest(s: LabState, kind: ComparisonKind): RunRequest | null {
  const switchIntervalMs = selectSwitchInterval(s);
  if (switchIntervalMs === null) return null;
  const { scenario, params, threads } = selectComparison(s, kind);
  return {
    scenario,
    params: { ...params },
    models: [...COMPARISON_MODELS, ...(selectWithPython(s) ? PYTHON_COMPARISON_MODELS : [])],
    pool: { threads, switchIntervalMs },
    origin: COMPARISON_ORIGINS[kind],
  };
}

/** The origin of each comparison's runs: the lesson shows them, and keeps each kind's last one. */
export const COMPARISON_ORIGINS = { cpu: 'gil-cpu', io: 'gil-io' } as const satisfies Readonly<
  Record<ComparisonKind, RunOrigin>
>;

/** The speedups of each comparison's last run (this session's, or the history's newest after a reload). */
export function selectGilSpeedups(s: LabState): Readonly<Record<ComparisonKind, Speedups | null>> {
  const cpu = s.shelf.last['gil-cpu'];
  const io = s.shelf.last['gil-io'];
  const cached = speedupCache.get(s.shelf.last);
  if (cached) return cached;
  const speedups = { cpu: cpu ? speedupsOf(cpu) : null, io: io ? speedupsOf(io) : null };
  speedupCache.set(s.shelf.last, speedups);
  return speedups;
}

const speedupCache = new WeakMap<object, Readonly<Record<ComparisonKind, Speedups | null>>>();

/** The lesson's live run's models with a GIL whose switch interval the knob sets: the simulated one's and CPython's. */
function gilModels(s: LabState): ModelId[] {
  if (s.run.slot !== 'gil-lesson') return [];
  return s.run.models.filter((model) => MODELS[model].poolKnobs.includes('switchIntervalMs'));
}

/** Whether this lesson's model with a GIL (gil-threads, py-threads) is running right now, so a new switch interval can reach it live. */
export function selectGilModelRunning(s: LabState): boolean {
  if (s.run.phase === 'idle') return false;
  return gilModels(s).some((model) => s.run.snapshots[model]?.state === 'running');
}

/** Whether this lesson's live run will still run a model with a GIL: a new interval can wait for it to start. */
export function selectGilModelAhead(s: LabState): boolean {
  if (s.run.phase === 'idle' || s.run.phase === 'cancelling') return false;
  return gilModels(s).some((model) => {
    const state = s.run.snapshots[model]?.state;
    return state === undefined || state === 'pending' || state === 'starting';
  });
}

/** One row of the per-lane GIL table. */
export interface GilLaneRow {
  readonly lane: number;
  readonly label: string;
  readonly holdMs: number;
  readonly waitMs: number;
  readonly switches: number;
}

/** The GIL table of a gil-threads result: its lanes' hold and wait times and switches, labelled. */
export function gilLaneRows(gil: GilStats, lanes: readonly Lane[]): GilLaneRow[] {
  return gil.lanes.map((stats) => ({
    ...stats,
    label: lanes.find((lane) => lane.index === stats.lane)?.label ?? `lane ${stats.lane + 1}`,
  }));
}

/** The gil-threads result of the lesson's run on screen, once it finished. */
export const selectGilResult = (s: LabState) =>
  selectRunOnScreen(s, 'gil-lesson').finished.find((r) => r.model === 'gil-threads');

/** The py-threads result of the lesson's run on screen, once it finished: the real GIL's measured costs. */
export const selectPyThreadsResult = (s: LabState) =>
  selectRunOnScreen(s, 'gil-lesson').finished.find((r) => r.model === 'py-threads');

/** The claim that the simulation matches CPython, from the last comparison of each kind (a new object: memoise it). */
export function simulationClaimOf(speedups: Readonly<Record<ComparisonKind, Speedups | null>>): Claim {
  const pair = (kind: ComparisonKind) => {
    const measured = speedups[kind];
    return measured ? { gilThreads: measured.gilThreads, pyThreads: measured.pyThreads } : null;
  };
  return simulationMatchesCPython(pair('cpu'), pair('io'), COMPARISONS.io.threads);
}

/** The claim, from the state (tests; components memoise simulationClaimOf on the speedups). */
export function selectSimulationClaim(s: LabState): Claim {
  return simulationClaimOf(selectGilSpeedups(s));
}
