import { describe, expect, it } from 'vitest';
import { epochNow } from '../../../../shared/clock';
import { settlements, testExecutor } from '../../../../test-support/distributed';
import { natsServerForTests } from '../../../../test-support/nats';
import { TaskWorker } from '../../../../workers/distributed/task-worker';
import type { TaskEvent } from '../../../../workers/protocol/executor';

const binary = natsServerForTests();
const HOUR = 3_600_000;

describe.skipIf(!binary)("another machine's clock", () => {
  it.each([
    ['an hour ahead', HOUR],
    ['an hour behind', -HOUR],
  ])(
    'is mapped onto the lab clock when %s: lanes start after publishing and end before the run does',
    async (_, skew) => {
      const { executor } = testExecutor(binary!, { localWorkers: 0 });
      let worker: TaskWorker | null = null;
      try {
        const starting = executor.start();
        // Give the lab a moment to answer hellos, as a room server would have been.
        await new Promise((resolve) => setTimeout(resolve, 200));
        worker = await TaskWorker.start({
          connection: { url: executor.serverUrl!, auth: { kind: 'none' } },
          identity: {
            workerId: 'wlaptop7',
            host: 'laptop-7',
            pid: 4242,
            cores: 8,
            platform: 'darwin',
            labVersion: '0.1.0',
          },
          policy: { readFiles: false, httpHosts: [] },
          reconnect: 'briefly',
          log: () => undefined,
          clock: () => epochNow() + skew,
        });
        await starting;
        const events: TaskEvent[] = [];
        const tasks = Array.from({ length: 5 }, (_, token) => ({
          workload: 'sleep' as const,
          input: { ms: 20, token },
        }));
        await executor.run(tasks, (event) => events.push(event), new AbortController().signal);
        const runEnded = epochNow();

        const [info] = executor.describeWorkers();
        expect(info).toMatchObject({ host: 'laptop-7', pid: 4242, local: false });
        expect(Math.abs(info!.clockOffsetMs! - skew)).toBeLessThanOrEqual(info!.clockUncertaintyMs! + 1);
        const labels = events.flatMap((e) => (e.type === 'lane' ? [e.lane.label] : []));
        expect(labels.at(-1)).toMatch(/^laptop-7 pid 4242 · clock ±\d+(\.\d)? ms$/);

        const queuedAt = events.find((e) => e.type === 'queued-all')!.at;
        const { byTask } = settlements(events);
        expect(byTask.size).toBe(5);
        for (const event of events) {
          if (event.type === 'started') expect(event.at).toBeGreaterThanOrEqual(queuedAt);
          if (event.type === 'finished') {
            expect(event.startedAt).toBeGreaterThanOrEqual(queuedAt);
            expect(event.endedAt).toBeLessThanOrEqual(runEnded);
            expect(event.endedAt).toBeGreaterThanOrEqual(event.startedAt);
          }
        }
      } finally {
        await worker?.stop();
        await executor.close();
      }
    },
  );
});
