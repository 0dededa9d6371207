import { describe, expect, it } from 'vitest';
import type { MachineLoad } from './machine-load';
import type { ModelId } from './models';
import { raceClaims, type ClaimedRun } from './race-claims';
import type { ScenarioId } from './scenarios';

const MODELS: readonly ModelId[] = ['sequential', 'async', 'threads', 'gil-threads', 'processes'];
/** With every opt-in model ticked too: distributed and real CPython (py-sequential is the Python models' baseline). */
const ALL: readonly ModelId[] = [
  ...MODELS,
  'distributed',
  'py-sequential',
  'py-asyncio',
  'py-threads',
  'py-processes',
  'py-threads-nogil',
];

function run(
  scenario: ScenarioId,
  cores: number,
  speedups: Partial<Record<ModelId, number>>,
  load?: MachineLoad,
  models: readonly ModelId[] = MODELS,
): ClaimedRun {
  return {
    scenario,
    params: { tasks: 8 },
    pool: {
      threads: 6,
      processes: 2,
      concurrency: null,
      switchIntervalMs: 5,
      taskTimeoutMs: null,
      workers: 2,
    },
    machine: { cores },
    results: models.map((model) => ({
      model,
      state: 'done' as const,
      check: { ok: true, answer: '42' },
      speedup: model === 'sequential' || model === 'py-sequential' ? 1 : (speedups[model] ?? null),
    })),
    ...(load ? { load } : {}),
  };
}

function claimOf(claimed: ClaimedRun, model: ModelId) {
  const claim = raceClaims(claimed).find((c) => c.model === model);
  if (!claim) throw new Error(`no claim about ${model}`);
  return claim;
}

/**
 * Every race claim of the registry, at the edge of its tolerance and just past it. With 8 tasks, 6
 * threads, 2 processes and 2 cores: async overlaps 8 waits, threads 6, processes 2; threads and
 * processes compute on 2 cores; "no speedup" is 1×.
 */
