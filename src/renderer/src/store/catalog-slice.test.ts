import { describe, expect, it } from 'vitest';
import { CATALOG } from '../test-support/fixtures';
import { createLabStore } from './lab-store';
import { selectScenarioById, selectScenarios } from './catalog-slice';

describe('catalog slice', () => {
  it('goes from loading to loaded', () => {
    const store = createLabStore();
    expect(selectScenarios(store.getState())).toEqual([]);
    store.getState().catalogRequested();
    expect(store.getState().catalog.status).toBe('loading');
    store.getState().catalogLoaded(CATALOG);
    expect(store.getState().catalog.status).toBe('loaded');
    expect(selectScenarioById(store.getState(), 'cpu-primes')?.kind).toBe('cpu');
  });

  it('reports a failure and clears it on retry', () => {
    const store = createLabStore();
    store.getState().catalogRequested();
    store.getState().catalogFailed('No answer to lab:catalog within 30 s');
    expect(store.getState().catalog).toMatchObject({ status: 'failed', error: /No answer/ });
    store.getState().catalogRequested();
    expect(store.getState().catalog).toMatchObject({ status: 'loading', error: null });
  });

  it('keeps the chosen scenario when the catalogue is loaded again', () => {
    const store = createLabStore();
    store.getState().catalogLoaded(CATALOG);
    store.getState().scenarioPicked('cpu-primes');
    store.getState().catalogLoaded(CATALOG);
    expect(store.getState().setup.scenario).toBe('cpu-primes');
  });
});
