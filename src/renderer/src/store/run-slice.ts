/**
 * The run slice: the live run (phase, snapshots per model) and the run on screen (its RunView), fed by
 * the engine's coalesced events; per-task messages never reach it.
 */
import type { RunForecast } from '../../../shared/forecast';
import type { LabError, RunProgress } from '../../../shared/ipc';
import type { ModelSummary, RunView } from '../../../shared/views';
import type { ModelId } from '../../../shared/models';
import type { ModelSnapshot } from '../../../shared/results';
import type { RequestIssue } from '../../../shared/run-request';
import type { ScenarioId } from '../../../shared/scenarios';
import type { LabSliceCreator, LabState } from './lab-store';
import type { LanesInput } from '../charts/lanes-layout';

/** Where the live run is: asked for, preparing its tasks, running models, or being cancelled. */
export type RunPhase = 'idle' | 'requesting' | 'preparing' | 'running' | 'cancelling';

/** The run's part of the state. */
export interface RunState {
  readonly phase: RunPhase;
  /** Id of the live run, once known. */
  readonly runId: string | null;
  /** Models of the run on screen, in the order they run. */
  readonly models: readonly ModelId[];
  /** The scenario of the run on screen, once known (a followed run's is known when it ends). */
  readonly scenario: ScenarioId | null;
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

/** The run's state and events. */
export interface RunSlice {
  readonly run: RunState;
  runRequested(models: readonly ModelId[], scenario?: ScenarioId): void;
  runStarted(runId: string): void;
  /** The engine refused to start: field problems go back to the form, the rest to the error. */
  runRejected(error: LabError): void;
  runProgressed(progress: RunProgress): void;
  runFinished(view: RunView): void;
  runFailed(failure: { readonly runId: string; readonly message: string }): void;
  cancelRequested(): void;
  /** A finished run from the history is shown instead of the last one. */
  runOpened(view: RunView): void;
}

const IDLE: RunState = {
  phase: 'idle',
  runId: null,
  models: [],
  scenario: null,
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

/** Creates the run slice. */
export const createRunSlice: LabSliceCreator<RunSlice> = (set) => ({
  run: IDLE,
  runRequested: (models, scenario) =>
    set((s) => ({
      run: { ...IDLE, phase: 'requesting', models: [...models], scenario: scenario ?? null },
      setup: { ...s.setup, serverIssues: [] },
    })),
  runStarted: (runId) =>
    set((s) => {
      if (s.run.phase !== 'requesting' && s.run.runId !== null) return {};
      if (s.run.phase === 'idle') return {};
      return { run: { ...s.run, runId, phase: s.run.phase === 'requesting' ? 'preparing' : s.run.phase } };
    }),
  runRejected: (error) =>
    set((s) => ({
      run: { ...s.run, phase: 'idle', runId: null, error: rejectionMessage(error) },
      setup: { ...s.setup, serverIssues: (error.issues ?? []).filter(isFormField) },
    })),
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
      return {
        run: {
          ...IDLE,
          models: view.run.results.map((r) => r.model),
          scenario: view.run.scenario,
          snapshots: { ...s.run.snapshots, ...snapshotsOf(view) },
          finished: view.run.results,
          view,
        },
      };
    }),
  runFailed: ({ runId, message }) =>
    set((s) =>
      belongs(s.run, runId) ? { run: { ...s.run, phase: 'idle', runId: null, error: message } } : {},
    ),
  cancelRequested: () => set((s) => (selectRunActive(s) ? { run: { ...s.run, phase: 'cancelling' } } : {})),
  runOpened: (view) =>
    set((s) => {
      // The history forgets that it was fetching this run either way; a live run is never replaced.
      const history = { ...s.history, opening: null };
      if (selectRunActive(s)) return { history };
      return {
        history,
        run: {
          ...IDLE,
          models: view.run.results.map((r) => r.model),
          scenario: view.run.scenario,
          snapshots: snapshotsOf(view),
          finished: view.run.results,
          view,
        },
      };
    }),
});

/** Whether a run is asked for or in progress (Run is disabled, Cancel enabled). */
export const selectRunActive = (s: LabState): boolean => s.run.phase !== 'idle';

/** A model's latest snapshot in the run on screen. */
export const selectSnapshot = (s: LabState, model: ModelId): ModelSnapshot | undefined =>
  s.run.snapshots[model];

/** How a model ended, once its result is in (models cancelled before starting have no snapshot). */
export const selectSettledState = (s: LabState, model: ModelId): ModelSummary['state'] | undefined =>
  s.run.finished.find((result) => result.model === model)?.state;

/** The models on screen, in run order. */
export const selectRunModels = (s: LabState): readonly ModelId[] => s.run.models;

/** What the live charts (lanes, throughput) draw: a new object each time, so compare it with `shallow`. */
export const selectLiveChartInput = (s: LabState): LanesInput => ({
  models: s.run.models,
  snapshots: s.run.snapshots,
  finished: s.run.finished,
});

/** The finished run on screen. */
export const selectRunView = (s: LabState): RunView | null => s.run.view;

/** The live run's phase. */
export const selectRunPhase = (s: LabState): RunPhase => s.run.phase;

/** How long a model of the live run is expected to take, from the run's forecast; undefined without one. */
export function selectExpectedMs(s: LabState, model: ModelId): number | undefined {
  return s.run.forecast?.models.find((m) => m.model === model)?.expectedMs;
}
