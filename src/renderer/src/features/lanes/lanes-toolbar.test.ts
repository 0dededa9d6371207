import { describe, expect, it } from 'vitest';
import { FIT, zoomAround } from '../../charts/lanes-viewport';
import { formatSpan, rangeWords } from './lanes-toolbar';
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
    expect(rangeWords(state(zoomAround(FIT, 10, 0)), 20_000)).toBe('Showing 0.000 s – 2.000 s (×10.0)');
    expect(rangeWords(state(), null)).toBe('No run on screen');
  });

  it('gives both ends as many decimals as tell them apart, however far zoomed in', () => {
    expect(formatSpan(779.6512, 779.652)).toBe('779.65120 ms – 779.65200 ms');
    expect(formatSpan(12_345.1, 12_345.9)).toBe('12.34510 s – 12.34590 s');
    expect(formatSpan(100, 400)).toBe('100.0 ms – 400.0 ms');
  });

  it('speaks in shares of each run when every model has its own axis', () => {
    expect(rangeWords(state(zoomAround(FIT, 4, 1), 'per-model'), 20_000)).toBe(
      'Each model: 75.0 % – 100.0 % of its run (×4.0)',
    );
  });
});
