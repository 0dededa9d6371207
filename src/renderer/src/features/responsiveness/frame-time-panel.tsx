/** The frame-time chart of the last ten seconds, drawn on every frame straight from the frame meter. */
import { useEffect, useRef, type ReactNode } from 'react';
import { createFrameTimeChart } from '../../charts/frame-time-chart';
import { FRAME_WINDOW_MS } from '../../charts/frame-time-scale';
import { onColorSchemeChange, readThemeColors } from '../../charts/theme-colors';
import { longestGap } from '../../perf/frame-statistics';
import { formatDuration } from '../../../../shared/format';
import { useFrameMeter } from '../../store/store-context';

/** How often the canvas's accessible name is refreshed, ms (screen readers need no 60 Hz). */
const DESCRIBE_EVERY_MS = 1000;

/**
 * How often the chart is redrawn, ms: 20 Hz scrolls the 10 s window by under 2 px a step, and costs a
 * third of redrawing on every frame — the meter should disturb what it measures as little as it can.
 */
const REDRAW_EVERY_MS = 50;

/** The chart. */
export function FrameTimeChartBox(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const meter = useFrameMeter();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const chart = createFrameTimeChart(canvas, readThemeColors());
    const stopTheme = onColorSchemeChange(() => chart.setColors(readThemeColors()));
    let described = 0;
    let drawn = 0;
    const stop = meter.onFrame((now) => {
      if (now - drawn < REDRAW_EVERY_MS) return;
      drawn = now;
      const frames = meter.recent(FRAME_WINDOW_MS);
      const gaps = frames.map((frame) => frame.gap);
      chart.draw(frames, now, meter.budgetMs());
      if (now - described >= DESCRIBE_EVERY_MS) {
        described = now;
        canvas.setAttribute(
          'aria-label',
          `Frame times of the last 10 s: ${frames.length} frames, longest gap ${formatDuration(longestGap(gaps))}.`,
        );
      }
    });
    return () => {
      stop();
      stopTheme();
    };
  }, [meter]);
  return (
    <div className="frame-chart-box">
      <canvas ref={canvasRef} role="img" aria-label="Frame times of the last 10 s." />
    </div>
  );
}
