/**
 * Adding a model is one registry entry plus its executor: three fake CPython-like entries, added the
 * way a real one would be, flow through everything that lists models — request validation, the
 * catalog and its groups, the CLI's help, the colours, a whole run (speedups against their own
 * baseline, notes, an unavailable model's row), the verdict and the race claims. The compile-time
 * half: a registry that misses an executor, or an entry that misses a part, does not compile.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as SharedModels from '../../../shared/models';
import type { ModelId } from '../../../shared/models';
import { defineModel } from '../../../shared/models/model-spec';
import {
  FAKE_ENGINES,
  FAKE_RUNTIME,
  NOGIL_MISSING,
  PY_NOGIL,
  PY_SEQUENTIAL,
  PY_THREADS,
  probeCalls,
  type FAKE_ENTRIES,
  type FakeModelId,
} from './fake-models.test-support';
import type * as Registry from './registry';
import { MODEL_ENGINES as REAL_ENGINES, type ModelEngines } from './registry';

vi.mock('../../../shared/models', async (importOriginal) => {
  const original = await importOriginal<typeof SharedModels>();
  const { FAKE_ENTRIES: fakes } = await import('./fake-models.test-support');
  const MODELS = { ...original.MODELS, ...Object.fromEntries(fakes.map((entry) => [entry.id, entry])) };
  return {
    ...original,
    MODEL_IDS: [...original.MODEL_IDS, ...fakes.map((entry) => entry.id)],
    MODELS,
    isModelId: (value: unknown) => typeof value === 'string' && Object.hasOwn(MODELS, value),
  };
});

vi.mock('./registry', async (importOriginal) => {
  const original = await importOriginal<typeof Registry>();
  const { FAKE_ENGINES: fakes } = await import('./fake-models.test-support');
  return { ...original, MODEL_ENGINES: { ...original.MODEL_ENGINES, ...fakes } };
});

// Imported after the mocks are in place (vi.mock is hoisted): these modules see the extended registry.
const { validateRunRequest } = await import('../../../shared/run-request');
const { modelGroups } = await import('../../../shared/models');
const { modelColorsCss } = await import('../../../shared/model-colors');
const { verdict } = await import('../../../shared/verdict');
const { raceClaims } = await import('../../../shared/race-claims');
const { MAIN_HELP, scenariosText } = await import('../../cli/help');
const { catalogModels } = await import('./availability');
const { runScenario } = await import('../run/run-session');
const { forkSpawner } = await import('./process-spawner');
const { builtHostScripts } = await import('../../../test-support/engine-options');

/** A fake id where the static ModelId is expected (the extension exists only at run time). */
const id = (model: FakeModelId): ModelId => model as ModelId;

