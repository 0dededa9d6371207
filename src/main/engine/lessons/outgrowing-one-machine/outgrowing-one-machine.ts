/**
 * Measures "Outgrowing one machine": tiny tasks through the process pool and through the broker (what
 * each task pays on its way), a sweep of task sizes under the plain loop, the process pool and the
 * broker (where distributing starts to pay), throughput as local workers are added (workers that
 * joined the broker's room take part too), and a local worker killed mid-task (its task redelivered,
 * counted once). The distributed runs use the lab's broker setting: a private server, or the room's.
 */
import { availableParallelism } from 'node:os';
import {
  OUTGROWING_KNOBS,
  sweepSizes,
  type OutgrowingRequest,
  type OutgrowingResult,
  type OutgrowingRow,
} from '../../../../shared/lessons/outgrowing-one-machine';
import { resolvePool } from '../../../../shared/pool';
import type { Executor, TaskEvent } from '../../../../workers/protocol/executor';
import { CancelledError } from '../../errors';
import {
  createDistributedExecutor,
  distributedAvailability,
} from '../../models/distributed/distributed-model';
import type { DistributedExecutor } from '../../models/distributed/distributed-executor';
import type { ExecutorEnvironment } from '../../models/executor-environment';
import { MODEL_ENGINES } from '../../models/registry';
import { unitsPerMs } from '../../scenarios/calibrate';
import { LessonInputError, round3, throwIfCancelled, type LessonEnvironment } from '../lesson-environment';
import { sumSquaresBatch, timeBatch, withExecutor, type Batch } from './timed-batch';

/** A tiny task: about 50 µs of CPU, work rather than `sleep 0`. */
export const TINY_TASK_MS = 0.05;
/** The kill's tasks are at least this long, so a worker is surely mid-task when it dies. */
const KILL_TASK_MS = 30;
/** The kill's ack deadline: the killed worker's task goes to another worker this soon. */
const KILL_ACK_WAIT_MS = 1000;

/** 1, 2, 4… up to `most`, which is always the last step. */
export function workerSteps(most: number): number[] {
  const steps: number[] = [];
  for (let n = 1; n < most; n *= 2) steps.push(n);
  return [...steps, most];
}

