import { describe, expect, it } from 'vitest';
import { FIT, zoomAround } from '../../charts/lanes-viewport';
import { rangeWords } from './lanes-toolbar';
import type { TimelineViewState } from './timeline-view';

const state = (viewport = FIT, axis: 'shared' | 'per-model' = 'shared'): TimelineViewState => ({
  runId: 'r',
  look: { viewport, axis },
  details: new Map(),
  hover: null,
  selected: null,
  cursor: null,
  hint: null,
});

describe('rangeWords', () => {
  it('says the whole run, or the stretch on screen and how magnified', () => {
    expect(rangeWords(state(), 20_000)).toBe('Whole run: 0 – 20.000 s');
    expect(rangeWords(state(zoomAround(FIT, 10, 0)), 20_000)).toBe('Showing 0 ms – 2.000 s (×10.0)');
    expect(rangeWords(state(), null)).toBe('No run on screen');
  });

  it('speaks in shares of each run when every model has its own axis', () => {
    expect(rangeWords(state(zoomAround(FIT, 4, 1), 'per-model'), 20_000)).toBe(
      'Each model: 75.0 % – 100.0 % of its run (×4.0)',
    );
  });
});