const EDGES: readonly {
  readonly name: string;
  readonly scenario: ScenarioId;
  readonly model: ModelId;
  /** The other speedups the claim reads (gil-threads keeps up with threads). */
  readonly others?: Partial<Record<ModelId, number>>;
  readonly inside: number;
  readonly outside: number;
  readonly tolerance: string;
}[] = [
  {
    name: 'async overlaps 8 waits: from 60% of 8×',
    scenario: 'io-sleep',
    model: 'async',
    inside: 4.8,
    outside: 4.79,
    tolerance: 'holds at 4.80× or more (60% of 8.00×)',
  },
  {
    name: 'async does not speed up computing: up to 1.10×',
    scenario: 'cpu-primes',
    model: 'async',
    inside: 1.1,
    outside: 1.11,
    tolerance: 'holds at 1.10× or less (a 10% margin)',
  },
  {
    name: '6 threads overlap 6 waits: from 60% of 6×',
    scenario: 'io-sleep',
    model: 'threads',
    inside: 3.6,
    outside: 3.59,
    tolerance: 'holds at 3.60× or more (60% of 6.00×)',
  },
  {
    name: 'threads compute near 2× on 2 cores: from 80% of 2×',
    scenario: 'cpu-primes',
    model: 'threads',
    inside: 1.6,
    outside: 1.59,
    tolerance: 'holds at 1.60× or more (80% of 2.00×)',
  },
  {
    name: 'gil-threads keep up with threads: from 80% of threads',
    scenario: 'io-sleep',
    model: 'gil-threads',
    others: { threads: 5 },
    inside: 4,
    outside: 3.99,
    tolerance: 'holds at 4.00× or more (80% of 5.00×)',
  },
  {
    name: 'gil-threads without threads: 6 threads overlap 6 waits, from 60% of 6×',
    scenario: 'io-sleep',
    model: 'gil-threads',
    inside: 3.6,
    outside: 3.59,
    tolerance: 'holds at 3.60× or more (60% of 6.00×)',
  },
  {
    name: 'under the GIL no speedup for computing: up to 1.10×',
    scenario: 'image-batch',
    model: 'gil-threads',
    inside: 1.1,
    outside: 1.15,
    tolerance: 'holds at 1.10× or less (a 10% margin)',
  },
  {
    name: '2 processes overlap 2 waits: from 60% of 2×',
    scenario: 'io-sleep',
    model: 'processes',
    inside: 1.2,
    outside: 1.19,
    tolerance: 'holds at 1.20× or more (60% of 2.00×)',
  },
  {
    name: 'processes compute near 2× on 2 cores: from 80% of 2×',
    scenario: 'cpu-primes',
    model: 'processes',
    inside: 1.6,
    outside: 1.43,
    tolerance: 'holds at 1.60× or more (80% of 2.00×)',
  },
  {
    name: '2 distributed workers overlap 2 waits, at least half of 2×: from 50% of 2×',
    scenario: 'io-sleep',
    model: 'distributed',
    inside: 1,
    outside: 0.99,
    tolerance: 'holds at 1.00× or more (50% of 2.00×)',
  },
  {
    name: 'distributed workers compute on 2 cores, at least half of 2×: from 50% of 2×',
    scenario: 'cpu-primes',
    model: 'distributed',
    inside: 1,
    outside: 0.99,
    tolerance: 'holds at 1.00× or more (50% of 2.00×)',
  },
  {
    name: 'py-asyncio overlaps 8 waits: from 60% of 8×',
    scenario: 'io-sleep',
    model: 'py-asyncio',
    inside: 4.8,
    outside: 4.79,
    tolerance: 'holds at 4.80× or more (60% of 8.00×)',
  },
  {
    name: 'py-asyncio: no speedup for computing, up to 1.10×',
    scenario: 'cpu-primes',
    model: 'py-asyncio',
    inside: 1.1,
    outside: 1.12,
    tolerance: 'holds at 1.10× or less (a 10% margin)',
  },
  {
    name: '6 Python threads overlap 6 waits under the real GIL: from 60% of 6×',
    scenario: 'io-sleep',
    model: 'py-threads',
    inside: 3.6,
    outside: 3.59,
    tolerance: 'holds at 3.60× or more (60% of 6.00×)',
  },
  {
    name: 'under the real GIL no speedup for computing: up to 1.10×',
    scenario: 'cpu-primes',
    model: 'py-threads',
    inside: 1.1,
    outside: 1.12,
    tolerance: 'holds at 1.10× or less (a 10% margin)',
  },
  {
    name: '2 Python processes overlap 2 waits: from 60% of 2×',
    scenario: 'io-sleep',
    model: 'py-processes',
    inside: 1.2,
    outside: 1.19,
    tolerance: 'holds at 1.20× or more (60% of 2.00×)',
  },
  {
    name: 'Python processes compute in parallel on up to 2 cores: from 60% of 2×',
    scenario: 'cpu-primes',
    model: 'py-processes',
    inside: 1.2,
    outside: 1.19,
    tolerance: 'holds at 1.20× or more (60% of 2.00×)',
  },
  {
    name: 'free-threaded Python threads compute in parallel on up to 2 cores: from 60% of 2×',
    scenario: 'cpu-primes',
    model: 'py-threads-nogil',
    inside: 1.2,
    outside: 1.19,
    tolerance: 'holds at 1.20× or more (60% of 2.00×)',
  },
];

describe('raceClaims: every claim on both sides of its tolerance', () => {
  for (const edge of EDGES) {
    it(edge.name, () => {
      const inside = claimOf(
        run(edge.scenario, 2, { ...edge.others, [edge.model]: edge.inside }, undefined, ALL),
        edge.model,
      );
      expect(inside.holds).toBe(true);
      expect(inside.tolerance).toBe(edge.tolerance);
      expect(inside.cause).toBeUndefined();
      const outside = claimOf(
        run(edge.scenario, 2, { ...edge.others, [edge.model]: edge.outside }, undefined, ALL),
        edge.model,
      );
      expect(outside.holds).toBe(false);
      expect(outside.cause).toMatch(/\w/);
    });
  }

  it('covers every claim the registry makes for I/O and CPU work', () => {
    const claimed = new Set(
      EDGES.map((edge) => `${edge.model}/${edge.scenario === 'io-sleep' ? 'io' : 'cpu'}`),
    );
    const made = [
      ...raceClaims(run('io-sleep', 2, {}, undefined, ALL)).map((claim) => `${claim.model}/io`),
      ...raceClaims(run('cpu-primes', 2, {}, undefined, ALL)).map((claim) => `${claim.model}/cpu`),
    ];
    for (const claim of made) expect(claimed).toContain(claim);
  });

  it('says nothing about an opt-in model left out of the race', () => {
    expect(raceClaims(run('io-sleep', 2, {})).some((claim) => claim.model === 'distributed')).toBe(false);
  });
});

