import { describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../test-support/engine-options';
import { forkSpawner } from '../models/process-spawner';
import { countPrimesInRanges } from '../scenarios/prime-sieve';
import { ResponsivenessJobs } from './responsiveness-jobs';

const jobs = new ResponsivenessJobs({ hostScripts: builtHostScripts(), spawner: forkSpawner });

describe('the responsiveness lab jobs', () => {
  it('plans a checked job: the expected answer is the sieve count of its range', async () => {
    const plan = await jobs.plan(300);
    expect(plan.end).toBeGreaterThan(plan.start);
    expect(plan.expected).toBe(countPrimesInRanges([plan.start, plan.end])[0]);
  });

  it('on the main thread, blocks the event loop for about the whole job', async () => {
    const result = await jobs.run('main-thread', 400, 10);
    expect(result.ok).toBe(true);
    expect(result.mainLoopDelayMaxMs).toBeGreaterThan((result.endedAt - result.startedAt) * 0.6);
  });

  it('chunked on the main thread, keeps every stall to a small part of the job', async () => {
    const result = await jobs.run('main-thread-chunked', 400, 10);
    expect(result.ok).toBe(true);
    expect(result.mainLoopDelayMaxMs).toBeLessThan((result.endedAt - result.startedAt) / 4);
  });

  it.each(['worker-thread', 'process'] as const)(
    'in a %s, leaves the main event loop free',
    async (placement) => {
      const result = await jobs.run(placement, 400, 10);
      expect(result.ok).toBe(true);
      expect(result.mainLoopDelayMaxMs).toBeLessThan((result.endedAt - result.startedAt) / 4);
    },
  );

  it('shows the async trap: a blocking sleep delays every other task on the loop by at least the sleep', async () => {
    const sleepMs = 600;
    const awaited = await jobs.asyncTrap(false, sleepMs);
    const blocking = await jobs.asyncTrap(true, sleepMs);
    expect(awaited.tasks).toHaveLength(5);
    expect(blocking.tasks.map((t) => t.label)).toEqual([
      'poller 1',
      'poller 2',
      'poller 3',
      'poller 4',
      'blocking sleep',
    ]);
    expect(blocking.pollersDoneMs - awaited.pollersDoneMs).toBeGreaterThanOrEqual(sleepMs * 0.9);
  });
});
