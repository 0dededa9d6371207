/**
 * The deadlock timeline of one attempt: a row per worker (A, B), each lock on its own track — solid
 * while held, striped while waited for — the timeouts, and the moment the cycle was detected.
 */
import type { DeadlockAttempt, LockName, LockWorker } from '../../../shared/lessons/deadlock';
import { scheduledChart, type StoreChart } from './store-chart';
import { readLessonChartStyle } from './lesson-chart-style';
import { deadlockLayout, tickStep, type LockSpan } from './lesson-deadlock-layout';
import { withAlpha, type ThemeColors } from './theme-colors';

/** The timeline bound to one canvas. */
export type DeadlockTimeline = StoreChart<DeadlockAttempt | null>;

const WORKERS: readonly LockWorker[] = ['A', 'B'];
const LOCKS: readonly LockName[] = ['L1', 'L2'];

/** Creates the timeline on `canvas`; its width follows its parent. */
export function createDeadlockTimeline(
  canvas: HTMLCanvasElement,
  initialColors: ThemeColors,
): DeadlockTimeline {
  let colors = initialColors;
  let attempt: DeadlockAttempt | null = null;

  function draw(): void {
    const ctx = canvas.getContext('2d');
    if (!ctx || !attempt) return;
    const style = readLessonChartStyle();
    const font = style.fontSize;
    const track = Math.round(font * 1.5);
    const rowGap = Math.round(font * 0.9);
    const top = Math.round(font * 1.8);
    const left = Math.round(font * 2.6);
    const bottom = Math.round(font * 2);
    const rowHeight = track * 2 + 4;
    const width = canvas.parentElement?.clientWidth || 480;
    const height = top + WORKERS.length * (rowHeight + rowGap) + bottom;
    const ratio = window.devicePixelRatio || 1;
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const layout = deadlockLayout(attempt);
    // Room on the right for the last tick's label.
    const plot = width - left - Math.round(font * 2.4);
    const x = (ms: number) => left + (plot * ms) / Math.max(layout.endMs, 1);
    const lockColor = (lock: LockName) => colors.lane[lock === 'L1' ? 0 : 1] ?? colors.accent;
    const rowY = (worker: LockWorker) => top + WORKERS.indexOf(worker) * (rowHeight + rowGap);
    const trackY = (span: Pick<LockSpan, 'worker' | 'lock'>) =>
      rowY(span.worker) + LOCKS.indexOf(span.lock) * (track + 4);

    ctx.font = `${font}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    for (const worker of WORKERS) {
      ctx.fillStyle = colors.track;
      ctx.fillRect(left, rowY(worker), plot, rowHeight);
      ctx.fillStyle = colors.text;
      ctx.font = `bold ${font * 1.2}px system-ui, sans-serif`;
      ctx.fillText(worker, 6, rowY(worker) + rowHeight / 2);
    }
    ctx.font = `${font}px system-ui, sans-serif`;
    for (const span of layout.spans) {
      const x0 = x(span.start);
      const w = Math.max(2, x(span.end) - x0);
      const y = trackY(span);
      const color = lockColor(span.lock);
      if (span.kind === 'hold') {
        ctx.fillStyle = color;
        ctx.fillRect(x0, y, w, track);
      } else {
        ctx.save();
        ctx.beginPath();
        ctx.rect(x0, y, w, track);
        ctx.clip();
        ctx.fillStyle = withAlpha(color, 0.15);
        ctx.fillRect(x0, y, w, track);
        ctx.strokeStyle = color;
        ctx.lineWidth = Math.max(1, style.lineWidth / 2);
        for (let sx = x0 - track; sx < x0 + w; sx += 7) {
          ctx.beginPath();
          ctx.moveTo(sx, y + track);
          ctx.lineTo(sx + track, y);
          ctx.stroke();
        }
        ctx.restore();
        ctx.strokeStyle = color;
        ctx.lineWidth = style.lineWidth;
        ctx.strokeRect(x0, y, w, track);
      }
      const label = span.kind === 'hold' ? `holds ${span.lock}` : `waits for ${span.lock}`;
      const labelWidth = ctx.measureText(label).width;
      if (labelWidth + 12 < w) {
        if (span.kind === 'wait') {
          // The stripes behind would make the words hard to read: give them a plate.
          ctx.fillStyle = colors.surface;
          ctx.fillRect(x0 + 3, y + 3, labelWidth + 6, track - 6);
        }
        ctx.fillStyle = span.kind === 'hold' ? colors.surface : colors.text;
        ctx.fillText(label, x0 + 6, y + track / 2);
      }
    }
    for (const mark of layout.marks) {
      const mx = x(mark.at);
      const y = rowY(mark.worker);
      ctx.fillStyle = mark.kind === 'report' ? colors.danger : colors.text;
      ctx.fillRect(mx - 1, y - 3, 2, rowHeight + 6);
    }
    if (layout.detectedAtMs !== null) {
      const dx = x(layout.detectedAtMs);
      ctx.strokeStyle = colors.danger;
      ctx.lineWidth = style.lineWidth;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(dx, top - 6);
      ctx.lineTo(dx, height - bottom + 4);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colors.danger;
      ctx.textAlign = dx > width / 2 ? 'right' : 'left';
      ctx.fillText(
        `cycle detected at ${layout.detectedAtMs.toFixed(0)} ms`,
        dx + (dx > width / 2 ? -6 : 6),
        top / 2,
      );
      ctx.textAlign = 'left';
    }
    const step = tickStep(layout.endMs);
    ctx.fillStyle = colors.muted;
    ctx.textAlign = 'center';
    for (let t = 0; t <= layout.endMs + 1e-9; t += step) {
      ctx.fillRect(x(t), height - bottom, 1, 4);
      ctx.fillText(`${t} ms`, x(t), height - bottom / 2 + 2);
    }
    ctx.textAlign = 'left';
  }

  return scheduledChart<DeadlockAttempt | null>({
    draw,
    takeInput(next) {
      attempt = next;
      canvas.setAttribute(
        'aria-label',
        next
          ? `Timeline of workers A and B, ${next.strategy}: ${next.explanation}`
          : 'Timeline: no attempt yet.',
      );
    },
    takeColors(next) {
      colors = next;
    },
    redrawOnResize: true,
  });
}
