/**
 * What every canvas chart is to its hook (use-store-chart), and the tail every chart factory shares:
 * new input or colours are taken at once and drawn at most once a frame; destroy drops the pending
 * frame and frees what the chart holds.
 */
import { createFrameScheduler } from './frame-scheduler';
import type { ThemeColors } from './theme-colors';

/** A chart fed from the store: new input, a new palette, its box resized, and gone. */
export interface StoreChart<Input> {
  update(input: Input): void;
  setColors(colors: ThemeColors): void;
  destroy(): void;
  resize?(): void;
}

/** The parts of a chart its factory supplies; scheduledChart wires them into a StoreChart. */
export interface ChartParts<Input> {
  /** Draws the chart from the input and colours it last took. */
  readonly draw: () => void;
  /** Keeps new input (and may re-describe the canvas for screen readers at once). */
  readonly takeInput: (input: Input) => void;
  /** Keeps a new palette (and re-themes what the next draw will not). */
  readonly takeColors: (colors: ThemeColors) => void;
  /** Frees what the chart holds, such as its chart.js instance. */
  readonly dispose?: () => void;
  /** Redraw when the canvas's box is resized: for canvases the factory sizes itself, not chart.js ones. */
  readonly redrawOnResize?: boolean;
}

/** A StoreChart that redraws at most once a frame, however often it is fed. */
export function scheduledChart<Input>(parts: ChartParts<Input>): StoreChart<Input> {
  const scheduler = createFrameScheduler(parts.draw);
  return {
    update(input) {
      parts.takeInput(input);
      scheduler.request();
    },
    setColors(colors) {
      parts.takeColors(colors);
      scheduler.request();
    },
    ...(parts.redrawOnResize ? { resize: () => scheduler.request() } : {}),
    destroy() {
      scheduler.cancel();
      parts.dispose?.();
    },
  };
}
