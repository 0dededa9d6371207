/**
 * Three models the registry does not have, shaped like the CPython ones to come: a baseline
 * (py-sequential), a contender measured against it (py-threads), and one whose probe says it cannot
 * run here (py-nogil). Their executors run in this process. Imported by vi.mock factories, so it
 * must not import shared/models.ts (the module they replace) at run time.
 */
import { atLeast } from '../../../shared/claim-tolerance';
import type { ModelId } from '../../../shared/models';
import { defineModel, type ModelColors, type ModelFamily } from '../../../shared/models/model-spec';
import { AsyncExecutor } from '../../../workers/calling-thread/async-executor';
import { SequentialExecutor } from '../../../workers/calling-thread/sequential-executor';
import type { Executor, TaskEventListener, TaskSpec } from '../../../workers/protocol/executor';
import type { ModelEngines } from './registry';

const CPYTHON: ModelFamily = { id: 'cpython', label: 'CPython' };

/** The runtime the fake probes report, shown as the models' group label. */
export const FAKE_RUNTIME = 'CPython 3.11.7, GIL';

/** Why py-nogil cannot run. */
export const NOGIL_MISSING = 'no free-threaded python3.13t on PATH';

function colors(light: string): ModelColors {
  return { light, dark: light, presenterLight: light, presenterDark: light };
}

/** The fake baseline. */
export const PY_SEQUENTIAL = defineModel({
  id: 'py-sequential',
  label: 'Python sequential',
  python: 'a plain for loop, in CPython',
  summary: 'One task after another in one CPython interpreter.',
  family: CPYTHON,
  runsOn: 'one python3 process',
  poolKnobs: [],
  baseline: 'py-sequential',
  colors: colors('#123456'),
  gilTrack: false,
  interleaved: false,
  notes: { startup: true },
  verdict: { kind: 'baseline', unbeaten: 'No Python model beat the plain loop' },
  claims: {},
});

/** The fake contender, measured against py-sequential. */
export const PY_THREADS = defineModel({
  id: 'py-threads',
  label: 'Python threads',
  python: 'ThreadPoolExecutor, for real',
  summary: 'CPython threads under the real GIL.',
  family: CPYTHON,
  runsOn: 'threads of one python3 process',
  poolKnobs: ['threads'],
  baseline: 'py-sequential',
  colors: colors('#654321'),
  gilTrack: false,
  interleaved: false,
  notes: { startup: true, extra: () => ['the real GIL'] },
  verdict: {
    kind: 'contender',
    why: { io: () => 'the real GIL lets waits overlap', cpu: () => 'nothing ran in parallel' },
    shortfall: { rank: 0, remark: (speedup) => `reached only ${speedup} under the real GIL` },
  },
  claims: {
    io: () => ({
      text: 'py-threads overlap the waits',
      expected: 1,
      tolerance: atLeast(1),
      cause: 'the waits were too short',
    }),
  },
});

/** The fake model that cannot run here. */
export const PY_NOGIL = defineModel({
  id: 'py-nogil',
  label: 'Python threads, no GIL',
  python: 'ThreadPoolExecutor on a free-threaded build',
  summary: 'CPython threads without a GIL.',
  family: CPYTHON,
  runsOn: 'threads of one python3.13t process',
  poolKnobs: ['threads'],
  baseline: 'py-sequential',
  colors: colors('#abcdef'),
  gilTrack: false,
  interleaved: false,
  notes: { startup: true },
  verdict: { kind: 'contender', why: { io: () => 'waits overlapped', cpu: () => 'threads ran in parallel' } },
  claims: {
    io: () => ({ text: 'py-nogil overlaps the waits', expected: 0, tolerance: atLeast(1), cause: 'none' }),
  },
});

/** The fake entries, in the order they follow the registry's own. */
export const FAKE_ENTRIES = [PY_SEQUENTIAL, PY_THREADS, PY_NOGIL] as const;

/** The fake models' ids. */
export type FakeModelId = (typeof FAKE_ENTRIES)[number]['id'];

/** How often the fake probes ran: availability is asked once per process. */
export const probeCalls = { count: 0 };

/** An in-process executor that reports as a fake model. */
class FakeExecutor implements Executor {
  // The fake ids are registered only at run time (vi.mock), so the static ModelId does not know them.
  readonly model: ModelId;

  constructor(
    model: FakeModelId,
    private readonly inner: Executor,
  ) {
    this.model = model as ModelId;
  }

  get placement(): string {
    return `fake ${this.inner.placement}`;
  }

  get workers(): number | null {
    return this.inner.workers;
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  run(tasks: readonly TaskSpec[], listener: TaskEventListener, signal: AbortSignal) {
    return this.inner.run(tasks, listener, signal);
  }

  childUsage() {
    return this.inner.childUsage();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

async function python311(): Promise<{ readonly available: true; readonly runtime: string }> {
  probeCalls.count++;
  return { available: true, runtime: FAKE_RUNTIME };
}

/** The fake models' engine parts. */
export const FAKE_ENGINES: ModelEngines<FakeModelId> = {
  'py-sequential': {
    createExecutor: (_pool, env) =>
      new FakeExecutor('py-sequential', new SequentialExecutor({ yieldEveryMs: env.callingThreadYieldMs })),
    probe: python311,
  },
  'py-threads': {
    createExecutor: (_pool, env) =>
      new FakeExecutor(
        'py-threads',
        new AsyncExecutor({ yieldEveryMs: env.callingThreadYieldMs, concurrency: null }),
      ),
    probe: python311,
  },
  'py-nogil': {
    createExecutor: () => {
      throw new Error('py-nogil is unavailable: its executor is never built');
    },
    probe: async () => ({ available: false, reason: NOGIL_MISSING }),
  },
};
