/**
 * The run slice: the live run (phase, snapshots per model) and, per view, the run it shows — each
 * view's own, never another's — and the last finished run of each origin, which the "measured here"
 * tables read. Fed by the engine's coalesced events; per-task messages never reach it.
 */
import type { RunForecast } from '../../../shared/forecast';
import type { LabError, RunProgress } from '../../../shared/ipc';
import type { ModelSummary, RunView } from '../../../shared/views';
import type { ModelId } from '../../../shared/models';
import type { ModelSnapshot } from '../../../shared/results';
import type { RunOrigin } from '../../../shared/run-origin';
import type { RequestIssue, RunRequest } from '../../../shared/run-request';
import type { ScenarioId } from '../../../shared/scenarios';
import type { LabSliceCreator, LabState } from './lab-store';
import type { LanesInput } from '../charts/lanes-layout';
import { slotOf, type RunSlot } from './run-slots';

/** Where the live run is: asked for, preparing its tasks, running models, or being cancelled. */
export type RunPhase = 'idle' | 'requesting' | 'preparing' | 'running' | 'cancelling';

/** A run as a view shows it: the live one, or a finished one. */
export interface RunState {
  readonly phase: RunPhase;
  /** The view whose run it is. */
  readonly slot: RunSlot;
  /** What was asked for, when this window knows (its own runs, a run it joined). */
  readonly request: RunRequest | null;
  /** Id of the live run, once known. */
  readonly runId: string | null;
  /** Models of the run on screen, in the order they run. */
  readonly models: readonly ModelId[];
  readonly preparing: string | null;
  /** How long the models that can tell (CPython) are expected to take, measured before they start. */
  readonly forecast: RunForecast | null;
  readonly snapshots: Readonly<Partial<Record<ModelId, ModelSnapshot>>>;
  /** Results of the models finished so far. */
  readonly finished: readonly ModelSummary[];
  /** The finished run on screen (just finished, or reopened from the history). */
  readonly view: RunView | null;
  /** Why the last run failed or was refused, in words. */
  readonly error: string | null;
}

/** What each view shows when the live run is not its own, and the last finished run of each origin. */
export interface RunShelf {
  readonly slots: Readonly<Partial<Record<RunSlot, RunState>>>;
  /** The last finished run of each origin, from this session or restored from the history. */
  readonly last: Readonly<Partial<Record<RunOrigin, RunView>>>;
}

/** The run's state and events. */
export interface RunSlice {
  /** The live run, or the last one this window ran (idle). */
  readonly run: RunState;
  readonly shelf: RunShelf;
  /** A run was asked for; its request's origin says whose view shows it (Race when none). */
  runRequested(models: readonly ModelId[], request?: RunRequest): void;
  runStarted(runId: string): void;
  /** The engine refused to start: field problems go back to the form, the rest to the error. */
  runRejected(error: LabError): void;
  runProgressed(progress: RunProgress): void;
  runFinished(view: RunView): void;
  runFailed(failure: { readonly runId: string; readonly message: string }): void;
  cancelRequested(): void;
  /** A finished run re-opened (from the history, or followed in a room): shown in its own view. */
  runOpened(view: RunView): void;
  /** The newest stored run of each origin, after a reload: the views and "measured here" tables get them back. */
  runsRestored(views: readonly RunView[]): void;
}

const IDLE: RunState = {
  phase: 'idle',
  slot: 'race',
  request: null,
  runId: null,
  models: [],
  preparing: null,
  forecast: null,
  snapshots: {},
  finished: [],
  view: null,
  error: null,
};

/** Fields the form can show a problem under; the rest of the issues are worded in the run error. */
function isFormField(issue: RequestIssue): boolean {
  return issue.field === 'models' || /^(params|pool)\.[A-Za-z]+$/.test(issue.field);
}

function rejectionMessage(error: LabError): string | null {
  if (error.code === 'busy') return `Another run is in progress: ${error.message}`;
  if (error.code !== 'invalid-request') return error.message;
  const unplaced = (error.issues ?? []).filter((issue) => !isFormField(issue));
  if (error.issues && error.issues.length > 0 && unplaced.length === 0) return null;
  const details = unplaced.map((issue) => `${issue.field} ${issue.message}`).join('; ');
  return details ? `The engine refused the run: ${details}` : error.message;
}

