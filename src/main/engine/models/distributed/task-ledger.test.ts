import { describe, expect, it } from 'vitest';
import { TaskLedger } from './task-ledger';

describe('task ledger', () => {
  it('counts the first result of a task and every later one as a duplicate', () => {
    const ledger = new TaskLedger(2);
    expect(ledger.settle(0)).toBe(true);
    expect(ledger.settle(0)).toBe(false);
    expect(ledger.settled).toBe(1);
    expect(ledger.duplicates).toBe(1);
    expect(ledger.done).toBe(false);
    expect(ledger.settle(1)).toBe(true);
    expect(ledger.done).toBe(true);
  });

  it('knows only its own tasks and sequences', () => {
    const ledger = new TaskLedger(3);
    ledger.stored(2, 41);
    expect(ledger.taskAt(41)).toBe(2);
    expect(ledger.taskAt(40)).toBeUndefined();
    expect([ledger.has(0), ledger.has(2), ledger.has(3), ledger.has(-1), ledger.has(1.5)]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('reports the attempt a redelivery interrupted, once', () => {
    const ledger = new TaskLedger(1);
    const first = { workerId: 'a', lane: 0, delivery: 1, startedAt: 10 };
    expect(ledger.start(0, first)).toEqual({ kind: 'new', interrupted: null });
    expect(ledger.start(0, first)).toEqual({ kind: 'repeat' });
    const second = { workerId: 'b', lane: 1, delivery: 2, startedAt: 50 };
    expect(ledger.start(0, second)).toEqual({ kind: 'new', interrupted: first });
    expect(ledger.redeliveries).toBe(1);
    expect(ledger.tasksOn('b')).toEqual([0]);
    expect(ledger.tasksOn('a')).toEqual([]);
  });

  it('forgets an abandoned attempt, so the redelivery interrupts nothing more', () => {
    const ledger = new TaskLedger(1);
    ledger.start(0, { workerId: 'a', lane: 0, delivery: 1, startedAt: 10 });
    expect(ledger.abandon(0)?.workerId).toBe('a');
    expect(ledger.start(0, { workerId: 'b', lane: 1, delivery: 2, startedAt: 50 })).toEqual({
      kind: 'new',
      interrupted: null,
    });
  });
});
