/** Binds a lesson chart to the store without React: it hears every change of what it selects. */
import { useEffect, type RefObject } from 'react';
import { shallow } from 'zustand/shallow';
import { onColorSchemeChange, readThemeColors, type ThemeColors } from '../../charts/theme-colors';
import type { LabState } from '../../store/lab-store';
import { useLabStore } from '../../store/store-context';

/** What a lesson chart can do. */
export interface LessonChart<T> {
  update(input: T): void;
  setColors(colors: ThemeColors): void;
  destroy(): void;
  resize?(): void;
}

/**
 * Mounts `create(canvas)` once, feeds it `select(state)` on every change (store.subscribe, compared
 * shallowly), re-themes it with the page, and tears it down on unmount. `select` must be stable.
 */
export function useLessonChart<T>(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  create: (canvas: HTMLCanvasElement, colors: ThemeColors) => LessonChart<T>,
  select: (state: LabState) => T,
): void {
  const store = useLabStore();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const chart = create(canvas, readThemeColors());
    const unsubscribe = store.subscribe(select, (input) => chart.update(input), {
      equalityFn: shallow,
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
  }, [store, canvasRef, create, select]);
}
