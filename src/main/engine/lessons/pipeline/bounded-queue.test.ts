import { describe, expect, it } from 'vitest';
import { BoundedQueue, QueueClosedError } from './bounded-queue';

/** Lets every settled promise's callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function tracked<T>(promise: Promise<T>): { readonly settled: () => boolean; readonly promise: Promise<T> } {
  let done = false;
  const observed = promise.finally(() => (done = true));
  observed.catch(() => undefined);
  return { settled: () => done, promise: observed };
}

describe('BoundedQueue', () => {
  it('refuses a capacity below one', () => {
    expect(() => new BoundedQueue(0)).toThrow(/positive integer/);
  });

  it('blocks put() while full and unblocks it when a take() makes room', async () => {
    const queue = new BoundedQueue<number>(2);
    await queue.put(1);
    await queue.put(2);
    const third = tracked(queue.put(3));
    await settle();
    expect(third.settled()).toBe(false);
    expect(queue.size).toBe(2);
    expect(queue.waitingPutters).toBe(1);
    expect(await queue.take()).toEqual({ done: false, value: 1 });
    await third.promise;
    expect(queue.size).toBe(2);
    expect([await queue.take(), await queue.take()]).toEqual([
      { done: false, value: 2 },
      { done: false, value: 3 },
    ]);
  });

  it('blocks take() while empty and hands the next put() straight to the waiting taker', async () => {
    const queue = new BoundedQueue<string>(1);
    const taken = tracked(queue.take());
    await settle();
    expect(taken.settled()).toBe(false);
    await queue.put('a');
    expect(await taken.promise).toEqual({ done: false, value: 'a' });
    expect(queue.size).toBe(0);
  });

  it('never holds more than its capacity under a fast producer and slow consumers, and keeps FIFO order', async () => {
    const queue = new BoundedQueue<number>(3);
    const seen: number[] = [];
    let maxSeen = 0;
    const producer = (async () => {
      for (let i = 0; i < 200; i++) {
        await queue.put(i);
        maxSeen = Math.max(maxSeen, queue.size);
      }
      queue.close();
    })();
    const consumer = async (): Promise<void> => {
      for (;;) {
        const next = await queue.take();
        if (next.done) return;
        seen.push(next.value);
        if (next.value % 7 === 0) await settle();
      }
    };
    await Promise.all([producer, consumer(), consumer()]);
    expect(maxSeen).toBeLessThanOrEqual(3);
    expect(queue.maxSize).toBe(3);
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('lets consumers drain after close(), then reports done; put() after close() rejects', async () => {
    const queue = new BoundedQueue<number>(4);
    await queue.put(1);
    const waiting = new BoundedQueue<number>(1);
    const pendingTake = waiting.take();
    waiting.close();
    expect(await pendingTake).toEqual({ done: true });
    queue.close();
    await expect(queue.put(2)).rejects.toBeInstanceOf(QueueClosedError);
    expect(await queue.take()).toEqual({ done: false, value: 1 });
    expect(await queue.take()).toEqual({ done: true });
  });

  it('fails waiting producers and consumers on cancel()', async () => {
    const full = new BoundedQueue<number>(1);
    await full.put(1);
    const blockedPut = full.put(2);
    full.cancel(new Error('stop'));
    await expect(blockedPut).rejects.toThrow('stop');
    await expect(full.take()).rejects.toThrow('stop');

    const empty = new BoundedQueue<number>(1);
    const blockedTake = empty.take();
    empty.cancel();
    await expect(blockedTake).rejects.toBeInstanceOf(QueueClosedError);
  });
});
