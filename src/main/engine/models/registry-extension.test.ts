/**
 * Adding a model is one registry entry plus its executor: three fake PyPy-like entries, added the
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
  PYPY_NOGIL,
  PYPY_SEQUENTIAL,
  PYPY_THREADS,
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
    const ok = validateRunRequest({ scenario: 'io-sleep', models: ['pypy-sequential', 'pypy-threads'] });
    expect(ok.ok).toBe(true);
    const bad = validateRunRequest({ scenario: 'io-sleep', models: ['py-perl'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.message).toContain('pypy-threads');
  });

  it('is in the catalog with its probe’s answer, asked once, and grouped by the runtime the probe found', async () => {
    const setup = { hostScripts: builtHostScripts() };
    const first = await catalogModels(setup);
    const second = await catalogModels(setup);
    expect(second).toEqual(first);
    expect(probeCalls.count).toBe(2); // pypy-sequential and pypy-threads, once each
    const byId = new Map(first.map((model) => [model.id as string, model]));
    expect(byId.get('pypy-threads')?.availability).toEqual({ available: true, runtime: FAKE_RUNTIME });
    expect(byId.get('pypy-nogil')?.availability).toEqual({ available: false, reason: NOGIL_MISSING });
    expect(byId.get('pypy-threads')?.baseline).toBe('pypy-sequential');
    const groups = modelGroups(first).map((group): [string, string[]] => [
      group.label,
      group.models.map((m) => m.id),
    ]);
    expect(groups[0]).toEqual(['Node.js', ['sequential', 'async', 'threads', 'gil-threads', 'processes']]);
    // The distributed model's probe names its broker (or, without nats-server, its family does).
    expect(groups.find(([, ids]) => ids.includes('distributed'))).toEqual([
      expect.stringMatching(/^NATS JetStream/),
      ['distributed'],
    ]);
    expect(groups.filter(([, ids]) => ids.some((model) => model.startsWith('pypy-')))).toEqual([
      [FAKE_RUNTIME, ['pypy-sequential', 'pypy-threads']],
      ['PyPy', ['pypy-nogil']],
    ]);
    const text = scenariosText(first);
    expect(text).toContain(` ${FAKE_RUNTIME}:`);
    expect(text).toContain(`pypy-nogil`);
    expect(text).toContain(`[unavailable: ${NOGIL_MISSING}]`);
    expect(MAIN_HELP).toContain('pypy-threads');
  });

  it('gets its colours in every theme', () => {
    const css = modelColorsCss();
    expect(css.match(/--model-pypy-threads: #654321;/g)).toHaveLength(4);
    expect(css).toContain('var(--model-pypy-nogil) ');
  });

  it('runs: measured against its own baseline, worded by its entry, and failed with the reason where it cannot run', async () => {
    const run = await runScenario(
      {
        scenario: 'io-sleep',
        params: { tasks: 3, taskMs: 40 },
        models: ['sequential', id('pypy-sequential'), id('pypy-threads'), id('pypy-nogil')],
        pool: {},
      },
      { hostScripts: builtHostScripts(), spawner: forkSpawner },
    );
    const result = (model: string) => run.results.find((r) => r.model === model)!;
    const [sequential, pySequential, pyThreads, pyNogil] = [
      result('sequential'),
      result('pypy-sequential'),
      result('pypy-threads'),
      result('pypy-nogil'),
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

    const claims = raceClaims(run).filter((claim) => String(claim.model).startsWith('pypy-'));
    expect(claims.map((claim) => [claim.model, claim.holds === null])).toEqual([
      ['pypy-threads', false],
      ['pypy-nogil', true],
    ]);
    expect(claims[0]!.evidence).toMatch(/^pypy-threads ran [\d.]+× faster than pypy-sequential$/);
    expect(claims[1]!.evidence).toBe('pypy-nogil and pypy-sequential did not both run cleanly in this run');
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
    expect(verdict([input('pypy-sequential', 400, 1), input('pypy-threads', 100, 4)], 'io', 2)).toBe(
      'pypy-threads ran 4.00× faster than pypy-sequential: the real GIL lets waits overlap.',
    );
    expect(verdict([input('pypy-sequential', 100, 1), input('pypy-threads', 120, 0.833)], 'cpu', 2)).toBe(
      'No Python model beat the plain loop.',
    );
    expect(verdict([input('pypy-threads', 100, 4)], 'io', 2)).toBe(
      'pypy-threads ran every task cleanly (run pypy-sequential too to measure its speedup).',
    );
  });
});

describe('the compiler, for a model added without all its parts', () => {
  type ExtendedId = ModelId | FakeModelId;

  it('accepts a registry that builds every model’s executor', () => {
    const engines: ModelEngines<ExtendedId> = { ...REAL_ENGINES, ...FAKE_ENGINES };
    expect(Object.keys(engines)).toEqual(
      expect.arrayContaining(['sequential', ...Object.keys(FAKE_ENGINES)]),
    );
  });

  it('refuses a registry without a model’s executor, and an entry without its colours or analogue', () => {
    const { 'pypy-nogil': _missing, ...withoutNogil } = FAKE_ENGINES;
    // @ts-expect-error pypy-nogil is registered but has no executor factory.
    const engines: ModelEngines<ExtendedId> = { ...REAL_ENGINES, ...withoutNogil };
    expect(engines).toBeDefined();

    const { colors: _colors, ...uncoloured } = PYPY_NOGIL;
    // @ts-expect-error an entry without a colour for every theme is not a model.
    expect(defineModel(uncoloured).id).toBe('pypy-nogil');
    const { python: _python, ...noAnalogue } = PYPY_THREADS;
    // @ts-expect-error an entry without its Python analogue is not a model.
    expect(defineModel(noAnalogue).id).toBe('pypy-threads');
    const { notes: _notes, ...noNotes } = PYPY_SEQUENTIAL;
    // @ts-expect-error an entry without its notes wording is not a model.
    expect(defineModel(noNotes).id).toBe('pypy-sequential');
  });

  it('checks that every baseline is a registered model', () => {
    type Baseline = (typeof FAKE_ENTRIES)[number]['baseline'];
    const registered: [Baseline] extends [ExtendedId] ? true : false = true;
    const elsewhere: [Baseline] extends [ModelId] ? true : false = false;
    expect([registered, elsewhere]).toEqual([true, false]);
  });
});
