/**
 * What part of the lanes timeline is on screen: a stretch of each model's time axis, as fractions of
 * it (0 to 1 at "fit"), so one zoom serves a shared axis and one axis per model alike. Zooming keeps
 * the point under the pointer where it is; nothing zooms out past "fit" or pans off the run.
 */

/** The visible stretch, fractions of the axis: 0 ≤ start < end ≤ 1. */
export interface LanesViewport {
  readonly start: number;
  readonly end: number;
}

/** The whole run. */
export const FIT: LanesViewport = { start: 0, end: 1 };

/** The narrowest stretch, a fraction of the axis: a millionth (20 µs of a 20 s run). */
export const MIN_SPAN = 1e-6;

/** One zoom step of the keyboard and the buttons. */
export const ZOOM_STEP = 1.5;

/** One pan step of the arrow keys, a fraction of the visible stretch. */
export const PAN_STEP = 0.1;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** The stretch moved and shrunk back inside the axis when it spills over. */
export function clampViewport(viewport: LanesViewport): LanesViewport {
  const span = clamp(viewport.end - viewport.start, MIN_SPAN, 1);
  // Within rounding of the whole run is the whole run: "fit" must read as fit.
  if (span > 1 - 1e-9) return FIT;
  const start = clamp(viewport.start, 0, 1 - span);
  return { start, end: Math.min(1, start + span) };
}

/**
 * Zooms by `factor` (above 1 zooms in) around `anchor`, a fraction of the plot's width (0: left
 * edge, 1: right edge): the time under the anchor stays under it.
 */
export function zoomAround(viewport: LanesViewport, factor: number, anchor = 0.5): LanesViewport {
  const span = viewport.end - viewport.start;
  const at = viewport.start + clamp(anchor, 0, 1) * span;
  const next = clamp(span / factor, MIN_SPAN, 1);
  return clampViewport({
    start: at - clamp(anchor, 0, 1) * next,
    end: at - clamp(anchor, 0, 1) * next + next,
  });
}

/** Moves the stretch by `fraction` of its own width (positive: later). */
export function panBy(viewport: LanesViewport, fraction: number): LanesViewport {
  const shift = fraction * (viewport.end - viewport.start);
  return clampViewport({ start: viewport.start + shift, end: viewport.end + shift });
}

/** Whether the whole run is on screen. */
export function isFit(viewport: LanesViewport): boolean {
  return viewport.start <= 0 && viewport.end >= 1;
}

/** How many times the run is magnified. */
export function magnification(viewport: LanesViewport): number {
  return 1 / (viewport.end - viewport.start);
}
