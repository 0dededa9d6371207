/** A tiny line of recent values on a canvas, for the system strip. */
import { createFrameScheduler } from './frame-scheduler';

/** A sparkline bound to one canvas. */
export interface Sparkline {
  update(values: readonly number[]): void;
  setColor(color: string): void;
  destroy(): void;
}

/** Draws `values` (oldest first) scaled to the canvas, at most once a frame. */
export function createSparkline(canvas: HTMLCanvasElement, initialColor: string, slots = 60): Sparkline {
  let values: readonly number[] = [];
  let color = initialColor;
  const scheduler = createFrameScheduler(() => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const width = canvas.clientWidth || 80;
    const height = canvas.clientHeight || 20;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    // A faint baseline shows the minute the line will fill, right to left.
    ctx.globalAlpha = 0.25;
    ctx.fillStyle = color;
    ctx.fillRect(0, height - 1, width, 1);
    ctx.globalAlpha = 1;
    if (values.length < 2) return;
    const max = Math.max(1, ...values);
    const step = width / (slots - 1);
    const offset = slots - values.length;
    ctx.beginPath();
    values.forEach((value, i) => {
      const x = (offset + i) * step;
      const y = height - 1 - (value / max) * (height - 2);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  });
  return {
    update(next) {
      values = next;
      scheduler.request();
    },
    setColor(next) {
      color = next;
      scheduler.request();
    },
    destroy: () => scheduler.cancel(),
  };
}
