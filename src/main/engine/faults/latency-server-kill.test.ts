/**
 * Fault suite: the embedded latency server SIGKILLed while a model's requests are in flight. The
 * engine notices, says so in that model's notes, the run's incidents and its verdict, never ranks
 * the model whose requests failed, and restarts the server so the next model runs cleanly.
 */
import { describe, expect, it } from 'vitest';
import { fastestOf, isRankable } from '../../../shared/ranking';
import { builtHostScripts } from '../../../test-support/engine-options';
import { forkSpawner, type ProcessSpawner } from '../models/process-spawner';
import { runScenario } from '../run/run-session';
import { runVerdict } from '../run/run-views';

describe('a latency server killed mid-run', () => {
  it('is named in the notes and verdict, fails the model it broke, and is restarted for the next', async () => {
    const servers: number[] = [];
    const spawner: ProcessSpawner = {
      kind: forkSpawner.kind,
      spawn(modulePath, options) {
        const child = forkSpawner.spawn(modulePath, options);
        if (options.name === 'latency server' && child.pid !== undefined) servers.push(child.pid);
        return child;
      },
    };
    let killed = false;
    const run = await runScenario(
      {
        scenario: 'http-requests',
        params: { tasks: 200, latencyMs: 5, bytes: 256, jitterMs: 0, failureRate: 0 },
        models: ['sequential', 'async', 'threads'],
        pool: { threads: 2, concurrency: 10 },
      },
      { hostScripts: builtHostScripts(), spawner },
      {
        onSnapshot: (snapshot) => {
          if (killed || snapshot.model !== 'sequential' || snapshot.completed < 20) return;
          killed = true;
          process.kill(servers[0]!, 'SIGKILL');
        },
      },
    );
    expect(killed).toBe(true);
    expect(servers).toHaveLength(2);
    const [sequential, async, threads] = run.results;

    const incident =
      'The latency server died while sequential ran (it was killed by SIGKILL) and was restarted for the next model.';
    expect(run.incidents).toEqual([incident]);
    expect(sequential!.notes[0]).toBe(incident);
    expect(sequential!.completed + sequential!.failed).toBe(200);
    expect(sequential!.failed).toBeGreaterThan(0);
    expect(sequential!.state).toBe('failed');
    expect(isRankable(sequential!)).toBe(false);

    // The restarted server serves the next models in full.
    for (const model of [async!, threads!]) {
      expect(model.state, model.notes.join('; ')).toBe('done');
      expect(model.completed).toBe(200);
    }
    expect(fastestOf(run.results)?.model).not.toBe('sequential');
    expect(run.results.every((r) => r.speedup === null)).toBe(true);
    const verdict = runVerdict(run);
    expect(verdict).toContain('sequential failed');
    expect(verdict).toContain(incident);
  });
});
