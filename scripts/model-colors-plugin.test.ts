import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelColorsCss } from '../src/shared/model-colors';
import { MODEL_IDS } from '../src/shared/models';
import { modelColorsPlugin } from './model-colors-plugin';

function stylesheets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return stylesheets(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

describe('the model colours plugin', () => {
  it('serves the registry’s stylesheet as virtual:model-colors.css', async () => {
    const plugin = modelColorsPlugin();
    const resolveId = plugin.resolveId as (id: string) => string | null;
    const load = plugin.load as (id: string) => string | null;
    const id = resolveId('virtual:model-colors.css');
    expect(id).not.toBeNull();
    expect(load(id!)).toBe(modelColorsCss());
    expect(resolveId('./theme.css')).toBeNull();
  });

  it('is the only place model colours are set: no stylesheet keeps a copy or a per-model class', () => {
    for (const file of stylesheets(resolve(__dirname, '../src/renderer'))) {
      const css = readFileSync(file, 'utf8');
      for (const id of MODEL_IDS) {
        expect(css, file).not.toContain(`--model-${id}:`);
        expect(css, file).not.toMatch(new RegExp(`\\.(swatch|progress)-${id}\\b`));
      }
    }
  });
});
