/**
 * The model colours as CSS custom properties, written from the registry's entries: one
 * `--model-<id>` per model in each of the four palettes, and `--model-stripes`, a band of every
 * model's colour. The renderer's build serves it as a stylesheet of the app's own
 * (scripts/model-colors-plugin.ts): the CSP admits no <style> element, and a hand-kept copy in CSS
 * would drift from the registry.
 */
import { MODEL_IDS, MODELS, type ModelId, type Theme } from './models';

/** The custom property holding a model's colour in the current palette. */
export function modelColorProperty(model: ModelId): string {
  return `--model-${model}`;
}

function block(selector: string, theme: Theme, extra: readonly string[] = []): string {
  const lines = MODEL_IDS.map((id) => `${modelColorProperty(id)}: ${MODELS[id].colors[theme]};`);
  return `${selector} {\n${[...lines, ...extra].map((line) => `  ${line}`).join('\n')}\n}`;
}

function dark(css: string): string {
  return `@media (prefers-color-scheme: dark) {\n${css.replace(/^/gm, '  ')}\n}`;
}

/** Every model's colour side by side, in registry order: the logo and the lanes legend. */
function stripes(): string {
  const share = 100 / MODEL_IDS.length;
  const stops = MODEL_IDS.map(
    (id, i) => `var(${modelColorProperty(id)}) ${+(i * share).toFixed(3)}% ${+((i + 1) * share).toFixed(3)}%`,
  );
  return `--model-stripes: linear-gradient(90deg, ${stops.join(', ')});`;
}

/** The stylesheet: light and dark, then presenter mode's light and dark (same selectors as theme.css and presenter.css). */
export function modelColorsCss(): string {
  return `${[
    '/* Generated from src/shared/models/ by scripts/model-colors-plugin.ts: edit the registry, not this. */',
    block(':root', 'light', [stripes()]),
    dark(block(':root', 'dark')),
    block(':root[data-presenter]', 'presenterLight'),
    dark(block(':root[data-presenter]', 'presenterDark')),
  ].join('\n\n')}\n`;
}
