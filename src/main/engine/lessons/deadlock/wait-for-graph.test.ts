import { describe, expect, it } from 'vitest';
import type { LockEvent } from '../../../../workers/workloads/lock-pair';
import { findWaitCycle, openWaits, type WaitForEdge } from './wait-for-graph';

const edge = (waiter: number, holder: number, lock = 0): WaitForEdge => ({
  waiter,
  lock,
  holder,
  waitedMs: 100,
});

const event = (workerId: number, kind: LockEvent['kind'], lock: number, holder = 0): LockEvent => ({
  atMs: 0,
  workerId,
  kind,
  lock,
  holder,
  waitedMs: 0,
});

describe('findWaitCycle', () => {
  it('finds two workers waiting on each other, from the lowest waiter', () => {
    expect(findWaitCycle([edge(2, 1, 0), edge(1, 2, 1)])).toEqual([edge(1, 2, 1), edge(2, 1, 0)]);
  });

  it('finds a longer cycle and leaves out a worker that only waits on it', () => {
    const cycle = findWaitCycle([edge(4, 2), edge(2, 3), edge(3, 5), edge(5, 2)]);
    expect(cycle?.map((e) => e.waiter)).toEqual([2, 3, 5]);
  });

  it('sees no cycle in a chain of waits', () => {
    expect(findWaitCycle([edge(1, 2), edge(2, 3)])).toBeNull();
    expect(findWaitCycle([])).toBeNull();
  });
});

describe('openWaits', () => {
  it('keeps only timed-out waits that have not ended', () => {
    const events = [
      event(1, 'acquired', 0),
      event(2, 'acquired', 1),
      event(1, 'waiting', 1, 2),
      event(1, 'wait-report', 1, 2),
      event(2, 'wait-report', 0, 1),
      event(2, 'acquired', 0),
    ];
    expect(openWaits(events).map((e) => [e.waiter, e.holder, e.lock])).toEqual([[1, 2, 1]]);
  });
});
