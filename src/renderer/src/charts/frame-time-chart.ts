/**
 * The frame-time chart: every frame of the last ten seconds as a bar as wide as its gap and as tall
 * as its gap (log scale), so a freeze is a wide, tall block; lines mark one frame budget and the long
 * task threshold. Drawn on a canvas at most once per animation frame, sized for the pixel ratio.
 */
import { LONG_TASK_MS, missedFrames, type Frame } from '../perf/frame-statistics';
import { FRAME_WINDOW_MS, gapCeiling, gapFraction, gapLabel, gapTicks } from './frame-time-scale';
import type { ThemeColors } from './theme-colors';

/** A frame-time chart bound to one canvas. */
export interface FrameTimeChart {
  /** Draws the frames (oldest first) of the window ending at `now`. */
  draw(frames: readonly Frame[], now: number, budgetMs: number): void;
  setColors(colors: ThemeColors): void;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif';
const LEFT = 50;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 20;

/** Binds a chart to `canvas`; its size follows the canvas's CSS box. */
export function createFrameTimeChart(canvas: HTMLCanvasElement, initialColors: ThemeColors): FrameTimeChart {
  let colors = initialColors;
  return {
    setColors(next) {
      colors = next;
    },
    draw(frames, now, budgetMs) {
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const width = Math.max(200, canvas.clientWidth);
      const height = Math.max(80, canvas.clientHeight);
      const ratio = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
      if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      const plotWidth = width - LEFT - RIGHT;
      const plotHeight = height - TOP - BOTTOM;
      const start = now - FRAME_WINDOW_MS;
      const x = (t: number) => LEFT + ((Math.max(start, t) - start) / FRAME_WINDOW_MS) * plotWidth;
      const longest = frames.reduce((m, f) => Math.max(m, f.gap), 0);
      const ceiling = gapCeiling(longest);
      const y = (gap: number) => TOP + plotHeight * (1 - gapFraction(gap, ceiling));

      ctx.font = FONT;
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'right';
      for (const tick of gapTicks(ceiling)) {
        const ty = Math.round(y(tick)) + 0.5;
        ctx.fillStyle = colors.grid;
        ctx.fillRect(LEFT, ty, plotWidth, 1);
        ctx.fillStyle = colors.muted;
        ctx.fillText(gapLabel(tick), LEFT - 6, ty);
      }
      ctx.textAlign = 'center';
      ctx.textBaseline = 'alphabetic';
      for (let s = 0; s <= FRAME_WINDOW_MS / 1000; s += 2) {
        const tx = x(now - s * 1000);
        ctx.fillStyle = colors.muted;
        ctx.fillText(s === 0 ? 'now' : `−${s} s`, Math.min(width - 14, tx), height - 5);
      }

      for (const frame of frames) {
        if (frame.at < start) continue;
        const x0 = x(frame.at - frame.gap);
        const x1 = Math.max(x0 + 1, x(frame.at));
        const top = y(frame.gap);
        ctx.fillStyle =
          frame.gap > LONG_TASK_MS
            ? colors.danger
            : missedFrames(frame.gap, budgetMs) > 0
              ? colors.warn
              : colors.accent;
        ctx.fillRect(x0, top, x1 - x0, TOP + plotHeight - top);
      }

      const marker = (gap: number, label: string) => {
        const my = Math.round(y(gap)) + 0.5;
        ctx.strokeStyle = colors.text;
        ctx.globalAlpha = 0.6;
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(LEFT, my);
        ctx.lineTo(LEFT + plotWidth, my);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.globalAlpha = 1;
        // The label sits on a backing at the right end, readable over the bars.
        const textWidth = ctx.measureText(label).width;
        const right = LEFT + plotWidth - 2;
        ctx.globalAlpha = 0.85;
        ctx.fillStyle = colors.surface;
        ctx.fillRect(right - textWidth - 6, my - 14, textWidth + 6, 13);
        ctx.globalAlpha = 1;
        ctx.textAlign = 'right';
        ctx.textBaseline = 'bottom';
        ctx.fillStyle = colors.text;
        ctx.fillText(label, right - 3, my - 2);
      };
      marker(budgetMs, `1 frame (${budgetMs.toFixed(1)} ms)`);
      marker(LONG_TASK_MS, 'long task (50 ms)');
    },
  };
}
