/** Feeds a canvas chart (history, lessons) from any part of the store without React re-rendering it on every change. */
import { useEffect, type RefObject } from 'react';
import type { StoreChart } from './store-chart';
import { onColorSchemeChange, readThemeColors, type ThemeColors } from './theme-colors';
import type { LabState } from '../store/lab-store';
import { useLabStore } from '../store/store-context';

/**
 * Mounts `create(canvas)` once, feeds it `select(state)` whenever that changes (store.subscribe),
 * re-themes it when the OS switches light/dark, and tears it down on unmount. `create`, `select`
 * and `equal` must be module-level functions (stable), as the chart is made once per mount.
 */
export function useStoreChart<Input>(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  create: (canvas: HTMLCanvasElement, colors: ThemeColors) => StoreChart<Input>,
  select: (state: LabState) => Input,
  equal?: (a: Input, b: Input) => boolean,
): void {
  const store = useLabStore();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const chart = create(canvas, readThemeColors());
    const unsubscribe = store.subscribe(select, (input) => chart.update(input), {
      equalityFn: equal,
      fireImmediately: true,
    });
    const stopTheme = onColorSchemeChange(() => chart.setColors(readThemeColors()));
    const resize = chart.resize?.bind(chart);
    const observer = resize && canvas.parentElement ? new ResizeObserver(() => resize()) : null;
    if (observer && canvas.parentElement) observer.observe(canvas.parentElement);
    return () => {
      observer?.disconnect();
      stopTheme();
      unsubscribe();
      chart.destroy();
    };
  }, [store, canvasRef, create, select, equal]);
}
