/** Every registered model is complete: the parts the types demand must also say something, and its executor is the right one. */
import { describe, expect, it } from 'vitest';
import { POOL_KNOBS } from '../../../shared/knobs';
import { DEFAULT_MODEL_IDS, MODEL_IDS, MODELS, THEMES } from '../../../shared/models';
import { resolvePool } from '../../../shared/pool';
import { SCENARIOS } from '../../../shared/scenarios';
import { builtHostScripts } from '../../../test-support/engine-options';
import { catalogModels } from './availability';
import { forkSpawner } from './process-spawner';
import { MODEL_ENGINES } from './registry';

const HEX = /^#[0-9a-f]{6}$/i;
/** The themes' "failed" reds (styles/theme.css): a model colour must never read as a failure. */
const FAILED = ['#d32f2f', '#ff5a52'];

describe.each(MODEL_IDS)('the registry entry of %s', (id) => {
  const entry = MODELS[id];

  it('has a colour in every theme, distinct from every other model and from "failed"', () => {
    for (const theme of THEMES) {
      const color = entry.colors[theme];
      expect(color, theme).toMatch(HEX);
      expect(FAILED).not.toContain(color.toLowerCase());
      const others = MODEL_IDS.filter((other) => other !== id).map((other) => MODELS[other].colors[theme]);
      expect(others, theme).not.toContain(color);
    }
  });

  it('names its Python analogue, a label, a summary and where it runs', () => {
    expect(entry.id).toBe(id);
    for (const text of [entry.python, entry.label, entry.summary, entry.runsOn, entry.family.label])
      expect(text.trim()).not.toBe('');
  });

  it('words its notes, and its verdict for every kind of scenario', () => {
    expect(typeof entry.notes.startup).toBe('boolean');
    if (entry.verdict.kind === 'baseline') {
      expect(entry.baseline).toBe(id);
      expect(entry.verdict.unbeaten.trim()).not.toBe('');
      return;
    }
    expect(entry.baseline).not.toBe(id);
    for (const { kind } of SCENARIOS) {
      expect(entry.verdict.why[kind]({ workers: 4, total: 8, cores: 2 }).trim(), kind).not.toBe('');
    }
  });

  it('measures its speedup against a registered baseline, which is its own baseline', () => {
    expect(MODEL_IDS).toContain(entry.baseline);
    expect(MODELS[entry.baseline].verdict.kind).toBe('baseline');
  });

  it('reads only pool knobs that exist', () => {
    for (const knob of entry.poolKnobs) expect(Object.keys(POOL_KNOBS)).toContain(knob);
  });

  it('has an executor factory that builds an executor of this model', async () => {
    const executor = MODEL_ENGINES[id].createExecutor(resolvePool({}, 2), {
      hostScripts: builtHostScripts(),
      spawner: forkSpawner,
      callingThreadYieldMs: 100,
      callingThread: 'inline',
    });
    expect(executor.model).toBe(id);
    expect(executor.placement.trim()).not.toBe('');
    await executor.close();
  });
});

describe('the catalog', () => {
  it('lists every model in registry order, as plain data, available when it needs nothing installed', async () => {
    const models = await catalogModels({ hostScripts: builtHostScripts() });
    expect(models.map((m) => m.id)).toEqual([...MODEL_IDS]);
    for (const model of models) {
      if (!MODEL_ENGINES[model.id].probe) expect(model.availability, model.id).toEqual({ available: true });
      // It crosses Electron IPC and the WebSocket: no functions, nothing JSON would lose.
      expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    }
  });
});

describe('the default selection', () => {
  it('is the Node models; the CPython models (and distributed) are opt-in, ticked or named by hand', () => {
    expect(DEFAULT_MODEL_IDS).toEqual(['sequential', 'async', 'threads', 'gil-threads', 'processes']);
    for (const id of MODEL_IDS)
      expect(MODELS[id].defaultSelected !== false, id).toBe(MODELS[id].family.id === 'node');
  });
});