/** Whether an event belongs to the live run; the first one may arrive before the reply naming its id. */
function belongs(state: RunState, runId: string): boolean {
  if (state.phase === 'idle') return false;
  return state.runId === null || state.runId === runId;
}

function snapshotsOf(view: RunView): Partial<Record<ModelId, ModelSnapshot>> {
  return Object.fromEntries(view.snapshots.map((snapshot) => [snapshot.model, snapshot]));
}

/** A finished run as its view shows it. */
function settledState(view: RunView, live?: RunState): RunState {
  return {
    ...IDLE,
    slot: slotOf(view.run.origin),
    request: live?.request ?? null,
    models: view.run.results.map((r) => r.model),
    snapshots: { ...live?.snapshots, ...snapshotsOf(view) },
    finished: view.run.results,
    view,
  };
}

/** The shelf with a finished run put in its view's slot and kept as its origin's last run (a cancelled one is not). */
function shelved(shelf: RunShelf, state: RunState, view: RunView): RunShelf {
  const origin = view.run.origin ?? state.request?.origin ?? 'race';
  return {
    slots: { ...shelf.slots, [state.slot]: state },
    last: view.run.state === 'cancelled' ? shelf.last : { ...shelf.last, [origin]: view },
  };
}

/** Creates the run slice. */
export const createRunSlice: LabSliceCreator<RunSlice> = (set) => ({
  run: IDLE,
  shelf: { slots: {}, last: {} },
  runRequested: (models, request) =>
    set((s) => {
      const slot = slotOf(request?.origin);
      return {
        run: { ...IDLE, slot, request: request ?? null, phase: 'requesting', models: [...models] },
        // The form's problems belong to the Race view's setup form.
        setup: slot === 'race' ? { ...s.setup, serverIssues: [] } : s.setup,
      };
    }),
  runStarted: (runId) =>
    set((s) => {
      if (s.run.phase !== 'requesting' && s.run.runId !== null) return {};
      if (s.run.phase === 'idle') return {};
      return { run: { ...s.run, runId, phase: s.run.phase === 'requesting' ? 'preparing' : s.run.phase } };
    }),
  runRejected: (error) =>
    set((s) => {
      const run: RunState = { ...s.run, phase: 'idle', runId: null, error: rejectionMessage(error) };
      return {
        run,
        shelf: { ...s.shelf, slots: { ...s.shelf.slots, [run.slot]: run } },
        setup:
          run.slot === 'race'
            ? { ...s.setup, serverIssues: (error.issues ?? []).filter(isFormField) }
            : s.setup,
      };
    }),
  runProgressed: (progress) =>
    set((s) => {
      if (!belongs(s.run, progress.runId)) return {};
      const run = { ...s.run, runId: progress.runId };
      const phase = (next: RunPhase): RunPhase => (s.run.phase === 'cancelling' ? 'cancelling' : next);
      switch (progress.kind) {
        case 'preparing':
          return { run: { ...run, phase: phase('preparing'), preparing: progress.message } };
        case 'forecast':
          return { run: { ...run, forecast: progress.forecast } };
        case 'snapshot':
          return {
            run: {
              ...run,
              phase: phase('running'),
              snapshots: { ...run.snapshots, [progress.snapshot.model]: progress.snapshot },
            },
          };
        case 'model-finished':
          return {
            run: {
              ...run,
              finished: [...run.finished.filter((r) => r.model !== progress.result.model), progress.result],
            },
          };
      }
    }),
  runFinished: (view) =>
    set((s) => {
      if (!belongs(s.run, view.run.runId)) return {};
      const run = { ...settledState(view, s.run), slot: s.run.slot };
      return { run, shelf: shelved(s.shelf, run, view) };
    }),
  runFailed: ({ runId, message }) =>
    set((s) => {
      if (!belongs(s.run, runId)) return {};
      const run: RunState = { ...s.run, phase: 'idle', runId: null, error: message };
      return { run, shelf: { ...s.shelf, slots: { ...s.shelf.slots, [run.slot]: run } } };
    }),
  cancelRequested: () => set((s) => (selectRunActive(s) ? { run: { ...s.run, phase: 'cancelling' } } : {})),
  runOpened: (view) =>
    set((s) => {
      // The history forgets that it was fetching this run either way; a live run is never replaced.
      const history = { ...s.history, opening: null };
      const state = settledState(view);
      if (selectRunActive(s) && s.run.slot === state.slot) return { history };
      return { history, shelf: { ...s.shelf, slots: { ...s.shelf.slots, [state.slot]: state } } };
    }),
  runsRestored: (views) =>
    set((s) => {
      let shelf = s.shelf;
      for (const view of views) {
        const origin = view.run.origin ?? 'race';
        // What this session measured or opened since is newer: the history fills only the gaps.
        if (shelf.last[origin] === undefined) shelf = { ...shelf, last: { ...shelf.last, [origin]: view } };
        const state = settledState(view);
        const busy = s.run.phase !== 'idle' && s.run.slot === state.slot;
        if (shelf.slots[state.slot] === undefined && !busy)
          shelf = { ...shelf, slots: { ...shelf.slots, [state.slot]: state } };
      }
      return shelf === s.shelf ? {} : { shelf };
    }),
});

