import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../workers/protocol/executor';
import { packEvents, PackedEventReader } from '../../../workers/protocol/packed-events';
import { EventInbox } from './event-inbox';

const batch = (from: number, count: number): TaskEvent[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'started', task: from + i, lane: 0, at: 0 }));

/** An inbox whose turns the test runs by hand. */
function inboxWithTurns(perTurn: number) {
  const handled: number[] = [];
  const turns: (() => void)[] = [];
  const inbox = new EventInbox(
    (event) => handled.push((event as { task: number }).task),
    perTurn,
    (work) => {
      turns.push(work);
      return () => turns.splice(turns.indexOf(work), 1);
    },
  );
  const turn = (): void => turns.shift()?.();
  return { inbox, handled, turns, turn };
}

describe('EventInbox', () => {
  it('handles a burst of messages a bounded number a turn, in order, and ends after the last', () => {
    const { inbox, handled, turns, turn } = inboxWithTurns(1024);
    let ended = false;
    // Three 1,024-event messages and the end arrive in one turn, as a burst does.
    inbox.push(batch(0, 1024));
    inbox.push(batch(1024, 1024));
    inbox.push(batch(2048, 1000));
    inbox.end(() => (ended = true));
    expect(handled).toHaveLength(1024);
    expect(ended).toBe(false);
    turn();
    expect(handled).toHaveLength(2048);
    turn();
    expect(handled).toHaveLength(3048);
    expect(ended).toBe(true);
    // One more turn, in which nothing came: the inbox then waits for the next message.
    turn();
    expect(turns).toHaveLength(0);
    expect(handled).toEqual(Array.from({ length: 3048 }, (_, i) => i));
  });

  it('splits a message bigger than a turn, and ends at once when nothing waits', () => {
    const { inbox, handled, turn } = inboxWithTurns(100);
    inbox.push(batch(0, 250));
    expect(handled).toHaveLength(100);
    turn();
    turn();
    expect(handled).toHaveLength(250);
    let ended = false;
    inbox.end(() => (ended = true));
    expect(ended).toBe(true);
  });

  it('handles nothing more once stopped (a failed or cancelled run)', () => {
    const { inbox, handled, turns } = inboxWithTurns(10);
    inbox.push(batch(0, 30));
    inbox.stop();
    inbox.push(batch(30, 5));
    expect(handled).toHaveLength(10);
    expect(turns).toHaveLength(0);
  });

  it('reads packed messages across turns as it reads arrays: in order, each event once', () => {
    const { inbox, handled, turn } = inboxWithTurns(100);
    let ended = false;
    inbox.push(new PackedEventReader(packEvents(batch(0, 250)).packed));
    inbox.push(new PackedEventReader(packEvents(batch(250, 30)).packed));
    inbox.end(() => (ended = true));
    expect(handled).toHaveLength(100);
    turn();
    turn();
    expect(ended).toBe(true);
    expect(handled).toEqual(Array.from({ length: 280 }, (_, i) => i));
  });

  it('ends a turn once its time is spent, however few events it handled, and loses none', () => {
    const handled: number[] = [];
    const turns: (() => void)[] = [];
    // Each event takes 0.01 ms of a clock that moves only as events are handled: 2 ms is 200 events,
    // read every 64, so a turn stops at 256.
    const clock = { ms: 0 };
    const inbox = new EventInbox(
      (event) => {
        clock.ms += 0.01;
        handled.push((event as { task: number }).task);
      },
      1024,
      (work) => {
        turns.push(work);
        return () => turns.splice(turns.indexOf(work), 1);
      },
      2,
      () => clock.ms,
    );
    let ended = false;
    inbox.push(batch(0, 1024));
    inbox.push(batch(1024, 500));
    inbox.end(() => (ended = true));
    const perTurn = [handled.length];
    while (turns.length > 0) {
      const before = handled.length;
      turns.shift()!();
      perTurn.push(handled.length - before);
    }
    // Five full turns of 256, the rest in the sixth, and a last one that finds nothing more.
    expect(perTurn).toEqual([256, 256, 256, 256, 256, 244, 0]);
    expect(handled).toEqual(Array.from({ length: 1524 }, (_, task) => task));
    expect(ended).toBe(true);
  });

  it('goes on after the event whose handling threw, rather than reading past a message', () => {
    const handled: number[] = [];
    const turns: (() => void)[] = [];
    const inbox = new EventInbox(
      (event) => {
        const task = (event as { task: number }).task;
        if (task === 1) throw new Error('the listener broke');
        handled.push(task);
      },
      10,
      (work) => {
        turns.push(work);
        return () => turns.splice(turns.indexOf(work), 1);
      },
    );
    expect(() => inbox.push(new PackedEventReader(packEvents(batch(0, 3)).packed))).toThrow(/listener broke/);
    inbox.push(batch(3, 1));
    let ended = false;
    inbox.end(() => (ended = true));
    expect(handled).toEqual([0, 2, 3]);
    expect(ended).toBe(true);
  });
});
