/**
 * (g) What a task costs on its way through the broker, with one worker: the lab's distributed model,
 * the process pool, and a bare JetStream publish → pull → ack → result round trip on the same machine
 * as the floor; (h) throughput of the distributed model as local workers are added.
 */
import { availableParallelism } from 'node:os';
import { AckPolicy, RetentionPolicy, StorageType, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Executor, TaskSpec } from '../src/workers/protocol/executor';
import { createDistributedExecutor } from '../src/main/engine/models/distributed/distributed-model';
import { locateNatsServer } from '../src/main/engine/models/distributed/nats-server-locator';
import { startNatsServer } from '../src/main/engine/models/distributed/nats-server-process';
import type { ExecutorEnvironment } from '../src/main/engine/models/executor-environment';
import { MODEL_ENGINES } from '../src/main/engine/models/registry';
import type { EngineOptions } from '../src/main/engine/run/run-session';
import { resolvePool } from '../src/shared/pool';

/** What (g) and (h) measured. */
export interface DistributedBench {
  readonly tasks: number;
  /** ms per task with one worker, median of the rounds. */
  readonly floorMs: number;
  readonly processesMs: number;
  readonly distributedMs: number;
  /** Tasks per second by local workers (1, 2, … cores). */
  readonly scaling: readonly { readonly workers: number; readonly perSecond: number }[];
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Tiny CPU tasks: 16 squares each, microseconds of work. */
function tinyTasks(count: number): TaskSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    workload: 'sum-squares',
    input: { start: i, end: i + 16 },
  }));
}

async function msPerTask(executor: Executor, tasks: readonly TaskSpec[]): Promise<number> {
  const t0 = performance.now();
  await executor.run(tasks, () => undefined, new AbortController().signal);
  return (performance.now() - t0) / tasks.length;
}

/** The floor: a work-queue stream, one pull consumer taking one message at a time, its result published and read back. */
async function bareJetStreamMs(binary: string, count: number): Promise<number> {
  const server = await startNatsServer({ binary });
  const producer = await connect({ servers: server.url.replace('nats://', '') });
  const worker = await connect({ servers: server.url.replace('nats://', '') });
  try {
    const jsm = await jetstreamManager(producer);
    await jsm.streams.add({
      name: 'T',
      subjects: ['t'],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.Memory,
    });
    await jsm.streams.add({ name: 'R', subjects: ['r'], storage: StorageType.Memory });
    await jsm.consumers.add('T', { durable_name: 'W', ack_policy: AckPolicy.Explicit });
    const js = jetstream(producer);
    const wjs = jetstream(worker);
    const results = await js.consumers.get('R');
    const tasks = await wjs.consumers.get('T', 'W');
    const payload = new TextEncoder().encode(
      JSON.stringify({ workload: 'sum-squares', input: { start: 0, end: 16 } }),
    );
    const t0 = performance.now();
    const published = Promise.all(Array.from({ length: count }, () => js.publish('t', payload)));
    const pulling = (async () => {
      for (let i = 0; i < count; i++) {
        const message = await tasks.next({ expires: 5000 });
        if (!message) throw new Error('the floor’s worker got no task');
        await wjs.publish('r', message.data);
        message.ack();
      }
    })();
    let received = 0;
    const reading = (async () => {
      const messages = await results.consume();
      for await (const message of messages) {
        message.ack();
        if (++received === count) break;
      }
    })();
    await Promise.all([published, pulling, reading]);
    return (performance.now() - t0) / count;
  } finally {
    await producer.close();
    await worker.close();
    await server.stop();
  }
}

/** Runs (g) and (h); `tasks` sets the size (small numbers check that it runs). */
export async function distributedBenchmark(engine: EngineOptions, tasks = 2000): Promise<DistributedBench> {
  const found = locateNatsServer();
  if (!found.available) throw new Error(found.reason);
  const cores = availableParallelism();
  const env: ExecutorEnvironment = {
    hostScripts: engine.hostScripts,
    spawner: engine.spawner,
    callingThreadYieldMs: 100,
    callingThread: 'dedicated',
  };
  const one = resolvePool({ processes: 1, workers: 1 }, cores);
  const rounds = 3;
  const floors: number[] = [];
  const pooled: number[] = [];
  const brokered: number[] = [];
  const processes = MODEL_ENGINES.processes.createExecutor(one, env);
  const distributed = createDistributedExecutor(one, env);
  await Promise.all([processes.start(), distributed.start()]);
  try {
    // Warm-up, then rounds that interleave the three: a busy moment of the machine hits all of them alike.
    await msPerTask(processes, tinyTasks(100));
    await msPerTask(distributed, tinyTasks(100));
    for (let round = 0; round < rounds; round++) {
      floors.push(await bareJetStreamMs(found.path, tasks));
      pooled.push(await msPerTask(processes, tinyTasks(tasks)));
      brokered.push(await msPerTask(distributed, tinyTasks(tasks)));
    }
  } finally {
    await Promise.all([processes.close(), distributed.close()]);
  }

  // (h): tasks of 2^21 squares each (tens of ms), four per worker, after one warm-up task per worker.
  const scaling: { workers: number; perSecond: number }[] = [];
  for (
    let workers = 1;
    workers <= cores;
    workers = workers < cores ? Math.min(cores, workers * 2) : cores + 1
  ) {
    const executor = createDistributedExecutor(resolvePool({ workers }, cores), env);
    await executor.start();
    try {
      const batch = Array.from({ length: 4 * Math.max(workers, 2) }, (_, i) => ({
        workload: 'sum-squares' as const,
        input: { start: 2 ** 30 + i * 2 ** 21, end: 2 ** 30 + (i + 1) * 2 ** 21 },
      }));
      await msPerTask(executor, batch.slice(0, workers));
      const perTask = await msPerTask(executor, batch);
      scaling.push({ workers, perSecond: 1000 / perTask });
    } finally {
      await executor.close();
    }
  }
  return {
    tasks,
    floorMs: median(floors),
    processesMs: median(pooled),
    distributedMs: median(brokered),
    scaling,
  };
}