/** Whether a run is asked for or in progress (Run is disabled, Cancel enabled), whichever view asked. */
export const selectRunActive = (s: LabState): boolean => s.run.phase !== 'idle';

/** Whether the live run is this view's. */
export const selectLiveIn = (s: LabState, slot: RunSlot): boolean =>
  selectRunActive(s) && s.run.slot === slot;

/** The run a view shows: its live run, else the last one it showed (finished, failed or re-opened); never another view's. */
export function selectRunOnScreen(s: LabState, slot: RunSlot): RunState {
  if (s.run.slot === slot && s.run.phase !== 'idle') return s.run;
  return s.shelf.slots[slot] ?? IDLE;
}

/** A model's latest snapshot in a view's run. */
export const selectSnapshot = (
  s: LabState,
  model: ModelId,
  slot: RunSlot = 'race',
): ModelSnapshot | undefined => selectRunOnScreen(s, slot).snapshots[model];

/** How a model ended in a view's run, once its result is in (models cancelled before starting have no snapshot). */
export const selectSettledState = (
  s: LabState,
  model: ModelId,
  slot: RunSlot = 'race',
): ModelSummary['state'] | undefined =>
  selectRunOnScreen(s, slot).finished.find((r) => r.model === model)?.state;

/** What a view's live charts (lanes, throughput) draw: a new object each time, so compare it with `shallow`. */
export const selectLiveChartInput = (s: LabState, slot: RunSlot = 'race'): LanesInput => {
  const run = selectRunOnScreen(s, slot);
  return {
    runId: run.runId ?? run.view?.run.runId ?? null,
    models: run.models,
    snapshots: run.snapshots,
    finished: run.finished,
  };
};

/** The live run's phase. */
export const selectRunPhase = (s: LabState): RunPhase => s.run.phase;

/** How long a model of the live run is expected to take, from the run's forecast; undefined without one. */
export function selectExpectedMs(s: LabState, model: ModelId, slot: RunSlot = 'race'): number | undefined {
  return selectRunOnScreen(s, slot).forecast?.models.find((m) => m.model === model)?.expectedMs;
}

/** The last finished run of an origin (this session's, or the history's newest). */
export const selectLastRun = (s: LabState, origin: RunOrigin): RunView | undefined => s.shelf.last[origin];

/** Whether some view shows this run (live, finished or re-opened). */
export function selectShowsRun(s: LabState, runId: string): boolean {
  if (s.run.runId === runId || s.run.view?.run.runId === runId) return true;
  return Object.values(s.shelf.slots).some((state) => state?.view?.run.runId === runId);
}

/** The scenario of a run on screen, once known: from its request, or its view when it has ended. */
export function runScenario(run: RunState): ScenarioId | null {
  return run.request?.scenario ?? run.view?.run.scenario ?? null;
}
