/**
 * Colours for canvas drawing, read from the CSS variables of the current theme (light or dark,
 * following the OS), so the stylesheet stays the one source of every colour.
 */
import { MODEL_IDS, type ModelId } from '../../../shared/models';
import { modelColorProperty } from '../../../shared/model-colors';

/** How many distinct lane hues the GIL track cycles through. */
export const LANE_HUES = 8;

/** Every colour the canvases use. */
export interface ThemeColors {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly surface: string;
  readonly track: string;
  readonly failed: string;
  readonly accent: string;
  readonly warn: string;
  readonly danger: string;
  readonly model: Readonly<Record<ModelId, string>>;
  readonly lane: readonly string[];
}

/** Reads the theme's colours from the root element's custom properties. */
export function readThemeColors(root: HTMLElement = document.documentElement): ThemeColors {
  const style = getComputedStyle(root);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', '#1b1f24'),
    muted: read('--text-muted', '#5b6470'),
    grid: read('--chart-grid', 'rgba(127,127,127,0.25)'),
    surface: read('--surface', '#ffffff'),
    track: read('--lane-track', 'rgba(127,127,127,0.08)'),
    failed: read('--failed', '#d32f2f'),
    accent: read('--accent', '#1f6feb'),
    warn: read('--warn', '#9a6700'),
    danger: read('--danger', '#c62828'),
    model: Object.fromEntries(MODEL_IDS.map((id) => [id, read(modelColorProperty(id), '#888888')])) as Record<
      ModelId,
      string
    >,
    lane: Array.from({ length: LANE_HUES }, (_, i) => read(`--lane-${i}`, '#888888')),
  };
}

/**
 * Calls `listener` when the OS switches between light and dark, or presenter mode (the root's
 * data-presenter attribute) switches the palette; returns the unsubscribe function.
 */
export function onColorSchemeChange(listener: () => void): () => void {
  const query = matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', listener);
  const presenter = new MutationObserver(listener);
  presenter.observe(document.documentElement, { attributes: true, attributeFilter: ['data-presenter'] });
  return () => {
    query.removeEventListener('change', listener);
    presenter.disconnect();
  };
}

/** A colour with transparency, for CSS colours in #rrggbb form; anything else is returned as it is. */
export function withAlpha(color: string, alpha: number): string {
  const match = /^#([0-9a-f]{6})$/i.exec(color);
  if (!match) return color;
  const value = parseInt(match[1]!, 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