describe('raceClaims', () => {
  it('states each model’s claim for the kind of work, in registry order, rounding as the table does', () => {
    const claims = raceClaims(
      run('io-sleep', 2, { async: 7.9, threads: 5.8, 'gil-threads': 5.6, processes: 1.9 }),
    );
    expect(claims.map((c) => [c.model, c.holds])).toEqual([
      ['async', true],
      ['threads', true],
      ['gil-threads', true],
      ['processes', true],
    ]);
    expect(claims[0]!.text).toBe('async overlaps the waits on one thread: up to 8.0× faster');
    expect(claims[1]!.evidence).toBe('threads ran 5.80× faster than sequential');
    expect(claims.every((claim) => claim.timed)).toBe(true);
  });

  it('says "no speedup" was contradicted by the "10 files" CPU variant’s async, and names its file reads', () => {
    const async = claimOf(run('cpu-wordcount', 2, { async: 1.16 }), 'async');
    expect(async.holds).toBe(false);
    expect(async.evidence).toBe('async ran 1.16× faster than sequential');
    expect(async.cause).toContain('each task reads its file before counting its words');
  });

  it('says nothing of a model the run did not have (the Python models are opt-in)', () => {
    const claims = raceClaims(run('cpu-primes', 2, { threads: 1.9 }));
    expect(claims.map((c) => c.model)).not.toContain('py-threads');
  });

  it('cannot tell about parallel computing on one core, or about a model without a clean speedup', () => {
    const claims = raceClaims(run('cpu-primes', 1, { async: 1, threads: 1, processes: 1 }));
    const byModel = new Map(claims.map((c) => [c.model, c]));
    expect(byModel.get('threads')!.holds).toBeNull();
    expect(byModel.get('threads')!.evidence).toBe(
      'threads ran 1.00× faster than sequential; this machine has one core',
    );
    expect(byModel.get('async')!.holds).toBe(true);
    expect(byModel.get('gil-threads')!.holds).toBeNull();
    expect(byModel.get('gil-threads')!.evidence).toBe(
      'gil-threads and sequential did not both run cleanly in this run',
    );
  });

  it('judges nothing on a busy machine: neither held nor contradicted, with why', () => {
    const busy: MachineLoad = {
      windows: [
        { during: 'before', otherCpuPercent: 3, ms: 1000 },
        { during: 'threads', otherCpuPercent: 94, ms: 800 },
      ],
    };
    const claims = raceClaims(
      run('cpu-primes', 2, { async: 1.25, threads: 0.59, 'gil-threads': 0.9, processes: 0.83 }, busy),
    );
    expect(claims.map((claim) => claim.holds)).toEqual([null, null, null, null]);
    expect(claims.every((claim) => claim.notJudged === 'busy-machine')).toBe(true);
    expect(claims[1]!.evidence).toBe(
      'threads ran 0.59× faster than sequential; not judged: the machine was busy (other processes used 94% of its CPU while threads ran)',
    );
    expect(claims.some((claim) => claim.cause !== undefined)).toBe(false);
  });

  it('judges a run whose machine was quiet, and one measured before load was recorded', () => {
    const quiet: MachineLoad = { windows: [{ during: 'threads', otherCpuPercent: 20, ms: 800 }] };
    expect(claimOf(run('cpu-primes', 2, { threads: 1.9 }, quiet), 'threads').holds).toBe(true);
    expect(claimOf(run('cpu-primes', 2, { threads: 1.9 }), 'threads').holds).toBe(true);
  });
});
