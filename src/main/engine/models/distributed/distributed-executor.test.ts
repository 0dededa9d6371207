import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveParams } from '../../../../shared/run-request';
import type { ScenarioId } from '../../../../shared/scenarios';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { isAlive, settlements, testExecutor, type TestExecutor } from '../../../../test-support/distributed';
import { natsServerForTests } from '../../../../test-support/nats';
import type { TaskEvent } from '../../../../workers/protocol/executor';
import { forkSpawner } from '../process-spawner';
import { SCENARIO_RUNNERS } from '../../scenarios';

const binary = natsServerForTests();

/**
 * Two scenarios, for what only task events show (every scenario runs through a whole run, answers
 * checked, in distributed-races.test.ts): small enough for a 2-core CI machine.
 */
const SMALL: Partial<Record<ScenarioId, Record<string, number>>> = {
  'io-sleep': { tasks: 8, taskMs: 20 },
  'cpu-primes': { tasks: 6, taskMs: 5 },
};

describe.skipIf(!binary)('the distributed executor', () => {
  let lab: TestExecutor;
  let tempDir: string;

  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'distributed-test-'));
    lab = testExecutor(binary!);
    await lab.executor.start();
  });

  afterAll(async () => {
    const pids = lab.executor.processIds();
    await lab.executor.close();
    expect(pids.filter(isAlive)).toEqual([]);
    await rm(tempDir, { recursive: true, force: true });
  });

  it('reports where tasks run: local worker processes through a private NATS server', () => {
    expect(lab.executor.placement).toBe('2 worker processes on this machine, through a private NATS server');
    expect(lab.executor.workers).toBe(2);
    expect(lab.executor.processIds()).toHaveLength(3);
  });

  it.each(Object.entries(SMALL))(
    'runs %s with every answer checked, each task counted once',
    async (id, knobs) => {
      const scenario = await SCENARIO_RUNNERS[id as ScenarioId].prepare(
        resolveParams(id as ScenarioId, knobs),
        {
          tempDir,
          spawner: forkSpawner,
          hostScripts: builtHostScripts(),
          signal: new AbortController().signal,
          report: () => undefined,
        },
      );
      const events: TaskEvent[] = [];
      try {
        await lab.executor.run(scenario.tasks, (event) => events.push(event), new AbortController().signal);
      } finally {
        await scenario.dispose();
      }
      const { byTask, counts } = settlements(events);
      expect(byTask.size).toBe(scenario.tasks.length);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      for (const [task, event] of byTask) {
        if (scenario.expectsFailure?.(task)) continue;
        expect(event.type, JSON.stringify(event)).toBe('finished');
        if (event.type === 'finished') expect(scenario.check(task, event.output)).toMatchObject({ ok: true });
      }
      // Lanes are worker processes labelled host and pid; no task starts before the run queued it.
      const lanes = events.flatMap((e) => (e.type === 'lane' ? [e.lane.label] : []));
      expect(lanes.every((label) => new RegExp(`^${hostname()} pid \\d+( \\(lost\\))?$`).test(label))).toBe(
        true,
      );
      const queuedAt = events.find((e) => e.type === 'queued-all')!.at;
      for (const event of events) {
        if (event.type === 'started') expect(event.at).toBeGreaterThanOrEqual(queuedAt);
        if (event.type === 'finished') expect(event.startedAt).toBeGreaterThanOrEqual(queuedAt);
        if (event.type === 'finished') expect(event.endedAt).toBeGreaterThanOrEqual(event.startedAt);
      }
    },
  );

  it('measures the CPU time of its local workers and its server', () => {
    const usage = lab.executor.childUsage();
    expect(usage.cpuMs).toBeGreaterThan(0);
    expect(usage.rssBytes).toBeGreaterThan(0);
  });

  it('knows each worker: host, pid, cores and a clock offset within its uncertainty', () => {
    const workers = lab.executor.describeWorkers();
    expect(workers).toHaveLength(2);
    for (const worker of workers) {
      expect(worker).toMatchObject({
        host: hostname(),
        local: true,
        state: expect.stringMatching(/idle|busy/),
      });
      // Same machine, same clock: the estimate must contain zero (give or take the rounding of epochNow).
      expect(Math.abs(worker.clockOffsetMs!)).toBeLessThanOrEqual(worker.clockUncertaintyMs! + 1);
    }
  });
});
