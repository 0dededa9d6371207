/** A sparkline of the main process's event-loop delay over the last samples, updated from the store without re-rendering. */
import { useEffect, useRef, type ReactNode } from 'react';
import { createSparkline } from '../../charts/sparkline';
import { onColorSchemeChange, readThemeColors } from '../../charts/theme-colors';
import { useLabStore } from '../../store/store-context';

/** The delay figure to plot: each sample's p99, or its max. */
export interface LoopDelaySparklineProps {
  readonly metric: 'p99' | 'max';
  readonly wide?: boolean;
}

/** The sparkline; decorative (the figures beside it carry the information). */
export function LoopDelaySparkline({ metric, wide = false }: LoopDelaySparklineProps): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const store = useLabStore();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const sparkline = createSparkline(canvas, readThemeColors().text);
    const unsubscribe = store.subscribe(
      (s) => s.system.samples,
      (samples) => sparkline.update(samples.map((sample) => sample.eventLoopDelay[metric])),
      { fireImmediately: true },
    );
    const stopTheme = onColorSchemeChange(() => sparkline.setColor(readThemeColors().text));
    return () => {
      stopTheme();
      unsubscribe();
      sparkline.destroy();
    };
  }, [store, metric]);
  return (
    <canvas ref={canvasRef} className={wide ? 'sparkline sparkline-wide' : 'sparkline'} aria-hidden="true" />
  );
}
