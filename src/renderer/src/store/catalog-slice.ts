/** The catalogue slice: scenarios, models, pool settings and the machine, loaded once from the engine. */
import type { Catalog } from '../../../shared/views';
import type { ScenarioInfo } from '../../../shared/scenarios';
import type { LabSliceCreator, LabState } from './lab-store';
import { setupForCatalog } from './setup-slice';

/** Where loading the catalogue is. */
export type CatalogStatus = 'idle' | 'loading' | 'loaded' | 'failed';

/** The catalogue's part of the state. */
export interface CatalogState {
  readonly status: CatalogStatus;
  readonly value: Catalog | null;
  readonly error: string | null;
}

/** The catalogue's state and events. */
export interface CatalogSlice {
  readonly catalog: CatalogState;
  catalogRequested(): void;
  /** Also fills the run setup with the catalogue's defaults, the first time. */
  catalogLoaded(catalog: Catalog): void;
  catalogFailed(message: string): void;
}

/** Creates the catalogue slice. */
export const createCatalogSlice: LabSliceCreator<CatalogSlice> = (set) => ({
  catalog: { status: 'idle', value: null, error: null },
  catalogRequested: () => set((s) => ({ catalog: { ...s.catalog, status: 'loading', error: null } })),
  catalogLoaded: (catalog) =>
    set((s) => ({
      catalog: { status: 'loaded', value: catalog, error: null },
      setup: setupForCatalog(s.setup, catalog),
    })),
  catalogFailed: (message) => set((s) => ({ catalog: { ...s.catalog, status: 'failed', error: message } })),
});

/** The loaded catalogue, or null. */
export const selectCatalog = (s: LabState): Catalog | null => s.catalog.value;

const NO_SCENARIOS: readonly ScenarioInfo[] = [];

/** The scenarios menu, empty (and always the same empty array) until loaded. */
export const selectScenarios = (s: LabState): readonly ScenarioInfo[] =>
  s.catalog.value?.scenarios ?? NO_SCENARIOS;

/** A catalogue entry by id. */
export const selectScenarioById = (s: LabState, id: string | null): ScenarioInfo | undefined =>
  id === null ? undefined : s.catalog.value?.scenarios.find((scenario) => scenario.id === id);
