import { describe, expect, it } from 'vitest';
import { modelColorProperty, modelColorsCss } from './model-colors';
import { MODEL_IDS, MODELS } from './models';

/** The declarations inside the block that `selector` opens (top-level or inside the dark media query). */
function declarations(css: string, selector: string, dark: boolean): Map<string, string> {
  const blocks = css.split(/\n(?=\S)/);
  const block = blocks.find(
    (b) => b.includes(`${selector} {`) && b.startsWith('@media') === dark && !b.includes(`${selector}[`),
  );
  const found = new Map<string, string>();
  for (const [, name, value] of block?.matchAll(/(--[\w-]+): ([^;]+);/g) ?? []) found.set(name!, value!);
  return found;
}

describe('the model colours stylesheet', () => {
  const css = modelColorsCss();
  const palettes = [
    { selector: ':root', dark: false, theme: 'light' },
    { selector: ':root', dark: true, theme: 'dark' },
    { selector: ':root[data-presenter]', dark: false, theme: 'presenterLight' },
    { selector: ':root[data-presenter]', dark: true, theme: 'presenterDark' },
  ] as const;

  it.each(palettes)('sets every model’s colour for $theme', ({ selector, dark, theme }) => {
    const found = declarations(css, selector, dark);
    for (const id of MODEL_IDS) expect(found.get(modelColorProperty(id)), id).toBe(MODELS[id].colors[theme]);
  });

  it('bands every model’s colour, in registry order, across the stripes', () => {
    const stripes = declarations(css, ':root', false).get('--model-stripes') ?? '';
    const order = [...stripes.matchAll(/var\(--model-([\w-]+)\)/g)].map((m) => m[1]);
    expect(order).toEqual([...MODEL_IDS]);
    expect(stripes).toMatch(/ 100%\)$/);
  });
});
