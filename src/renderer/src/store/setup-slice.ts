/**
 * The run setup slice: the scenario, its knobs and the pool settings as typed, the models ticked,
 * and the problems the engine reported with the last request. Inline errors are selectors.
 */
import type { Catalog } from '../../../shared/views';
import { formatKnobNumber, type PoolKnobKey } from '../../../shared/knobs';
import { DEFAULT_MODEL_IDS, MODEL_IDS, type ModelId } from '../../../shared/models';
import type { RequestIssue, RunRequest, Validated } from '../../../shared/run-request';
import type { ScenarioId, ScenarioInfo } from '../../../shared/scenarios';
import type { LabSliceCreator, LabState } from './lab-store';
import { selectLessonRunningBlocker } from './lessons-slice';
import { selectRunActive } from './run-slice';
import { issueFor, knobField, poolField, validateDraft, type SetupDraft } from './setup-request';

/** The setup's part of the state. */
export interface SetupState {
  readonly scenario: ScenarioId | null;
  /** Knob text per scenario, so switching back keeps what was typed. */
  readonly knobText: Readonly<Partial<Record<ScenarioId, Readonly<Record<string, string>>>>>;
  readonly models: readonly ModelId[];
  /** Pool settings as typed; empty means the default. */
  readonly poolText: Readonly<Partial<Record<PoolKnobKey, string>>>;
  /** What the engine refused in the last request, by field; cleared field by field as they are edited. */
  readonly serverIssues: readonly RequestIssue[];
}

/** The setup's state and events. */
export interface SetupSlice {
  readonly setup: SetupState;
  scenarioPicked(scenario: ScenarioId): void;
  knobEdited(key: string, text: string): void;
  modelToggled(model: ModelId, selected: boolean): void;
  poolEdited(key: PoolKnobKey, text: string): void;
  /** Back to the scenario's defaults, the default models, and default pools. */
  defaultsRestored(): void;
  /** A whole form's settings (a stored run's) replace what was typed. */
  setupLoaded(settings: SetupSettings): void;
}

/** Everything the form holds for one run: a scenario, its knobs, models and pools, as text. */
export interface SetupSettings {
  readonly scenario: ScenarioId;
  readonly knobText: Readonly<Record<string, string>>;
  readonly models: readonly ModelId[];
  readonly poolText: Readonly<Partial<Record<PoolKnobKey, string>>>;
}

const EMPTY_SETUP: SetupState = {
  scenario: null,
  knobText: {},
  models: DEFAULT_MODEL_IDS,
  poolText: {},
  serverIssues: [],
};

/** The text a knob's default is shown as. */
function defaultKnobText(scenario: ScenarioInfo): Record<string, string> {
  return Object.fromEntries(
    scenario.knobs.map((knob) => [knob.key, knob.default === null ? '' : formatKnobNumber(knob.default)]),
  );
}

function withoutIssue(issues: readonly RequestIssue[], field: string): readonly RequestIssue[] {
  return issues.some((issue) => issue.field === field)
    ? issues.filter((issue) => issue.field !== field)
    : issues;
}

/** The models that can run on the engine's machine, in registry order. */
function runnableModels(catalog: Catalog): ModelId[] {
  return catalog.models.filter((m) => m.availability.available).map((m) => m.id);
}

/** The models a fresh setup ticks: those that can run here and are not opt-in (CPython, distributed). */
function defaultModels(catalog: Catalog): ModelId[] {
  return runnableModels(catalog).filter((id) => DEFAULT_MODEL_IDS.includes(id));
}

/** The setup once a catalogue is known: keeps what was chosen, fills in defaults the first time. */
export function setupForCatalog(previous: SetupState, catalog: Catalog): SetupState {
  const known = catalog.scenarios.find((s) => s.id === previous.scenario) ?? catalog.scenarios[0];
  if (!known) return previous;
  const offered = new Set(runnableModels(catalog));
  return {
    ...previous,
    scenario: known.id,
    knobText: { ...previous.knobText, [known.id]: previous.knobText[known.id] ?? defaultKnobText(known) },
    models: previous.models.filter((m) => offered.has(m)),
  };
}

