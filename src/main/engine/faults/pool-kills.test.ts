/**
 * Fault suite: real threads and processes killed from outside the pool — while starting, mid-task,
 * and every 50 ms — under threads, gil-threads and processes. Whatever is killed, every task ends
 * completed or failed exactly once, and the pool is back to its size once the kills stop.
 */
import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../workers/protocol/executor';
import { MAX_START_ATTEMPTS, WorkerPool } from '../models/worker-pool';
import { killableWorkers, settledOnce, sleepTasks, type PooledModel } from './killable-workers.test-support';

const MODELS: readonly PooledModel[] = ['threads', 'gil-threads', 'processes'];
const SIZE = 2;

describe.each(MODELS)('%s: workers killed while starting and mid-task', (model) => {
  it('replaces every killed worker, fails only the tasks that were running on one, loses none', async () => {
    const workers = killableWorkers(model);
    const pool = new WorkerPool(workers.factory, { size: SIZE, taskTimeoutMs: null });
    // Start-up: lane 0's first two workers die before they are ready; its third is the last try.
    const killOnCreate = new Set([0, 2]);
    workers.onCreate = (worker) => {
      if (killOnCreate.has(worker.serial)) worker.kill();
    };
    await pool.start();
    expect(pool.liveLanes()).toBe(SIZE);

    // Mid-run: the workers running tasks 4, 9 and 15 are killed; the replacement after task 9 dies starting too.
    const midTask = new Set([4, 9, 15]);
    const events: TaskEvent[] = [];
    await pool.runTasks(
      sleepTasks(24, 40),
      (event) => {
        events.push(event);
        if (event.type !== 'started' || !midTask.has(event.task)) return;
        const running = workers.created.filter((w) => w.lane === event.lane).at(-1)!;
        if (event.task === 9) {
          workers.onCreate = (worker) => {
            workers.onCreate = null;
            worker.kill();
          };
        }
        running.kill();
      },
      new AbortController().signal,
    );
    const outcomes = settledOnce(events);
    expect(outcomes.size).toBe(24);
    const failed = [...outcomes].filter(([, outcome]) => outcome === 'failed').map(([task]) => task);
    expect(failed.sort((a, b) => a - b)).toEqual([4, 9, 15]);
    expect(workers.kills()).toBe(6);
    expect(pool.liveLanes()).toBe(SIZE);
    await pool.close();
  });
});

describe.each(['threads', 'processes'] as const)('%s: a worker SIGKILLed every 50 ms', (model) => {
  it('ends every task completed or failed, exactly once, however many starts fail', async () => {
    const workers = killableWorkers(model);
    const pool = new WorkerPool(workers.factory, { size: SIZE, taskTimeoutMs: null });
    await pool.start();
    const killer = setInterval(() => {
      // The newest live worker: most often one still starting, the case that used to lose tasks.
      workers.created.findLast((worker) => worker.alive())?.kill();
    }, 50);
    const events: TaskEvent[] = [];
    try {
      await pool.runTasks(sleepTasks(40, 20), (event) => events.push(event), new AbortController().signal);
    } finally {
      clearInterval(killer);
    }
    const outcomes = settledOnce(events);
    expect(outcomes.size).toBe(40);
    expect(workers.kills()).toBeGreaterThan(0);
    // Retries are bounded: no lane tried more than MAX_START_ATTEMPTS starts in a row.
    expect(workers.created.length).toBeLessThanOrEqual(SIZE + workers.kills() + SIZE * MAX_START_ATTEMPTS);
    await pool.close();
  });
});
