import { describe, expect, it } from 'vitest';
import { epochNow } from '../../shared/clock';
import { measuringContext } from '../../test-support/measuring-context';
import { createLockPairBuffer, lockPairWorkload, readLockEvents } from './lock-pair';

describe('lockPairWorkload on one thread', () => {
  it('takes both locks in order, releases them, and logs it all', async () => {
    const buffer = createLockPairBuffer();
    const output = await lockPairWorkload(
      {
        buffer,
        workerId: 1,
        workers: 1,
        order: [1, 0],
        pauseMs: 1,
        reportEveryMs: 100,
        originEpoch: epochNow(),
      },
      measuringContext(),
    );
    expect(output.workerId).toBe(1);
    const events = readLockEvents(buffer);
    expect(events.map((e) => `${e.kind}:${e.lock}`)).toEqual([
      'acquired:1',
      'acquired:0',
      'released:0',
      'released:1',
      'done:-1',
    ]);
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.atMs).toBeGreaterThanOrEqual(events[i - 1]!.atMs);
  });

  it('stops logging when the log is full instead of writing past it', async () => {
    const buffer = createLockPairBuffer(2);
    await lockPairWorkload(
      {
        buffer,
        workerId: 1,
        workers: 1,
        order: [0, 1],
        pauseMs: 1,
        reportEveryMs: 100,
        originEpoch: epochNow(),
      },
      measuringContext(),
    );
    expect(readLockEvents(buffer)).toHaveLength(2);
  });
});