/** Creates the setup slice. */
export const createSetupSlice: LabSliceCreator<SetupSlice> = (set) => ({
  setup: EMPTY_SETUP,
  scenarioPicked: (scenario) =>
    set((s) => {
      const info = s.catalog.value?.scenarios.find((x) => x.id === scenario);
      if (!info) return {};
      const knobText = s.setup.knobText[scenario] ?? defaultKnobText(info);
      return {
        setup: {
          ...s.setup,
          scenario,
          knobText: { ...s.setup.knobText, [scenario]: knobText },
          serverIssues: [],
        },
      };
    }),
  knobEdited: (key, text) =>
    set((s) => {
      const scenario = s.setup.scenario;
      if (!scenario) return {};
      const knobs = { ...s.setup.knobText[scenario], [key]: text };
      return {
        setup: {
          ...s.setup,
          knobText: { ...s.setup.knobText, [scenario]: knobs },
          serverIssues: withoutIssue(s.setup.serverIssues, knobField(key)),
        },
      };
    }),
  modelToggled: (model, selected) =>
    set((s) => {
      const chosen = new Set(s.setup.models);
      if (selected) chosen.add(model);
      else chosen.delete(model);
      return {
        setup: {
          ...s.setup,
          models: MODEL_IDS.filter((m) => chosen.has(m)),
          serverIssues: withoutIssue(s.setup.serverIssues, 'models'),
        },
      };
    }),
  poolEdited: (key, text) =>
    set((s) => ({
      setup: {
        ...s.setup,
        poolText: { ...s.setup.poolText, [key]: text },
        serverIssues: withoutIssue(s.setup.serverIssues, poolField(key)),
      },
    })),
  setupLoaded: ({ scenario, knobText, models, poolText }) =>
    set((s) => ({
      setup: {
        ...s.setup,
        scenario,
        knobText: { ...s.setup.knobText, [scenario]: { ...knobText } },
        models: MODEL_IDS.filter((m) => models.includes(m)),
        poolText: { ...poolText },
        serverIssues: [],
      },
    })),
  defaultsRestored: () =>
    set((s) => {
      const info = s.catalog.value?.scenarios.find((x) => x.id === s.setup.scenario);
      if (!info) return {};
      return {
        setup: {
          ...s.setup,
          knobText: { ...s.setup.knobText, [info.id]: defaultKnobText(info) },
          models: s.catalog.value ? defaultModels(s.catalog.value) : DEFAULT_MODEL_IDS,
          poolText: {},
          serverIssues: [],
        },
      };
    }),
});

const drafts = new WeakMap<SetupState, SetupDraft | null>();
const validations = new WeakMap<SetupState, Validated<RunRequest> | null>();

/** The form as a draft request; the same object until the setup changes. */
export function selectSetupDraft(s: LabState): SetupDraft | null {
  if (drafts.has(s.setup)) return drafts.get(s.setup)!;
  const { scenario, knobText, models, poolText } = s.setup;
  const draft = scenario ? { scenario, knobText: knobText[scenario] ?? {}, models, poolText } : null;
  drafts.set(s.setup, draft);
  return draft;
}

/** The draft checked by the engine's own validator; the same object until the setup changes. */
export function selectValidation(s: LabState): Validated<RunRequest> | null {
  if (validations.has(s.setup)) return validations.get(s.setup)!;
  const draft = selectSetupDraft(s);
  const result = draft ? validateDraft(draft) : null;
  validations.set(s.setup, result);
  return result;
}

/** The problem to show under a field: what the form finds first, else what the engine said. */
export function selectFieldError(s: LabState, field: string): string | null {
  const validation = selectValidation(s);
  const local = validation && !validation.ok ? issueFor(validation.issues, field) : null;
  return local ?? issueFor(s.setup.serverIssues, field);
}

/** The chosen scenario's catalogue entry. */
export const selectPickedScenario = (s: LabState): ScenarioInfo | undefined =>
  s.catalog.value?.scenarios.find((x) => x.id === s.setup.scenario);

/** A knob's text in the chosen scenario. */
export const selectKnobText = (s: LabState, key: string): string =>
  (s.setup.scenario && s.setup.knobText[s.setup.scenario]?.[key]) || '';

/** A pool setting's text. */
export const selectPoolText = (s: LabState, key: PoolKnobKey): string => s.setup.poolText[key] ?? '';

/** Whether a model is ticked. */
export const selectModelPicked = (s: LabState, model: ModelId): boolean => s.setup.models.includes(model);

/** Why Run cannot be pressed now, in words, or null when it can. */
export function selectRunBlocker(s: LabState): string | null {
  if (s.catalog.status !== 'loaded') return 'Waiting for the scenario catalogue.';
  const lesson = selectLessonRunningBlocker(s);
  if (lesson) return lesson;
  if (selectRunActive(s)) return 'A run is in progress.';
  if (s.responsiveness.active) return 'A responsiveness job is running.';
  if (s.connection.state !== 'open') return 'Not connected to the engine.';
  const validation = selectValidation(s);
  if (!validation?.ok) return 'Fix the fields marked above to run.';
  return null;
}
