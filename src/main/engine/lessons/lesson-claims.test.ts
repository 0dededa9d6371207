import { describe, expect, it } from 'vitest';
import { dataPassingClaims } from '../../../shared/lessons/data-passing';
import { deadlockClaims } from '../../../shared/lessons/deadlock';
import { pipelineClaims } from '../../../shared/lessons/pipeline';
import { raceConditionClaims, type RaceConditionResult } from '../../../shared/lessons/race-condition';
import { judgedOnBusyMachine } from '../../../shared/claims';
import { busyMachine } from '../../../shared/machine-load';
import { raceClaims } from '../../../shared/race-claims';
import type { RunResult } from '../../../shared/results';
import { builtHostScripts } from '../../../test-support/engine-options';
import { runDeadlockLesson } from './deadlock/deadlock';
import { runPipelineLesson } from './pipeline/pipeline';
import { runRaceConditionLesson } from './race-condition/race-condition';
import { forkSpawner } from '../models/process-spawner';
import { sampleRun } from '../reporters/fixtures.test-support';
import { runScenario } from '../run/run-session';
import { otherLoad, readCpuCounters } from '../system/cpu-load';

const env = { hostScripts: builtHostScripts(), spawner: forkSpawner };

function withSpeedups(run: RunResult, speedups: Partial<Record<string, number>>): RunResult {
  return {
    ...run,
    results: run.results.map((r) => (r.model in speedups ? { ...r, speedup: speedups[r.model]! } : r)),
  };
}

describe('race claims', () => {
  it('hold on a real I/O run: waits overlap under every model, even under the GIL', async () => {
    const run = await runScenario(
      {
        scenario: 'io-sleep',
        params: { tasks: 4, taskMs: 150 },
        models: ['sequential', 'async', 'threads', 'gil-threads', 'processes'],
        pool: { threads: 4, processes: 2 },
      },
      env,
    );
    const claims = raceClaims(run);
    // On a machine busy with other work (a shared CI machine) the rule judges nothing: never "false".
    const expected = busyMachine(run.load) ? null : true;
    expect(claims.map((c) => c.holds)).toEqual([expected, expected, expected, expected]);
    expect(claims[0]!.evidence).toMatch(/async ran [\d.]+× faster than sequential/);
  });

  it('say so when the measurement contradicts them, with the numbers', () => {
    // A CPU run where async were 3× faster would contradict "async does not speed up computing".
    const run = withSpeedups(sampleRun(), { async: 3 });
    const asyncClaim = raceClaims(run).find((c) => c.text.startsWith('async'))!;
    expect(asyncClaim.holds).toBe(false);
    expect(asyncClaim.evidence).toBe('async ran 3.00× faster than sequential');
    expect(asyncClaim.tolerance).toBe('holds at 1.10× or less (a 10% margin)');
  });

  it('cannot tell about a model that did not run', () => {
    const run = sampleRun();
    const trimmed: RunResult = { ...run, results: run.results.filter((r) => r.model !== 'processes') };
    expect(raceClaims(trimmed).find((c) => c.text.startsWith('processes'))!.holds).toBeNull();
  });
});

describe('lesson claims on real lesson runs', () => {
  it('race condition: lost updates without synchronisation, exact with Atomics and a mutex', async () => {
    const from = readCpuCounters();
    const result = await runRaceConditionLesson({ workers: 2, increments: 200_000 }, env);
    // Its threads are this process's: the counters see the lesson's own CPU, and the rest is other work.
    const load = { windows: [otherLoad('lesson', from, readCpuCounters())] };
    const claims = judgedOnBusyMachine(raceConditionClaims(result), busyMachine(load));
    expect(claims[1]).toMatchObject({ holds: true });
    expect(claims[2]).toMatchObject({ holds: true });
    if (result.cores >= 2) expect(claims[0]!.holds).not.toBe(false);
  });

  it('race condition: a lossless unsynchronised run is reported as contradicting the claim', () => {
    const lossless: RaceConditionResult = {
      workers: 2,
      increments: 10,
      cores: 4,
      runs: [
        {
          model: 'threads',
          mode: 'unsynchronised',
          switchInsideIncrement: false,
          expected: 20,
          final: 20,
          lost: 0,
          lostPercent: 0,
          wallMs: 1,
          workers: [],
        },
      ],
    };
    expect(raceConditionClaims(lossless)[0]).toMatchObject({
      holds: false,
      evidence: 'final 20 of 20 (0 lost)',
    });
  });

  it('pipeline: exactly once, never over capacity', async () => {
    const result = await runPipelineLesson({ items: 300, capacity: 4, consumers: 2 }, env);
    const [once, capacity] = pipelineClaims(result);
    expect(once!.holds).toBe(true);
    expect(capacity!.holds).toBe(true);
  });

  it('deadlock: detected in opposite order, completed in one order', async () => {
    const result = await runDeadlockLesson({ pauseMs: 20, reportAfterMs: 100 }, env);
    expect(deadlockClaims(result).map((c) => c.holds)).toEqual([true, true]);
  });

  it('data passing: a slower transfer than a copy would be reported as contradicting', () => {
    const row = (
      mode: 'clone' | 'transfer' | 'shared',
      ms: number,
      carrier: 'threads' | 'processes' = 'threads',
    ) => ({ carrier, mode, bytes: 4 * 2 ** 20, ms, msPerMb: ms / 4, touchMs: 0, ok: true });
    const claims = dataPassingClaims({
      rows: [row('clone', 10), row('transfer', 12), row('shared', 2), row('clone', 20, 'processes')],
      latency: [],
      unsupported: [],
      ok: true,
    });
    expect(claims.map((c) => c.holds)).toEqual([false, true, true, true]);
  });
});
