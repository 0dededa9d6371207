import { describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../test-support/engine-options';
import type { Executor, TaskEvent, TaskSpec } from '../../../workers/protocol/executor';
import { GilThreadPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor } from './pool-executors';
import { forkSpawner } from './process-spawner';

const scripts = builtHostScripts();

type Kind = 'threads' | 'gil-threads' | 'processes';

function makeExecutor(
  kind: Kind,
  options: { size?: number; taskTimeoutMs?: number | null; memoryMb?: number } = {},
): Executor {
  const common = {
    size: options.size ?? 2,
    taskTimeoutMs: options.taskTimeoutMs ?? null,
    memoryMb: options.memoryMb,
  };
  if (kind === 'threads') return new ThreadPoolExecutor(scripts.threadHost, common);
  if (kind === 'gil-threads')
    return new GilThreadPoolExecutor(scripts.threadHost, { ...common, switchIntervalMs: 5 });
  return new ProcessPoolExecutor(scripts.processHost, forkSpawner, common);
}

async function runAll(executor: Executor, tasks: TaskSpec[]): Promise<TaskEvent[]> {
  const events: TaskEvent[] = [];
  try {
    await executor.start();
    await executor.run(tasks, (event) => events.push(event), new AbortController().signal);
  } finally {
    await executor.close();
  }
  return events;
}

const sleep = (token: number, ms = 20): TaskSpec => ({ workload: 'sleep', input: { ms, token } });
const fault = (kind: 'throw' | 'exit' | 'oom' | 'hang', message?: string): TaskSpec => ({
  workload: 'fault',
  input: { kind, message },
});

function settled(events: TaskEvent[]): Map<number, TaskEvent> {
  const byTask = new Map<number, TaskEvent>();
  for (const e of events) if (e.type === 'finished' || e.type === 'failed') byTask.set(e.task, e);
  return byTask;
}

describe.each<Kind>(['threads', 'gil-threads', 'processes'])('%s pool', (kind) => {
  it('runs every task once and returns each output', async () => {
    const events = await runAll(
      makeExecutor(kind),
      Array.from({ length: 6 }, (_, i) => sleep(i)),
    );
    const done = settled(events);
    expect([...done.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const [task, e] of done) expect(e).toMatchObject({ type: 'finished', output: { token: task } });
  });

  it('reports a task that throws as failed with its message, and goes on', async () => {
    const events = await runAll(makeExecutor(kind), [sleep(0), fault('throw', 'disk on fire'), sleep(2)]);
    const done = settled(events);
    expect(done.get(1)).toMatchObject({ type: 'failed', error: 'disk on fire' });
    expect(done.get(0)?.type).toBe('finished');
    expect(done.get(2)?.type).toBe('finished');
  });

  it('fails the task of a worker that exits mid-task, replaces the worker, and loses no task', async () => {
    const tasks = [sleep(0), fault('exit'), sleep(2), sleep(3), sleep(4)];
    const events = await runAll(makeExecutor(kind), tasks);
    const done = settled(events);
    expect(done.size).toBe(tasks.length);
    expect(done.get(1)).toMatchObject({ type: 'failed', error: expect.stringMatching(/exited with code 3/) });
    expect([0, 2, 3, 4].every((t) => done.get(t)?.type === 'finished')).toBe(true);
    // The replacement is announced as a lane event after the run started.
    const relabels = events.filter((e) => e.type === 'lane').length;
    expect(relabels).toBeGreaterThan(2);
  });

  it('fails a stuck task at the timeout, replaces its worker, and finishes the others', async () => {
    const tasks = [fault('hang'), sleep(1), sleep(2), sleep(3)];
    const events = await runAll(makeExecutor(kind, { taskTimeoutMs: 400 }), tasks);
    const done = settled(events);
    expect(done.size).toBe(tasks.length);
    expect(done.get(0)).toMatchObject({
      type: 'failed',
      error: expect.stringMatching(/timed out after 400 ms/),
    });
    // Under the GIL a stuck holder stalls every thread, so the task queued beside it may time out too.
    const mayStall = kind === 'gil-threads' ? [1] : [];
    expect(
      [1, 2, 3].filter((t) => !mayStall.includes(t)).every((t) => done.get(t)?.type === 'finished'),
    ).toBe(true);
  });
});

describe.each<Kind>(['threads', 'processes'])('%s pool out of memory', (kind) => {
  it('fails the task of a worker that runs out of memory and replaces it', async () => {
    const tasks = [fault('oom'), sleep(1), sleep(2)];
    const events = await runAll(makeExecutor(kind, { memoryMb: 48 }), tasks);
    const done = settled(events);
    expect(done.get(0)).toMatchObject({ type: 'failed', error: expect.stringMatching(/ran out of memory/) });
    expect(done.get(1)?.type).toBe('finished');
    expect(done.get(2)?.type).toBe('finished');
  });
});

describe('process pool', () => {
  it('measures the CPU time of its children', async () => {
    const executor = makeExecutor('processes');
    const tasks: TaskSpec[] = [0, 1].map((i) => ({
      workload: 'count-primes',
      input: { start: 1e9 + i * 30_000, end: 1e9 + (i + 1) * 30_000 },
    }));
    try {
      await executor.start();
      await executor.run(tasks, () => undefined, new AbortController().signal);
      expect(executor.childUsage().cpuMs).toBeGreaterThan(0);
      expect(executor.childUsage().rssBytes).toBeGreaterThan(0);
    } finally {
      await executor.close();
    }
  });

  it('refuses the calling-thread-only guard: an exit fault on the calling thread is an error, not an exit', async () => {
    const { faultWorkload } = await import('../../../workers/workloads/fault');
    const { measuringContext } = await import('../scenarios/calibrate');
    await expect(faultWorkload({ kind: 'exit' }, measuringContext())).rejects.toThrow(
      /only runs in a pool worker/,
    );
  });
});
