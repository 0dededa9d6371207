import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { forkSpawner } from '../../models/process-spawner';
import { osThreadCount } from '../cleanup.test-support';
import type { RaceRun } from '../../../../shared/lessons/race-condition';
import { runRaceConditionLesson } from './race-condition';

const env = { hostScripts: builtHostScripts(), spawner: forkSpawner };
const cores = availableParallelism();

function run(
  runs: readonly RaceRun[],
  model: RaceRun['model'],
  mode: RaceRun['mode'],
  inside = false,
): RaceRun {
  const found = runs.find((r) => r.model === model && r.mode === mode && r.switchInsideIncrement === inside);
  if (!found) throw new Error(`no ${model} ${mode} run`);
  return found;
}

describe('race-condition lesson', () => {
  it('counts exactly with Atomics.add and with the mutex, and reports every worker', async () => {
    const result = await runRaceConditionLesson(
      { workers: 3, increments: 20_000, modes: ['atomic', 'mutex'], gilThreads: false },
      env,
    );
    expect(result.runs.map((r) => r.mode)).toEqual(['atomic', 'mutex']);
    for (const r of result.runs) {
      expect(r).toMatchObject({ expected: 60_000, final: 60_000, lost: 0 });
      expect(r.workers.map((w) => w.increments)).toEqual([20_000, 20_000, 20_000]);
      expect(r.wallMs).toBeGreaterThan(0);
    }
  });

  it.skipIf(cores < 2)(
    'loses updates without synchronisation on parallel threads (skipped with < 2 cores)',
    async () => {
      // Two cores racing a load-then-store lose updates almost always; three attempts make a miss negligible.
      let lost = 0;
      for (let attempt = 0; attempt < 3 && lost === 0; attempt++) {
        const result = await runRaceConditionLesson(
          { workers: 2, increments: 500_000, modes: ['unsynchronised'], gilThreads: false },
          env,
        );
        const r = run(result.runs, 'threads', 'unsynchronised');
        expect(r.final).toBeLessThanOrEqual(r.expected);
        expect(r.lost).toBe(r.expected - r.final);
        lost = r.lost;
      }
      expect(lost).toBeGreaterThan(0);
    },
  );

  it('loses updates under the GIL only when a switch can land between the read and the write', async () => {
    const result = await runRaceConditionLesson(
      { workers: 2, increments: 200_000, modes: [], gilThreads: true, switchIntervalMs: 1 },
      env,
    );
    expect(run(result.runs, 'gil-threads', 'unsynchronised', true).final).toBeLessThan(400_000);
    expect(run(result.runs, 'gil-threads', 'unsynchronised', false)).toMatchObject({
      final: 400_000,
      lost: 0,
    });
  });

  it('rejects bad input with the field and its range', async () => {
    await expect(runRaceConditionLesson({ workers: 1, increments: 10 }, env)).rejects.toThrow(
      /workers must be an integer from 2 to 16 \(got 1\)/,
    );
    await expect(
      runRaceConditionLesson({ workers: 2, increments: 10, modes: ['sloppy' as never] }, env),
    ).rejects.toThrow(/mode must be one of/);
  });

  it('stops every thread when cancelled mid-race', async () => {
    const controller = new AbortController();
    const threadsBefore = osThreadCount();
    const lesson = runRaceConditionLesson(
      { workers: 2, increments: 10_000_000, modes: ['mutex'], gilThreads: false },
      { ...env, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 300);
    await expect(lesson).rejects.toThrow(/cancelled/);
    if (threadsBefore !== null)
      await expect.poll(osThreadCount, { timeout: 2000 }).toBeLessThanOrEqual(threadsBefore);
  });
});
