import { describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { forkSpawner } from '../../models/process-spawner';
import { osThreadCount } from '../cleanup.test-support';
import { runDeadlockLesson } from './deadlock';

const env = { hostScripts: builtHostScripts(), spawner: forkSpawner };

describe('deadlock lesson', () => {
  it('detects the opposite-order deadlock from the wait-for cycle, then completes with one lock order', async () => {
    const threadsBefore = osThreadCount();
    const { attempts } = await runDeadlockLesson({ pauseMs: 50, reportAfterMs: 100 }, env);
    const [opposite, ordered] = attempts;

    expect(opposite).toMatchObject({ strategy: 'opposite-order', outcome: 'deadlock-detected' });
    expect(opposite!.cycle.map((w) => `${w.worker}->${w.waitsFor}@${w.heldBy}`)).toEqual([
      'A->L2@B',
      'B->L1@A',
    ]);
    for (const wait of opposite!.cycle) expect(wait.waitedMs).toBeGreaterThanOrEqual(100);
    expect(opposite!.explanation).toMatch(
      /A waited \d+ ms for L2 held by B; B waited \d+ ms for L1 held by A/,
    );
    expect(opposite!.detectedAtMs!).toBeGreaterThan(opposite!.formedAtMs!);
    expect(opposite!.cleanupMs).not.toBeNull();
    // The timeline shows each holding its first lock, then waiting for the other's.
    const kinds = opposite!.events.map((e) => `${e.worker}:${e.kind}:${e.lock}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['A:acquired:L1', 'B:acquired:L2', 'A:waiting:L2', 'B:waiting:L1']),
    );
    expect(kinds).not.toContain('A:done:null');

    expect(ordered).toMatchObject({
      strategy: 'global-order',
      outcome: 'completed',
      cycle: [],
      cleanupMs: null,
    });
    expect(
      ordered!.events
        .filter((e) => e.kind === 'done')
        .map((e) => e.worker)
        .sort(),
    ).toEqual(['A', 'B']);
    expect(ordered!.events.filter((e) => e.kind === 'acquired')).toHaveLength(4);

    // The stuck threads were terminated, not left behind.
    if (threadsBefore !== null)
      await expect.poll(osThreadCount, { timeout: 2000 }).toBeLessThanOrEqual(threadsBefore);
  });

  it('stops both threads when cancelled while they are deadlocked', async () => {
    const controller = new AbortController();
    const threadsBefore = osThreadCount();
    const lesson = runDeadlockLesson(
      { pauseMs: 20, reportAfterMs: 5000, strategies: ['opposite-order'] },
      { ...env, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 400);
    await expect(lesson).rejects.toThrow(/cancelled/);
    if (threadsBefore !== null)
      await expect.poll(osThreadCount, { timeout: 2000 }).toBeLessThanOrEqual(threadsBefore);
  });

  it('rejects a knob out of range', async () => {
    await expect(runDeadlockLesson({ reportAfterMs: 1 }, env)).rejects.toThrow(
      /reportAfterMs must be an integer from 10 to 10000 \(got 1\)/,
    );
  });
});
