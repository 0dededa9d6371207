import { describe, expect, it } from 'vitest';
import type { ModelId } from './models';
import { raceClaims, type ClaimedRun } from './race-claims';

function run(
  scenario: ClaimedRun['scenario'],
  cores: number,
  speedups: Partial<Record<ModelId, number>>,
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
    results: (['sequential', 'async', 'threads', 'gil-threads', 'processes'] as const).map((model) => ({
      model,
      state: 'done' as const,
      check: { ok: true, answer: '42' },
      speedup: model === 'sequential' ? 1 : (speedups[model] ?? null),
    })),
  };
}

describe('raceClaims', () => {
  it('states each model’s claim for the kind of work, in registry order, with the measured speedup', () => {
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
    expect(claims[1]!.evidence).toBe('threads ran 5.8× faster than sequential');
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
      'threads ran 1.0× faster than sequential; this machine has one core',
    );
    expect(byModel.get('async')!.holds).toBe(true);
    expect(byModel.get('gil-threads')!.holds).toBeNull();
    expect(byModel.get('gil-threads')!.evidence).toBe(
      'gil-threads and sequential did not both run cleanly in this run',
    );
  });
});
