import { hostname } from 'node:os';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { version } from '../../../../../package.json';
import { isAlive, settlements, testExecutor } from '../../../../test-support/distributed';
import { natsServerForTests } from '../../../../test-support/nats';
import { TaskWorker, WorkerRefusedError } from '../../../../workers/distributed/task-worker';
import { SUBJECTS } from '../../../../workers/protocol/distributed/subjects';
import { encodeWire } from '../../../../workers/protocol/distributed/wire-codec';
import type { TaskEvent, TaskList, TaskSpec } from '../../../../workers/protocol/executor';
import { CancelledError } from '../../errors';

const binary = natsServerForTests();

const sleep = (token: number, ms: number): TaskSpec => ({ workload: 'sleep', input: { ms, token } });

/** The pid in a lane label "host pid 1234". */
function pidOf(label: string): number {
  return Number(/ pid (\d+)/.exec(label)?.[1]);
}

/** Lane labels by index, as the events announced them (the latest label wins). */
function laneLabels(events: readonly TaskEvent[]): Map<number, string> {
  const labels = new Map<number, string>();
  for (const event of events) if (event.type === 'lane') labels.set(event.lane.index, event.lane.label);
  return labels;
}

function expectEachTaskOnce(events: readonly TaskEvent[], tasks: TaskList): void {
  const { byTask, counts } = settlements(events);
  expect(byTask.size).toBe(tasks.length);
  expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  for (const [task, event] of byTask)
    expect(event).toMatchObject({ type: 'finished', output: { token: task } });
}

