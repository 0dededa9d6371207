import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduledChart } from './store-chart';
import type { ThemeColors } from './theme-colors';

let frames: (() => void)[] = [];

beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => {
    frames[handle - 1] = () => undefined;
  });
});
afterEach(() => vi.unstubAllGlobals());

function flush(): void {
  const pending = frames;
  frames = [];
  pending.forEach((frame) => frame());
}

describe('scheduledChart', () => {
  it('takes every input and colour at once and draws once a frame', () => {
    const taken: number[] = [];
    const draw = vi.fn();
    const takeColors = vi.fn();
    const chart = scheduledChart<number>({ draw, takeInput: (n) => taken.push(n), takeColors });
    chart.update(1);
    chart.update(2);
    chart.setColors({} as ThemeColors);
    expect(taken).toEqual([1, 2]);
    expect(takeColors).toHaveBeenCalledTimes(1);
    expect(draw).not.toHaveBeenCalled();
    flush();
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('drops the pending frame and frees the chart on destroy', () => {
    const draw = vi.fn();
    const dispose = vi.fn();
    const chart = scheduledChart<number>({
      draw,
      takeInput: () => undefined,
      takeColors: () => undefined,
      dispose,
    });
    chart.update(1);
    chart.destroy();
    flush();
    expect(draw).not.toHaveBeenCalled();
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it('redraws on resize only when the factory sizes its own canvas', () => {
    const parts = { draw: vi.fn(), takeInput: () => undefined, takeColors: () => undefined };
    expect(scheduledChart<number>(parts).resize).toBeUndefined();
    const sized = scheduledChart<number>({ ...parts, redrawOnResize: true });
    sized.resize?.();
    flush();
    expect(parts.draw).toHaveBeenCalledTimes(1);
  });
});
