/** The lanes timeline's keys: zoom, pan, fit, a lane cursor, and choosing the task under it. */
import { PAN_STEP, ZOOM_STEP } from '../../charts/lanes-viewport';

/** What a key does to the timeline. */
export type TimelineKeyAction =
  | { readonly kind: 'zoom'; readonly factor: number }
  | { readonly kind: 'pan'; readonly by: number }
  | { readonly kind: 'fit' }
  | { readonly kind: 'row'; readonly by: number }
  | { readonly kind: 'choose' }
  | { readonly kind: 'clear' };

/** The keys as the help text lists them. */
export const TIMELINE_KEYS_HELP =
  'Keys: + and − zoom, ← and → pan, 0 fits the whole run, ↑ and ↓ pick a lane, Enter shows the task at the cursor, Esc clears it. Wheel over the timeline zooms once it has focus (or with Ctrl); drag pans.';

/** The action of a key press on the focused timeline, or null (the key is left to the page). */
export function timelineKeyAction(press: {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}): TimelineKeyAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const fast = press.shiftKey ? 5 : 1;
  switch (press.key) {
    case '+':
    case '=':
      return { kind: 'zoom', factor: ZOOM_STEP };
    case '-':
    case '_':
    case '−':
      return { kind: 'zoom', factor: 1 / ZOOM_STEP };
    case 'ArrowLeft':
      return { kind: 'pan', by: -PAN_STEP * fast };
    case 'ArrowRight':
      return { kind: 'pan', by: PAN_STEP * fast };
    case '0':
    case 'Home':
      return { kind: 'fit' };
    case 'ArrowUp':
      return { kind: 'row', by: -1 };
    case 'ArrowDown':
      return { kind: 'row', by: 1 };
    case 'Enter':
    case ' ':
      return { kind: 'choose' };
    case 'Escape':
      return { kind: 'clear' };
    default:
      return null;
  }
}

/** The zoom factor of a wheel step: smooth for trackpads' small deltas, one key step for a mouse notch. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  // Lines and pages (Firefox, some mice) are about 40 and 800 pixels.
  const pixels = deltaY * (deltaMode === 1 ? 40 : deltaMode === 2 ? 800 : 1);
  return Math.exp(-Math.max(-400, Math.min(400, pixels)) * 0.004);
}