describe.skipIf(!binary)('distributed faults', () => {
  it('loses no task and counts none twice when workers are killed mid-task again and again', async () => {
    const { executor, log } = testExecutor(binary!, { localWorkers: 3 });
    const events: TaskEvent[] = [];
    const killed: number[] = [];
    const tasks = Array.from({ length: 15 }, (_, i) => sleep(i, 150));
    try {
      await executor.start();
      const labels = (): Map<number, string> => laneLabels(events);
      await executor.run(
        tasks,
        (event) => {
          events.push(event);
          // Kill the worker that just started a task, three times over (each time a fresh victim).
          if (event.type === 'started' && killed.length < 3) {
            const pid = pidOf(labels().get(event.lane) ?? '');
            if (pid && !killed.includes(pid)) {
              killed.push(pid);
              process.kill(pid, 'SIGKILL');
            }
          }
        },
        new AbortController().signal,
      );
      expect(killed).toHaveLength(3);
      expectEachTaskOnce(events, tasks);
      // Each victim's task ended on its lane without a result, and ran again elsewhere.
      const interrupted = events.filter((e) => e.type === 'interrupted');
      expect(interrupted.length).toBeGreaterThanOrEqual(3);
      expect(executor.deliveryStats().redelivered).toBeGreaterThanOrEqual(3);
      const lost = [...labels().values()].filter((label) => label.endsWith('(lost)'));
      expect(lost.map(pidOf).sort()).toEqual([...killed].sort());
      expect(log.some((line) => /was killed by SIGKILL; its tasks go back to the queue/.test(line))).toBe(
        true,
      );
    } finally {
      const pids = executor.processIds();
      await executor.close();
      expect(pids.filter(isAlive)).toEqual([]);
    }
  });

  it('ignores duplicate results, results of other runs and unknown tasks, and logs malformed and oversized ones', async () => {
    const { executor, log } = testExecutor(binary!, { localWorkers: 1 });
    let spy: NatsConnection | null = null;
    const events: TaskEvent[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) => sleep(i, 30));
    // The replays' acks are awaited before the spy closes; each is settled on its own, so none rejects unhandled.
    const published: Promise<unknown>[] = [];
    try {
      await executor.start();
      spy = await connect({ servers: executor.serverUrl!.replace('nats://', '') });
      const js = jetstream(spy);
      // Every result is published a second time (as a redelivered task's would be), plus three bad ones.
      let replays = 0;
      const replay = (subject: string, data: Uint8Array): void => {
        published.push(js.publish(subject, data).catch(() => undefined));
      };
      spy.subscribe(SUBJECTS.allResults, {
        callback: (_error, msg) => {
          if (replays++ >= 2) return;
          replay(msg.subject, msg.data);
          const result = JSON.parse(new TextDecoder().decode(msg.data)) as Record<string, unknown>;
          replay(msg.subject, encodeWire({ ...result, task: 999 }));
          replay(msg.subject, new TextEncoder().encode('{"not": "a result"'));
          replay(msg.subject, new Uint8Array(5 * 1024 * 1024));
          replay(SUBJECTS.results('another-run'), encodeWire({ ...result, runId: 'another-run' }));
        },
      });
      await executor.run(tasks, (event) => events.push(event), new AbortController().signal);
      expectEachTaskOnce(events, tasks);
      expect(executor.deliveryStats().duplicatesIgnored).toBeGreaterThanOrEqual(1);
      expect(
        log.some((line) => /ignored a result for task 999, which run \S+ does not have/.test(line)),
      ).toBe(true);
      expect(log.some((line) => /rejected a result on lab\.results\.\S+: not JSON/.test(line))).toBe(true);
      expect(
        log.some((line) =>
          /rejected a result on .*: 5242880 bytes, more than the 4194304 allowed/.test(line),
        ),
      ).toBe(true);
    } finally {
      await Promise.allSettled(published);
      await spy?.close();
      await executor.close();
    }
  });

  it('rejects malformed and oversized tasks and control messages without crashing anything', async () => {
    const { executor, log } = testExecutor(binary!, { localWorkers: 1 });
    let rogue: NatsConnection | null = null;
    try {
      await executor.start();
      rogue = await connect({ servers: executor.serverUrl!.replace('nats://', '') });
      const js = jetstream(rogue);
      await js.publish(SUBJECTS.tasks('bogus'), new TextEncoder().encode('not json at all'));
      await js.publish(
        SUBJECTS.tasks('bogus'),
        encodeWire({ v: 1, runId: 'bogus', task: 0, workload: 'eval' }),
      );
      await js.publish(SUBJECTS.tasks('bogus'), new Uint8Array(5 * 1024 * 1024));
      rogue.publish(SUBJECTS.heartbeat, new TextEncoder().encode('{"beat":'));
      const refusal = await rogue.request(SUBJECTS.hello, encodeWire({ hello: 'there' }), { timeout: 2000 });
      expect(JSON.parse(new TextDecoder().decode(refusal.data))).toMatchObject({
        accepted: false,
        reason: expect.stringMatching(/hello is malformed/),
      });
      // The worker survived all of it and still runs a real run.
      const events: TaskEvent[] = [];
      const tasks = [sleep(0, 10), sleep(1, 10)];
      await executor.run(tasks, (event) => events.push(event), new AbortController().signal);
      expectEachTaskOnce(events, tasks);
      expect(log.filter((line) => /rejected a task on lab\.tasks\.bogus/.test(line))).toHaveLength(3);
      expect(log.some((line) => /not JSON/.test(line))).toBe(true);
      expect(log.some((line) => /workload must name a registered workload/.test(line))).toBe(true);
      expect(log.some((line) => /5242880 bytes, more than the 4194304 allowed/.test(line))).toBe(true);
      expect(log.some((line) => /rejected a heartbeat: not JSON/.test(line))).toBe(true);
    } finally {
      await rogue?.close();
      await executor.close();
    }
  });

  it('refuses a worker of another protocol version, saying why on both sides', async () => {
    const { executor, log } = testExecutor(binary!, { localWorkers: 1 });
    try {
      await executor.start();
      const joining = TaskWorker.start({
        connection: { url: executor.serverUrl!, auth: { kind: 'none' } },
        identity: {
          workerId: 'wfuture',
          host: hostname(),
          pid: process.pid,
          cores: 1,
          platform: 'linux',
          labVersion: '9.0.0',
        },
        policy: { readFiles: false, httpHosts: [] },
        reconnect: 'briefly',
        log: () => undefined,
        protocol: 99,
      });
      const refused = await joining.catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WorkerRefusedError);
      expect((refused as Error).message).toBe(
        `it speaks protocol 99 (Concurrency Lab 9.0.0), this lab speaks protocol 1 (Concurrency Lab ${version}): install the same version of Concurrency Lab on both machines`,
      );
      expect(log).toContain(`refused worker ${hostname()} pid ${process.pid}: ${(refused as Error).message}`);
    } finally {
      await executor.close();
    }
  });

  it('fails a task past its timeout, stops its local worker, and finishes the others', async () => {
    const { executor } = testExecutor(binary!, { localWorkers: 2, taskTimeoutMs: 400 });
    const events: TaskEvent[] = [];
    const tasks: TaskSpec[] = [{ workload: 'fault', input: { kind: 'hang' } }, sleep(1, 20), sleep(2, 20)];
    try {
      await executor.start();
      await executor.run(tasks, (event) => events.push(event), new AbortController().signal);
      const { byTask, counts } = settlements(events);
      expect([...counts.values()]).toEqual([1, 1, 1]);
      expect(byTask.get(0)).toMatchObject({
        type: 'failed',
        error: expect.stringMatching(/^timed out after 400 ms on .* pid \d+$/),
      });
      expect(byTask.get(1)?.type).toBe('finished');
      expect(byTask.get(2)?.type).toBe('finished');
    } finally {
      const pids = executor.processIds();
      await executor.close();
      expect(pids.filter(isAlive)).toEqual([]);
    }
  });

  it('fails the run naming the server when the server dies mid-run, and leaves no process', async () => {
    const { executor } = testExecutor(binary!, { localWorkers: 2 });
    const tasks = Array.from({ length: 8 }, (_, i) => sleep(i, 30_000));
    try {
      await executor.start();
      const [serverPid] = executor.processIds();
      const running = executor.run(
        tasks,
        (event) => {
          if (event.type === 'started') process.kill(serverPid!, 'SIGKILL');
        },
        new AbortController().signal,
      );
      await expect(running).rejects.toThrow(
        /^the NATS server \(private, nats:\/\/127\.0\.0\.1:\d+\) was killed by SIGKILL$/,
      );
    } finally {
      const pids = executor.processIds();
      await executor.close();
      expect(pids.filter(isAlive)).toEqual([]);
    }
  });

  it('stops at once when cancelled and leaves no process', async () => {
    const { executor } = testExecutor(binary!, { localWorkers: 2 });
    const controller = new AbortController();
    const tasks = Array.from({ length: 8 }, (_, i) => sleep(i, 30_000));
    let cancelledAt = 0;
    try {
      await executor.start();
      const running = executor.run(
        tasks,
        (event) => {
          if (event.type === 'started' && !controller.signal.aborted) {
            cancelledAt = performance.now();
            controller.abort();
          }
        },
        controller.signal,
      );
      await expect(running).rejects.toBeInstanceOf(CancelledError);
    } finally {
      const pids = executor.processIds();
      expect(pids.length).toBe(3);
      await executor.close();
      // Indicative only (no assertion on time): cancel to every process gone.
      console.info(`distributed cancel → closed in ${(performance.now() - cancelledAt).toFixed(0)} ms`);
      expect(pids.filter(isAlive)).toEqual([]);
    }
  });
});
