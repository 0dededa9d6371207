import { describe, expect, it } from 'vitest';
import type { TaskEvent, TaskSpec } from './protocol/executor';
import { ThreadPoolExecutor } from '../main/engine/models/pool-executors';
import { builtHostScripts } from '../test-support/engine-options';
import { AtomicsMutex, MUTEX_SLOTS, mutexOwner } from './atomics-mutex';
import { createRaceBuffer, RACE_SLOTS, type RaceCounterInput } from './workloads/race-counter';

const sharedView = (): Int32Array => new Int32Array(new SharedArrayBuffer(MUTEX_SLOTS * 4));

describe('AtomicsMutex on one thread', () => {
  it('is held by one owner at a time and records who', () => {
    const view = sharedView();
    const a = new AtomicsMutex(view, 0, 1);
    const b = new AtomicsMutex(view, 0, 2);
    expect(mutexOwner(view, 0)).toBeNull();
    expect(a.tryLock()).toBe(true);
    expect(a.held).toBe(true);
    expect(mutexOwner(view, 0)).toBe(1);
    expect(b.tryLock()).toBe(false);
    expect(b.lockWithin(20)).toBe(false);
    a.unlock();
    expect(mutexOwner(view, 0)).toBeNull();
    expect(b.lockWithin(20)).toBe(true);
    expect(mutexOwner(view, 0)).toBe(2);
    b.unlock();
  });

  it('refuses to be locked twice by its owner or unlocked by anyone else', () => {
    const view = sharedView();
    const a = new AtomicsMutex(view, 0, 1);
    a.lock();
    expect(() => a.lock()).toThrow(/locked twice by owner 1/);
    expect(() => new AtomicsMutex(view, 0, 2).unlock()).toThrow(/unlocked by 2, which does not hold it/);
    a.unlock();
    expect(() => a.unlock()).toThrow(/does not hold it/);
  });

  it('needs shared memory, room for its slots and a positive owner id', () => {
    expect(() => new AtomicsMutex(new Int32Array(2), 0, 1)).toThrow(/SharedArrayBuffer/);
    expect(() => new AtomicsMutex(sharedView(), 1, 1)).toThrow(/outside the view/);
    expect(() => new AtomicsMutex(sharedView(), 0, 0)).toThrow(/positive integer/);
  });
});

describe('AtomicsMutex across worker threads', () => {
  async function raceUnderMutex(
    buffer: SharedArrayBuffer,
    workers: number,
    times: number,
    whileRunning?: () => Promise<void>,
  ): Promise<TaskEvent[]> {
    const executor = new ThreadPoolExecutor(builtHostScripts().threadHost, {
      size: workers,
      taskTimeoutMs: null,
    });
    const tasks: TaskSpec[] = Array.from({ length: workers }, (_, i) => {
      const input: RaceCounterInput = {
        buffer,
        workerId: i + 1,
        workers,
        times,
        sync: 'mutex',
        checkpoints: 'none',
      };
      return { workload: 'race-counter', input };
    });
    const events: TaskEvent[] = [];
    try {
      await executor.start();
      const run = executor.run(tasks, (e) => events.push(e), new AbortController().signal);
      await whileRunning?.();
      await run;
    } finally {
      await executor.close();
    }
    expect(events.filter((e) => e.type === 'failed')).toEqual([]);
    return events;
  }

  it('excludes: four threads incrementing under it lose no update', async () => {
    const buffer = createRaceBuffer();
    await raceUnderMutex(buffer, 4, 50_000);
    expect(new Int32Array(buffer)[RACE_SLOTS.counter]).toBe(200_000);
  });

  it('blocks waiting threads while held elsewhere, and wakes them on unlock', async () => {
    const buffer = createRaceBuffer();
    const view = new Int32Array(buffer);
    const here = new AtomicsMutex(view, RACE_SLOTS.mutex, 99);
    expect(here.tryLock()).toBe(true);
    await raceUnderMutex(buffer, 2, 1000, async () => {
      // Both threads get past the start line and then sleep in Atomics.wait on the held mutex.
      await expect.poll(() => view[RACE_SLOTS.startLine], { timeout: 5000 }).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(view[RACE_SLOTS.counter]).toBe(0);
      expect(view[RACE_SLOTS.mutex]).toBe(2); // contended: someone is waiting
      here.unlock();
    });
    expect(view[RACE_SLOTS.counter]).toBe(2000);
  });
});
