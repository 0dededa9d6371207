/**
 * The model registry: one entry per concurrency model (its own file in models/), in the order runs
 * use. Everything that lists models reads it — the CLI's help, the model picker, the colours, the
 * Notes column, the verdict and the race claims; the engine maps every id to its executor
 * (main/engine/models/registry.ts), and the compiler refuses an id without one.
 */
import { ASYNC } from './models/async';
import { DISTRIBUTED } from './models/distributed';
import { GIL_THREADS } from './models/gil-threads';
import type { ModelAvailability, ModelSpec } from './models/model-spec';
import { PROCESSES } from './models/processes';
import { PYTHON_ENTRIES } from './models/python-entries';
import { SEQUENTIAL } from './models/sequential';
import { THREADS } from './models/threads';

/** Every entry, in the order runs use; a new model is one more entry here. */
const MODEL_ENTRIES = [
  SEQUENTIAL,
  ASYNC,
  THREADS,
  GIL_THREADS,
  PROCESSES,
  DISTRIBUTED,
  ...PYTHON_ENTRIES,
] as const;

/** One of the registered models. */
export type ModelId = (typeof MODEL_ENTRIES)[number]['id'];

/** Compile-time check: every entry's speedup baseline is a registered model. */
type Baseline = (typeof MODEL_ENTRIES)[number]['baseline'];
const _baselinesAreModels: [Baseline] extends [ModelId] ? true : never = true;

/** Model ids are fixed: the UI, the CLI, the tests and the docs use them. */
export const MODEL_IDS: readonly [ModelId, ...ModelId[]] = [
  MODEL_ENTRIES[0].id,
  ...MODEL_ENTRIES.slice(1).map((entry) => entry.id),
];

/** A registry entry, with ids typed as registered models. */
export type ModelEntry = ModelSpec<ModelId, ModelId>;

/** Every model's entry by id. */
export const MODELS = Object.fromEntries(MODEL_ENTRIES.map((entry) => [entry.id, entry])) as Readonly<
  Record<ModelId, ModelEntry>
>;

/** The models a new race ticks (the CLI's default --models): every entry not marked opt-in. */
export const DEFAULT_MODEL_IDS: readonly ModelId[] = MODEL_IDS.filter(
  (id) => MODELS[id].defaultSelected !== false,
);

/** What a model is, as plain data: the catalog and `concurrency-lab scenarios --json` carry it. */
export type ModelInfo = Pick<
  ModelEntry,
  | 'id'
  | 'label'
  | 'python'
  | 'summary'
  | 'family'
  | 'runsOn'
  | 'poolKnobs'
  | 'baseline'
  | 'gilTrack'
  | 'defaultSelected'
>;

/** An entry's plain data, without its colours and wording functions. */
export function modelInfo(entry: ModelEntry): ModelInfo {
  const { id, label, python, summary, family, runsOn, poolKnobs, baseline, gilTrack } = entry;
  const info = { id, label, python, summary, family, runsOn, poolKnobs, baseline, gilTrack };
  return entry.defaultSelected === undefined ? info : { ...info, defaultSelected: entry.defaultSelected };
}

/** A model as the catalog lists it: its entry's data, and whether it can run on the engine's machine. */
export interface CatalogModel extends ModelInfo {
  readonly availability: ModelAvailability;
}

/** Models grouped by the runtime that runs them, as the picker and the CLI list them. */
export interface ModelGroup {
  /** The runtime a probe found ("CPython 3.11.7, GIL"), else the family's label ("Node.js"). */
  readonly label: string;
  readonly models: readonly CatalogModel[];
}

/** The catalog's models in groups, each group where its first model is in registry order. */
export function modelGroups(models: readonly CatalogModel[]): ModelGroup[] {
  const groups = new Map<string, CatalogModel[]>();
  for (const model of models) {
    const { availability } = model;
    const label = (availability.available && availability.runtime) || model.family.label;
    groups.set(label, [...(groups.get(label) ?? []), model]);
  }
  return [...groups].map(([label, members]) => ({ label, models: members }));
}

/** Type guard for model ids arriving from outside. */
export function isModelId(value: unknown): value is ModelId {
  return typeof value === 'string' && Object.hasOwn(MODELS, value);
}

export type { ModelAvailability, ModelColors, ModelFamily, Theme } from './models/model-spec';
export { THEMES } from './models/model-spec';
