import { describe, expect, it } from 'vitest';
import type { TaskEvent, TaskSpec } from './protocol/executor';
import { GilThreadPoolExecutor } from '../main/engine/models/pool-executors';
import { builtHostScripts } from '../test-support/engine-options';
import { SimulatedGil } from './gil';
import { createGilBuffer, gilHolder, releaseIfHeldBy, setSwitchInterval } from './protocol/gil-memory';
import type { TaskGilUsage } from './protocol/host-messages';

type Finished = Extract<TaskEvent, { type: 'finished' }>;

async function runUnderGil(
  tasks: TaskSpec[],
  threads: number,
  switchIntervalMs: number,
): Promise<Finished[]> {
  const executor = new GilThreadPoolExecutor(builtHostScripts().threadHost, {
    size: threads,
    taskTimeoutMs: null,
    switchIntervalMs,
  });
  const events: TaskEvent[] = [];
  try {
    await executor.start();
    await executor.run(tasks, (event) => events.push(event), new AbortController().signal);
  } finally {
    await executor.close();
  }
  const failed = events.filter((e) => e.type === 'failed');
  expect(failed).toEqual([]);
  return events.filter((e): e is Finished => e.type === 'finished');
}

function holdsByLane(finished: Finished[]): { lane: number; start: number; end: number }[] {
  return finished
    .flatMap((e) => (e.gil as TaskGilUsage).holds.map(([start, end]) => ({ lane: e.lane, start, end })))
    .sort((a, b) => a.start - b.start);
}

const primes = (i: number, width: number): TaskSpec => ({
  workload: 'count-primes',
  input: { start: 1e9 + i * width, end: 1e9 + (i + 1) * width },
});

describe('SimulatedGil on one thread', () => {
  it('is held by exactly one lane between acquire and release', () => {
    const buffer = createGilBuffer(5);
    const gil = new SimulatedGil(buffer, 4);
    expect(gilHolder(buffer)).toBeNull();
    gil.acquire();
    expect(gilHolder(buffer)).toBe(4);
    expect(gil.held).toBe(true);
    expect(() => gil.acquire()).toThrow(/twice/);
    gil.release();
    expect(gilHolder(buffer)).toBeNull();
    expect(() => gil.release()).toThrow(/does not hold/);
  });

  it('accounts hold intervals and starts afresh after takeUsage()', () => {
    const gil = new SimulatedGil(createGilBuffer(5), 1);
    gil.acquire();
    gil.release();
    gil.acquire();
    gil.release();
    const usage = gil.takeUsage();
    expect(usage.holds).toHaveLength(2);
    expect(usage.switches).toBe(0);
    expect(gil.takeUsage().holds).toHaveLength(0);
  });

  it('does not give the GIL up at a checkpoint when nobody asked for it', () => {
    const gil = new SimulatedGil(createGilBuffer(0.1), 1);
    gil.acquire();
    for (let i = 0; i < 1000; i++) gil.checkpoint();
    gil.release();
    expect(gil.takeUsage()).toMatchObject({ switches: 0, holds: [expect.any(Array)] });
  });

  it('accepts a new switch interval while in use (sys.setswitchinterval)', () => {
    const buffer = createGilBuffer(5);
    const view = new Int32Array(buffer);
    setSwitchInterval(buffer, 0.5);
    expect(view).toContain(500);
  });
});

describe('SimulatedGil across worker threads', () => {
  it('excludes: a plain read-then-write counter loses no update when the GIL cannot switch mid-increment', async () => {
    const buffer = new SharedArrayBuffer(4);
    const times = 200_000;
    const tasks: TaskSpec[] = Array.from({ length: 4 }, () => ({
      workload: 'shared-counter',
      input: { buffer, index: 0, times, checkpointInside: false },
    }));
    const finished = await runUnderGil(tasks, 4, 1);
    expect(new Int32Array(buffer)[0]).toBe(4 * times);
    // No two lanes ever held the GIL at once (timestamps are on the one shared clock).
    const holds = holdsByLane(finished);
    for (let i = 1; i < holds.length; i++) {
      if (holds[i]!.lane !== holds[i - 1]!.lane)
        expect(holds[i]!.start).toBeGreaterThanOrEqual(holds[i - 1]!.end - 0.05);
    }
  });

  it('does not make += atomic: with a checkpoint between read and write, updates are lost', async () => {
    const buffer = new SharedArrayBuffer(4);
    const times = 300_000;
    const tasks: TaskSpec[] = Array.from({ length: 2 }, () => ({
      workload: 'shared-counter',
      input: { buffer, index: 0, times, checkpointInside: true },
    }));
    const finished = await runUnderGil(tasks, 2, 1);
    const switches = finished.reduce((n, e) => n + (e.gil?.switches ?? 0), 0);
    expect(switches).toBeGreaterThan(0);
    expect(new Int32Array(buffer)[0]).toBeLessThan(2 * times);
  });

  it('makes CPU-bound threads take turns, releasing at the switch interval', async () => {
    const finished = await runUnderGil([primes(0, 120_000), primes(1, 120_000)], 2, 2);
    const holds = holdsByLane(finished);
    let handovers = 0;
    for (let i = 1; i < holds.length; i++) if (holds[i]!.lane !== holds[i - 1]!.lane) handovers++;
    expect(handovers).toBeGreaterThan(5);
    expect(finished.every((e) => (e.gil?.switches ?? 0) > 0)).toBe(true);
  });

  it('switches more often with a shorter interval', async () => {
    const count = async (intervalMs: number): Promise<number> =>
      (await runUnderGil([primes(0, 150_000), primes(1, 150_000)], 2, intervalMs)).reduce(
        (n, e) => n + (e.gil?.switches ?? 0),
        0,
      );
    const fast = await count(1);
    const slow = await count(40);
    expect(fast).toBeGreaterThan(2 * slow);
  });

  it('is released around I/O, so waits overlap under the GIL', async () => {
    const sleeps: TaskSpec[] = Array.from({ length: 4 }, (_, token) => ({
      workload: 'sleep',
      input: { ms: 300, token },
    }));
    const finished = await runUnderGil(sleeps, 4, 5);
    const latestStart = Math.max(...finished.map((e) => e.startedAt));
    const earliestEnd = Math.min(...finished.map((e) => e.endedAt));
    expect(latestStart).toBeLessThan(earliestEnd);
    for (const e of finished) expect(e.gil!.holdMs).toBeLessThan((e.endedAt - e.startedAt) / 2);
  });
});

describe('releaseIfHeldBy', () => {
  it('frees the GIL of a holder that is gone, and only of that holder', () => {
    const buffer = createGilBuffer(5);
    const gil = new SimulatedGil(buffer, 7);
    gil.acquire();
    expect(releaseIfHeldBy(buffer, 8)).toBe(false);
    expect(gilHolder(buffer)).toBe(7);
    expect(releaseIfHeldBy(buffer, 7)).toBe(true);
    expect(gilHolder(buffer)).toBeNull();
    const other = new SimulatedGil(buffer, 9);
    other.acquire();
    expect(gilHolder(buffer)).toBe(9);
  });
});
