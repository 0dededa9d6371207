import { describe, expect, it } from 'vitest';
import { ZOOM_STEP } from '../../charts/lanes-viewport';
import { timelineKeyAction, wheelZoomFactor } from './timeline-keys';

const key = (k: string, extra: Partial<{ ctrlKey: boolean; shiftKey: boolean }> = {}) =>
  timelineKeyAction({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra });

describe('the timeline keys', () => {
  it('zoom, pan, fit, move the lane cursor and choose', () => {
    expect(key('+')).toEqual({ kind: 'zoom', factor: ZOOM_STEP });
    expect(key('-')).toEqual({ kind: 'zoom', factor: 1 / ZOOM_STEP });
    expect(key('ArrowLeft')).toEqual({ kind: 'pan', by: -0.1 });
    expect(key('ArrowRight', { shiftKey: true })).toEqual({ kind: 'pan', by: 0.5 });
    expect(key('0')).toEqual({ kind: 'fit' });
    expect(key('ArrowDown')).toEqual({ kind: 'row', by: 1 });
    expect(key('Enter')).toEqual({ kind: 'choose' });
    expect(key('Escape')).toEqual({ kind: 'clear' });
  });

  it('leave other keys and browser shortcuts to the page', () => {
    expect(key('r')).toBeNull();
    expect(key('+', { ctrlKey: true })).toBeNull();
  });

  it('zoom in on a wheel turned away, out on one turned back, a mouse notch about a key step', () => {
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100, 0)).toBeLessThan(1);
    expect(wheelZoomFactor(-100, 0)).toBeCloseTo(ZOOM_STEP, 0);
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(wheelZoomFactor(-120, 0), 9);
  });
});