/** Runs the lesson; `onRow` hears each measurement as it is made. */
export async function runOutgrowingLesson(
  request: OutgrowingRequest,
  env: LessonEnvironment,
  onRow: (row: OutgrowingRow) => void = () => undefined,
): Promise<OutgrowingResult> {
  const signal = env.signal ?? new AbortController().signal;
  const settings = env.distributed ?? { server: null };
  const availability = distributedAvailability(settings);
  if (!availability.available)
    throw new LessonInputError(`this lesson needs a NATS server: ${availability.reason}`);
  const cores = availableParallelism();
  const tinyTasks = request.tinyTasks ?? OUTGROWING_KNOBS.tinyTasks.default;
  const tasks = request.tasks ?? OUTGROWING_KNOBS.tasks.default;
  const sizes = [
    ...(request.sizesMs ?? sweepSizes(OUTGROWING_KNOBS.taskMs.default, OUTGROWING_KNOBS.sizes.default)),
  ].sort((a, b) => a - b);
  const largest = sizes[sizes.length - 1]!;
  const most = request.maxWorkers ?? cores;
  const execEnv: ExecutorEnvironment = {
    hostScripts: env.hostScripts,
    spawner: env.spawner,
    callingThreadYieldMs: 100,
    // The plain loop runs on a thread of its own: the app's main thread must not block.
    callingThread: 'dedicated',
    distributed: settings,
  };
  const pool = (workers: number) => resolvePool({ processes: workers, workers }, cores);
  const distributed = (workers: number, ackWaitMs?: number): DistributedExecutor =>
    createDistributedExecutor(pool(workers), execEnv, ackWaitMs ? { ackWaitMs, log: () => undefined } : {});
  const rows: OutgrowingRow[] = [];
  const emit = (row: OutgrowingRow): void => {
    rows.push(row);
    onRow(row);
  };
  let broker = settings.server ? `NATS at ${settings.server.url}` : 'a private NATS server';

  const perMs = await unitsPerMs(
    { hostScripts: env.hostScripts, signal },
    (units) => ({ workload: 'sum-squares', input: { start: 2 ** 30, end: 2 ** 30 + units } }),
    100_000,
  );
  const units = (ms: number): number => Math.max(1, Math.round(perMs * ms));
  // Each batch its own ranges, so no result of one step can pass for another's.
  let offset = 0;
  const batch = (count: number, ms: number): Batch => {
    const made = sumSquaresBatch(count, units(ms), offset);
    offset += count;
    return made;
  };
  const workersOf = (executor: Executor): number => executor.workers ?? 1;
  // A fresh worker runs its first tasks cold (code not yet compiled): each executor warms up, unmeasured.
  const warm = async (executor: Executor, ms: number): Promise<void> => {
    await timeBatch(executor, batch(Math.max(4, 2 * workersOf(executor)), ms), signal);
  };

  // 1 and 2: one process pool, one distributed executor and one plain loop for the tiny tasks and the sweep.
  const processes = MODEL_ENGINES.processes.createExecutor(pool(cores), execEnv);
  await withExecutor(processes, signal, (procs) =>
    withExecutor(distributed(cores), signal, async (dist) => {
      broker = dist.placement.replace(/^.*, through /, '');
      await warm(procs, TINY_TASK_MS);
      await warm(dist, TINY_TASK_MS);
      for (const [model, executor] of [
        ['processes', procs],
        ['distributed', dist],
      ] as const) {
        throwIfCancelled(signal);
        const run = await timeBatch(executor, batch(tinyTasks, TINY_TASK_MS), signal);
        const workers = workersOf(executor);
        emit({
          part: 'overhead',
          model,
          tasks: tinyTasks,
          workers,
          taskMs: round3(units(TINY_TASK_MS) / perMs),
          wallMs: round3(run.wallMs),
          overheadMs: round3(Math.max(0, (run.wallMs * workers) / tinyTasks - units(TINY_TASK_MS) / perMs)),
          ok: run.ok,
        });
      }
      await withExecutor(MODEL_ENGINES.sequential.createExecutor(pool(1), execEnv), signal, async (loop) => {
        await warm(loop, sizes[0]!);
        for (const ms of sizes) {
          throwIfCancelled(signal);
          const sequential = await timeBatch(loop, batch(tasks, ms), signal);
          const pooled = await timeBatch(procs, batch(tasks, ms), signal);
          const brokered = await timeBatch(dist, batch(tasks, ms), signal);
          emit({
            part: 'sweep',
            taskMs: round3(units(ms) / perMs),
            tasks,
            sequentialMs: round3(sequential.wallMs),
            processesMs: round3(pooled.wallMs),
            distributedMs: round3(brokered.wallMs),
            workers: workersOf(dist),
            ok: sequential.ok && pooled.ok && brokered.ok,
          });
        }
      });
    }),
  );

  // 3: local workers 1, 2, 4… (and whoever joined the room), on tasks of the largest size.
  for (const local of workerSteps(most)) {
    throwIfCancelled(signal);
    await withExecutor(distributed(local), signal, async (dist) => {
      await warm(dist, TINY_TASK_MS);
      const run = await timeBatch(dist, batch(tasks, largest), signal);
      const workers = workersOf(dist);
      emit({
        part: 'scaling',
        localWorkers: local,
        joinedWorkers: Math.max(0, workers - local),
        tasks,
        taskMs: round3(units(largest) / perMs),
        wallMs: round3(run.wallMs),
        throughput: run.wallMs > 0 ? round3((tasks * 1000) / run.wallMs) : 0,
        ok: run.ok,
      });
    });
  }

  // 4: two local workers; once two tasks are done, the local worker that starts the next one is killed.
  throwIfCancelled(signal);
  await withExecutor(distributed(2, KILL_ACK_WAIT_MS), signal, async (dist) => {
    const killTasks = Math.max(8, Math.min(tasks, 24));
    const labels = new Map<number, string>();
    let finished = 0;
    let killedPid: number | null = null;
    const onEvent = (event: TaskEvent): void => {
      if (event.type === 'lane') labels.set(event.lane.index, event.lane.label);
      if (event.type === 'finished') finished++;
      if (event.type !== 'started' || killedPid !== null || finished < 2) return;
      const pid = Number(/ pid (\d+)/.exec(labels.get(event.lane) ?? '')?.[1]);
      // Only a process this lab started: never a worker on someone else's laptop.
      if (!dist.localPids().includes(pid)) return;
      killedPid = pid;
      process.kill(pid, 'SIGKILL');
    };
    const run = await timeBatch(dist, batch(killTasks, Math.max(largest, KILL_TASK_MS)), signal, onEvent);
    emit({
      part: 'kill',
      tasks: killTasks,
      workers: workersOf(dist),
      killedPid,
      redelivered: dist.deliveryStats().redelivered,
      lost: run.lost,
      countedTwice: run.countedTwice,
      wallMs: round3(run.wallMs),
      ok: run.ok,
    });
  });
  if (signal.aborted) throw new CancelledError();
  return { cores, broker, rows, ok: rows.every((row) => row.ok) };
}
