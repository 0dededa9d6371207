/** A distributed executor for tests: a private nats-server, local worker processes, short deadlines, log kept. */
import { version } from '../../package.json';
import { DistributedExecutor } from '../main/engine/models/distributed/distributed-executor';
import type { DistributedExecutorOptions } from '../main/engine/models/distributed/executor-options';
import type { TaskEvent } from '../workers/protocol/executor';
import { forkSpawner } from '../main/engine/models/process-spawner';
import { builtHostScripts } from './engine-options';

/** An executor and the lines it logged. */
export interface TestExecutor {
  readonly executor: DistributedExecutor;
  readonly log: string[];
}

/** A distributed executor on a private server started from `binary`, with `localWorkers` workers. */
export function testExecutor(
  binary: string,
  overrides: Partial<DistributedExecutorOptions> = {},
): TestExecutor {
  const log: string[] = [];
  const executor = new DistributedExecutor({
    broker: { kind: 'private', binary },
    localWorkers: 2,
    workerScript: builtHostScripts().distributedWorker,
    spawner: forkSpawner,
    labVersion: version,
    taskTimeoutMs: null,
    ackWaitMs: 1000,
    heartbeatTimeoutMs: 2500,
    // CONCURRENCY_LAB_TEST_LOG=1 also prints what the lab logs, to debug a failing test.
    log: (line) => {
      log.push(line);
      if (process.env.CONCURRENCY_LAB_TEST_LOG) console.log(`lab: ${line}`);
    },
    ...overrides,
  });
  return { executor, log };
}

/** The settling event of each task (finished or failed), and how many times each task settled. */
export function settlements(events: readonly TaskEvent[]): {
  byTask: Map<number, TaskEvent>;
  counts: Map<number, number>;
} {
  const byTask = new Map<number, TaskEvent>();
  const counts = new Map<number, number>();
  for (const event of events) {
    if (event.type !== 'finished' && event.type !== 'failed') continue;
    byTask.set(event.task, event);
    counts.set(event.task, (counts.get(event.task) ?? 0) + 1);
  }
  return { byTask, counts };
}

/** Whether a process is running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