describe('a model added as one registry entry plus its executor', () => {
  it('is a model a request may name, and error messages list it', () => {
    const ok = validateRunRequest({ scenario: 'io-sleep', models: ['py-sequential', 'py-threads'] });
    expect(ok.ok).toBe(true);
    const bad = validateRunRequest({ scenario: 'io-sleep', models: ['py-perl'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.message).toContain('py-threads');
  });

  it('is in the catalog with its probe’s answer, asked once, and grouped by the runtime the probe found', async () => {
    const first = await catalogModels();
    const second = await catalogModels();
    expect(second).toEqual(first);
    expect(probeCalls.count).toBe(2); // py-sequential and py-threads, once each
    const byId = new Map(first.map((model) => [model.id as string, model]));
    expect(byId.get('py-threads')?.availability).toEqual({ available: true, runtime: FAKE_RUNTIME });
    expect(byId.get('py-nogil')?.availability).toEqual({ available: false, reason: NOGIL_MISSING });
    expect(byId.get('py-threads')?.baseline).toBe('py-sequential');
    expect(modelGroups(first).map((group) => [group.label, group.models.map((m) => m.id)])).toEqual([
      ['Node.js', ['sequential', 'async', 'threads', 'gil-threads', 'processes']],
      // The distributed model's probe names its broker (or, without nats-server, its family does).
      [expect.stringMatching(/^NATS JetStream/), ['distributed']],
      [FAKE_RUNTIME, ['py-sequential', 'py-threads']],
      ['CPython', ['py-nogil']],
    ]);
    const text = scenariosText(first);
    expect(text).toContain(` ${FAKE_RUNTIME}:`);
    expect(text).toContain(`py-nogil`);
    expect(text).toContain(`[unavailable: ${NOGIL_MISSING}]`);
    expect(MAIN_HELP).toContain('py-threads');
  });

  it('gets its colours in every theme', () => {
    const css = modelColorsCss();
    expect(css.match(/--model-py-threads: #654321;/g)).toHaveLength(4);
    expect(css).toContain('var(--model-py-nogil) ');
  });

  it('runs: measured against its own baseline, worded by its entry, and failed with the reason where it cannot run', async () => {
    const run = await runScenario(
      {
        scenario: 'io-sleep',
        params: { tasks: 3, taskMs: 40 },
        models: ['sequential', id('py-sequential'), id('py-threads'), id('py-nogil')],
        pool: {},
      },
      { hostScripts: builtHostScripts(), spawner: forkSpawner },
    );
    const result = (model: string) => run.results.find((r) => r.model === model)!;
    const [sequential, pySequential, pyThreads, pyNogil] = [
      result('sequential'),
      result('py-sequential'),
      result('py-threads'),
      result('py-nogil'),
    ];
    expect(pyThreads.state).toBe('done');
    expect(pyThreads.placement).toMatch(/^fake /);
    expect(pyThreads.speedup).toBe(pySequential.wallMs / pyThreads.wallMs);
    expect(pySequential.speedup).toBe(1);
    expect(sequential.speedup).toBe(1);
    expect(pyThreads.notes).toContain('the real GIL');
    expect(pyThreads.notes.some((note) => note.startsWith('start-up'))).toBe(true);
    expect(pyNogil.state).toBe('failed');
    expect(pyNogil.error).toBe(`unavailable: ${NOGIL_MISSING}`);
    expect(pyNogil.notes[0]).toBe(`failed: unavailable: ${NOGIL_MISSING}`);
    expect(pyNogil.speedup).toBeNull();

    const claims = raceClaims(run).filter((claim) => String(claim.model).startsWith('py-'));
    expect(claims.map((claim) => [claim.model, claim.holds === null])).toEqual([
      ['py-threads', false],
      ['py-nogil', true],
    ]);
    expect(claims[0]!.evidence).toMatch(/^py-threads ran [\d.]+× faster than py-sequential$/);
    expect(claims[1]!.evidence).toBe('py-nogil and py-sequential did not both run cleanly in this run');
  });

  it('is worded by its entry in the verdict, against its own baseline', () => {
    const input = (model: FakeModelId, wallMs: number, speedup: number) => ({
      model: id(model),
      state: 'done' as const,
      wallMs,
      speedup,
      check: { ok: true },
      failed: 0,
      total: 4,
      workers: 4,
    });
    expect(verdict([input('py-sequential', 400, 1), input('py-threads', 100, 4)], 'io', 2)).toBe(
      'py-threads ran 4.00× faster than py-sequential: the real GIL lets waits overlap.',
    );
    expect(verdict([input('py-sequential', 100, 1), input('py-threads', 120, 0.833)], 'cpu', 2)).toBe(
      'No Python model beat the plain loop.',
    );
    expect(verdict([input('py-threads', 100, 4)], 'io', 2)).toBe(
      'py-threads ran every task cleanly (run py-sequential too to measure its speedup).',
    );
  });
});

describe('the compiler, for a model added without all its parts', () => {
  type ExtendedId = ModelId | FakeModelId;

  it('accepts a registry that builds every model’s executor', () => {
    const engines: ModelEngines<ExtendedId> = { ...REAL_ENGINES, ...FAKE_ENGINES };
    expect(Object.keys(engines)).toHaveLength(9); // six registered, three fakes
  });

  it('refuses a registry without a model’s executor, and an entry without its colours or analogue', () => {
    const { 'py-nogil': _missing, ...withoutNogil } = FAKE_ENGINES;
    // @ts-expect-error py-nogil is registered but has no executor factory.
    const engines: ModelEngines<ExtendedId> = { ...REAL_ENGINES, ...withoutNogil };
    expect(engines).toBeDefined();

    const { colors: _colors, ...uncoloured } = PY_NOGIL;
    // @ts-expect-error an entry without a colour for every theme is not a model.
    expect(defineModel(uncoloured).id).toBe('py-nogil');
    const { python: _python, ...noAnalogue } = PY_THREADS;
    // @ts-expect-error an entry without its Python analogue is not a model.
    expect(defineModel(noAnalogue).id).toBe('py-threads');
    const { notes: _notes, ...noNotes } = PY_SEQUENTIAL;
    // @ts-expect-error an entry without its notes wording is not a model.
    expect(defineModel(noNotes).id).toBe('py-sequential');
  });

  it('checks that every baseline is a registered model', () => {
    type Baseline = (typeof FAKE_ENTRIES)[number]['baseline'];
    const registered: [Baseline] extends [ExtendedId] ? true : false = true;
    const elsewhere: [Baseline] extends [ModelId] ? true : false = false;
    expect([registered, elsewhere]).toEqual([true, false]);
  });
});
