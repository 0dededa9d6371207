/**
 * A burst from the loop thread (async finishing 20,000 waits at once) arrives as many messages
 * together; handed over a bounded number a turn (see event-inbox.test.ts), every event still
 * arrives, in order, before the run ends.
 */
import { describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../test-support/engine-options';
import type { TaskEvent, TaskSpec } from '../../../workers/protocol/executor';
import { DedicatedThreadExecutor } from './dedicated-thread-executor';

describe('DedicatedThreadExecutor', () => {
  it('hands over every event of a burst, each start before its end, before the run ends', async () => {
    const tasks: TaskSpec[] = Array.from({ length: 20_000 }, (_, token) => ({
      workload: 'sleep',
      input: { ms: 1, token },
    }));
    const executor = new DedicatedThreadExecutor(builtHostScripts().loopThreadHost, {
      model: 'async',
      concurrency: null,
      yieldEveryMs: 100,
    });
    const finished: number[] = [];
    const events: TaskEvent[] = [];
    await executor.start();
    try {
      await executor.run(
        tasks,
        (event) => {
          events.push(event);
          if (event.type === 'finished') finished.push(event.task);
        },
        new AbortController().signal,
      );
    } finally {
      await executor.close();
    }
    expect(new Set(finished).size).toBe(tasks.length);
    // Each task's start came before its end.
    const startedAt = new Map<number, number>();
    events.forEach((event, index) => {
      if (event.type === 'started') startedAt.set(event.task, index);
      if (event.type === 'finished') expect(startedAt.get(event.task)).toBeLessThan(index);
    });
  }, 60_000);
});
