/** Feeds a chart from the store without React: the chart hears every change of the run's snapshots. */
import { useEffect, type RefObject } from 'react';
import { shallow } from 'zustand/shallow';
import { onColorSchemeChange, readThemeColors, type ThemeColors } from '../charts/theme-colors';
import type { LanesInput } from '../charts/lanes-layout';
import { useLabStore } from '../store/store-context';

/** What a chart bound to the run's snapshots can do. */
export interface SnapshotView {
  update(input: LanesInput): void;
  setColors(colors: ThemeColors): void;
  destroy(): void;
  resize?(): void;
}

/**
 * Mounts `create(canvas)` once, subscribes it to the run's models and snapshots (store.subscribe,
 * not re-rendering), re-themes it when the OS switches light/dark, and tears it down on unmount.
 */
export function useSnapshotView(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  create: (canvas: HTMLCanvasElement, colors: ThemeColors) => SnapshotView,
): void {
  const store = useLabStore();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const view = create(canvas, readThemeColors());
    const unsubscribe = store.subscribe(
      (s) => [s.run.models, s.run.snapshots, s.run.finished] as const,
      ([models, snapshots, finished]) => view.update({ models, snapshots, finished }),
      { equalityFn: shallow, fireImmediately: true },
    );
    const stopTheme = onColorSchemeChange(() => view.setColors(readThemeColors()));
    const resize = view.resize?.bind(view);
    const observer = resize && canvas.parentElement ? new ResizeObserver(() => resize()) : null;
    if (observer && canvas.parentElement) observer.observe(canvas.parentElement);
    return () => {
      observer?.disconnect();
      stopTheme();
      unsubscribe();
      view.destroy();
    };
    // The chart is created once per mount: `canvasRef` is stable and `create` a module-level function.
  }, [store, canvasRef, create]);
}
