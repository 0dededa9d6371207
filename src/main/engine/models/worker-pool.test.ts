/**
 * The pool's failure policy with scripted workers (no threads, no processes): which worker dies
 * when is decided by the test, so every path of the policy runs deterministically. The fault suite
 * (engine/faults.test.ts) kills real threads and processes.
 */
import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../workers/protocol/executor';
import type { PoolWorkerEvents, PoolWorkerFactory } from './pool-worker';
import { MAX_START_ATTEMPTS, WorkerPool } from './worker-pool';

/** What a scripted worker does once created: become ready, or die before that. */
type Script = 'ready' | 'die-starting';

interface Scripted {
  readonly factory: PoolWorkerFactory;
  /** Workers created, per lane. */
  readonly created: number[];
  /** Kills the live worker of a lane, as a SIGKILL would. */
  kill(lane: number): void;
}

/** Workers that follow `plan(lane, attempt)`, answer each task on the next turn, and can be killed. */
function scripted(plan: (lane: number, attempt: number) => Script): Scripted {
  const created: number[] = [];
  const live = new Map<number, { events: PoolWorkerEvents; dead: boolean }>();
  const factory: PoolWorkerFactory = (lane, events) => {
    const attempt = (created[lane] = (created[lane] ?? 0) + 1);
    const worker = { events, dead: false };
    live.set(lane, worker);
    const die = (reason: string): void => {
      if (worker.dead) return;
      worker.dead = true;
      events.exit(reason);
    };
    setImmediate(() => {
      if (worker.dead) return;
      if (plan(lane, attempt) === 'ready') events.response({ type: 'ready', pid: 1000 + lane });
      else die('was killed by SIGKILL');
    });
    return {
      label: `worker ${lane + 1}.${attempt}`,
      send(request) {
        setImmediate(() => {
          if (worker.dead) return;
          const at = Date.now();
          events.response({
            type: 'result',
            taskId: request.taskId,
            startedAt: at,
            endedAt: at,
            ok: true,
            output: request.taskId,
          });
        });
      },
      async terminate() {
        die('was terminated');
      },
    };
  };
  return {
    factory,
    created,
    kill: (lane) => {
      const worker = live.get(lane);
      if (worker && !worker.dead) {
        worker.dead = true;
        worker.events.exit('was killed by SIGKILL');
      }
    },
  };
}

const tasks = (count: number): { workload: 'sleep'; input: number }[] =>
  Array.from({ length: count }, (_, input) => ({ workload: 'sleep', input }));

/** Each task's last event: finished or failed. */
function outcomes(events: readonly TaskEvent[]): Map<number, TaskEvent> {
  const settled = new Map<number, TaskEvent>();
  for (const event of events) {
    if (event.type !== 'finished' && event.type !== 'failed') continue;
    expect(settled.has(event.task), `task ${event.task} settled twice`).toBe(false);
    settled.set(event.task, event);
  }
  return settled;
}

describe('WorkerPool start-up', () => {
  it('replaces a worker that dies while starting, and starts', async () => {
    const workers = scripted((lane, attempt) =>
      lane === 1 && attempt < MAX_START_ATTEMPTS ? 'die-starting' : 'ready',
    );
    const pool = new WorkerPool(workers.factory, { size: 2, taskTimeoutMs: null });
    await pool.start();
    expect(workers.created).toEqual([1, MAX_START_ATTEMPTS]);
    expect(pool.liveLanes()).toBe(2);
    await pool.close();
  });

  it('gives up on a lane that fails to start MAX_START_ATTEMPTS times in a row, naming the last reason', async () => {
    const workers = scripted((lane) => (lane === 0 ? 'die-starting' : 'ready'));
    const pool = new WorkerPool(workers.factory, { size: 2, taskTimeoutMs: null });
    await expect(pool.start()).rejects.toThrow(
      `worker 1.${MAX_START_ATTEMPTS} failed to start ${MAX_START_ATTEMPTS} times in a row (last: was killed by SIGKILL)`,
    );
    expect(workers.created[0]).toBe(MAX_START_ATTEMPTS);
  });
});

