/** A Vite plugin serving `virtual:model-colors.css`: the registry's model colours as a real stylesheet, built, not inlined. */
import type { Plugin } from 'vite';
import { modelColorsCss } from '../src/shared/model-colors';

const ID = 'virtual:model-colors.css';

/** The plugin; the renderer imports the stylesheet once, in main.tsx. */
export function modelColorsPlugin(): Plugin {
  return {
    name: 'concurrency-lab:model-colors',
    resolveId: (id) => (id === ID ? ID : null),
    load: (id) => (id === ID ? modelColorsCss() : null),
  };
}
