import { describe, expect, it } from 'vitest';
import { clampViewport, FIT, isFit, magnification, MIN_SPAN, panBy, zoomAround } from './lanes-viewport';

describe('the lanes viewport', () => {
  it('zooms around the pointer: the time under it stays under it', () => {
    const zoomed = zoomAround(FIT, 4, 0.25);
    expect(zoomed.start + 0.25 * (zoomed.end - zoomed.start)).toBeCloseTo(0.25, 12);
    expect(magnification(zoomed)).toBeCloseTo(4, 12);
    const again = zoomAround(zoomed, 2, 0.9);
    const before = zoomed.start + 0.9 * (zoomed.end - zoomed.start);
    expect(again.start + 0.9 * (again.end - again.start)).toBeCloseTo(before, 12);
  });

  it('never zooms out past the whole run, nor in past a millionth of it', () => {
    expect(zoomAround(zoomAround(FIT, 3, 0.7), 1 / 10, 0.1)).toEqual(FIT);
    let viewport = FIT;
    for (let i = 0; i < 100; i++) viewport = zoomAround(viewport, 10, 0.5);
    expect(viewport.end - viewport.start).toBeCloseTo(MIN_SPAN, 15);
    expect(isFit(viewport)).toBe(false);
  });

  it('pans by a share of what is visible and stops at either end of the run', () => {
    const zoomed = zoomAround(FIT, 10, 0.5);
    const later = panBy(zoomed, 0.5);
    expect(later.start - zoomed.start).toBeCloseTo(0.05, 12);
    expect(panBy(zoomed, -100).start).toBe(0);
    expect(panBy(zoomed, 100).end).toBe(1);
    expect(panBy(FIT, 0.3)).toEqual(FIT);
  });

  it('puts a stretch that spills over back inside the run', () => {
    const early = clampViewport({ start: -0.2, end: 0.3 });
    expect([early.start, early.end]).toEqual([0, 0.5]);
    const late = clampViewport({ start: 0.9, end: 1.4 });
    expect(late.start).toBeCloseTo(0.5, 12);
    expect(late.end).toBe(1);
  });
});
