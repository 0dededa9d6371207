/**
 * Three models the registry does not have, shaped like the CPython ones (a PyPy family that
 * could come next): a baseline (pypy-sequential), a contender measured against it (pypy-threads),
 * and one whose probe says it cannot run here (pypy-nogil). Their executors run in this process. Imported by vi.mock factories, so it
 * must not import shared/models.ts (the module they replace) at run time.
 */
import { atLeast } from '../../../shared/claim-tolerance';
import type { ModelId } from '../../../shared/models';
import { defineModel, type ModelColors, type ModelFamily } from '../../../shared/models/model-spec';
import { AsyncExecutor } from '../../../workers/calling-thread/async-executor';
import { SequentialExecutor } from '../../../workers/calling-thread/sequential-executor';
import type { Executor, TaskEventListener, TaskList } from '../../../workers/protocol/executor';
import type { ModelEngines } from './registry';

const PYPY: ModelFamily = { id: 'pypy', label: 'PyPy' };

/** The runtime the fake probes report, shown as the models' group label. */
export const FAKE_RUNTIME = 'PyPy 7.3.17, GIL';

/** Why pypy-nogil cannot run. */
export const NOGIL_MISSING = 'no free-threaded pypy3 on PATH';

function colors(light: string): ModelColors {
  return { light, dark: light, presenterLight: light, presenterDark: light };
}

/** The fake baseline. */
export const PYPY_SEQUENTIAL = defineModel({
  id: 'pypy-sequential',
  label: 'Python sequential',
  python: 'a plain for loop, in PyPy',
  summary: 'One task after another in one PyPy interpreter.',
  family: PYPY,
  runsOn: 'one python3 process',
  poolKnobs: [],
  baseline: 'pypy-sequential',
  defaultSelected: false,
  colors: colors('#123456'),
  gilTrack: false,
  interleaved: false,
  notes: { startup: true },
  verdict: { kind: 'baseline', unbeaten: 'No Python model beat the plain loop' },
  claims: {},
});

/** The fake contender, measured against pypy-sequential. */
export const PYPY_THREADS = defineModel({
  id: 'pypy-threads',
  label: 'Python threads',
  python: 'ThreadPoolExecutor, for real',
  summary: 'PyPy threads under its GIL.',
  family: PYPY,
  runsOn: 'threads of one python3 process',
  poolKnobs: ['threads'],
  baseline: 'pypy-sequential',
  defaultSelected: false,
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
      text: 'pypy-threads overlap the waits',
      expected: 1,
      tolerance: atLeast(1),
      cause: 'the waits were too short',
    }),
  },
});

/** The fake model that cannot run here. */
export const PYPY_NOGIL = defineModel({
  id: 'pypy-nogil',
  label: 'Python threads, no GIL',
  python: 'ThreadPoolExecutor on a free-threaded build',
  summary: 'PyPy threads without a GIL.',
  family: PYPY,
  runsOn: 'threads of one python3.13t process',
  poolKnobs: ['threads'],
  baseline: 'pypy-sequential',
  defaultSelected: false,
  colors: colors('#abcdef'),
  gilTrack: false,
  interleaved: false,
  notes: { startup: true },
  verdict: { kind: 'contender', why: { io: () => 'waits overlapped', cpu: () => 'threads ran in parallel' } },
  claims: {
    io: () => ({ text: 'pypy-nogil overlaps the waits', expected: 0, tolerance: atLeast(1), cause: 'none' }),
  },
});

/** The fake entries, in the order they follow the registry's own. */
export const FAKE_ENTRIES = [PYPY_SEQUENTIAL, PYPY_THREADS, PYPY_NOGIL] as const;

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

  run(tasks: TaskList, listener: TaskEventListener, signal: AbortSignal) {
    return this.inner.run(tasks, listener, signal);
  }

  childUsage() {
    return this.inner.childUsage();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

async function pypy(): Promise<{ readonly available: true; readonly runtime: string }> {
  probeCalls.count++;
  return { available: true, runtime: FAKE_RUNTIME };
}

/** The fake models' engine parts. */
export const FAKE_ENGINES: ModelEngines<FakeModelId> = {
  'pypy-sequential': {
    createExecutor: (_pool, env) =>
      new FakeExecutor('pypy-sequential', new SequentialExecutor({ yieldEveryMs: env.callingThreadYieldMs })),
    probe: pypy,
  },
  'pypy-threads': {
    createExecutor: (_pool, env) =>
      new FakeExecutor(
        'pypy-threads',
        new AsyncExecutor({ yieldEveryMs: env.callingThreadYieldMs, concurrency: null }),
      ),
    probe: pypy,
  },
  'pypy-nogil': {
    createExecutor: () => {
      throw new Error('pypy-nogil is unavailable: its executor is never built');
    },
    probe: async () => ({ available: false, reason: NOGIL_MISSING }),
  },
};