describe('WorkerPool mid-run', () => {
  it('replaces a worker whose replacement dies while starting, and loses no task', async () => {
    // Lane 0's second and third workers die starting; its fourth starts.
    const workers = scripted((lane, attempt) =>
      lane === 0 && (attempt === 2 || attempt === 3) ? 'die-starting' : 'ready',
    );
    const pool = new WorkerPool(workers.factory, { size: 2, taskTimeoutMs: null });
    await pool.start();
    const events: TaskEvent[] = [];
    let killed = false;
    await pool.runTasks(
      tasks(40),
      (event) => {
        events.push(event);
        if (!killed && event.type === 'started' && event.lane === 0 && event.task > 3) {
          killed = true;
          workers.kill(0);
        }
      },
      new AbortController().signal,
    );
    const settled = outcomes(events);
    expect(settled.size).toBe(40);
    expect([...settled.values()].filter((e) => e.type === 'failed')).toHaveLength(1);
    expect(pool.liveLanes()).toBe(2);
    await pool.close();
  });

  it('fails the waiting tasks once no lane can start, so that none goes missing', async () => {
    // Every replacement dies starting: both lanes are given up after their first worker is killed.
    const workers = scripted((_lane, attempt) => (attempt === 1 ? 'ready' : 'die-starting'));
    const pool = new WorkerPool(workers.factory, { size: 2, taskTimeoutMs: null });
    await pool.start();
    const events: TaskEvent[] = [];
    await pool.runTasks(
      tasks(40),
      (event) => {
        events.push(event);
        if (event.type === 'started' && event.task === 6) {
          workers.kill(0);
          workers.kill(1);
        }
      },
      new AbortController().signal,
    );
    const settled = outcomes(events);
    expect(settled.size).toBe(40);
    const failed = [...settled.values()].filter((e) => e.type === 'failed');
    expect(failed.length).toBeGreaterThan(30);
    expect(failed.at(-1)).toMatchObject({
      error: expect.stringMatching(/^not run: worker \d\.\d failed to start 3 times in a row/),
    });
    expect(pool.liveLanes()).toBe(0);
    await pool.close();
  });

  it('carries on with the lanes left when one lane is given up', async () => {
    const workers = scripted((lane, attempt) => (lane === 0 && attempt > 1 ? 'die-starting' : 'ready'));
    const pool = new WorkerPool(workers.factory, { size: 2, taskTimeoutMs: null });
    await pool.start();
    const events: TaskEvent[] = [];
    let killed = false;
    await pool.runTasks(
      tasks(20),
      (event) => {
        events.push(event);
        if (!killed && event.type === 'started' && event.task >= 2 && event.lane === 0) {
          killed = true;
          workers.kill(0);
        }
      },
      new AbortController().signal,
    );
    const settled = outcomes(events);
    expect(settled.size).toBe(20);
    expect([...settled.values()].filter((e) => e.type === 'failed').length).toBeLessThanOrEqual(1);
    expect(pool.liveLanes()).toBe(1);
    await pool.close();
  });
});

describe('WorkerPool with every lane given up between runs', () => {
  it('fails the next run’s tasks at once instead of waiting forever', async () => {
    const workers = scripted((_lane, attempt) => (attempt === 1 ? 'ready' : 'die-starting'));
    const pool = new WorkerPool(workers.factory, { size: 1, taskTimeoutMs: null });
    await pool.start();
    workers.kill(0);
    while (pool.liveLanes() > 0) await new Promise((resolve) => setImmediate(resolve));
    const events: TaskEvent[] = [];
    await pool.runTasks(tasks(3), (event) => events.push(event), new AbortController().signal);
    const settled = outcomes(events);
    expect([...settled.values()].map((e) => e.type)).toEqual(['failed', 'failed', 'failed']);
    expect(settled.get(0)).toMatchObject({
      error: expect.stringMatching(/^not run: worker 1\.\d failed to start/),
    });
    await pool.close();
  });
});
