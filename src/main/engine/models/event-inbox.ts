/**
 * Task events from a loop thread, handed to the engine at most `perTurn` in a turn of the event
 * loop, and for at most `budgetMs` of it: a burst (100,000 async tasks finishing in under a second)
 * arrives as many messages in one turn, and the serving process must not handle them all before it
 * answers anything else. On 2 busy cores 1,024 events took about 5 ms of a turn (bench (e)'s async
 * burst, profiled): the time budget keeps a turn near 2 ms whatever the machine.
 */
import type { TaskEvent, TaskEventListener } from '../../../workers/protocol/executor';
import type { EventReader } from '../../../workers/protocol/packed-events';

/** How the inbox gets its next turn; returns how to take that back. */
export type ScheduleTurn = (work: () => void) => () => void;

/** Events handled between two readings of the clock. */
const CLOCK_EVERY = 64;

const nextImmediate: ScheduleTurn = (work) => {
  const immediate = setImmediate(work);
  return () => clearImmediate(immediate);
};

function isReader(events: readonly TaskEvent[] | EventReader): events is EventReader {
  return !Array.isArray(events);
}

/** An array's events, read in order. */
function readArray(events: readonly TaskEvent[]): EventReader {
  let next = 0;
  return { length: events.length, next: () => events[next++]! };
}

/** One run's events, in the order they came. */
export class EventInbox {
  private readonly batches: EventReader[] = [];
  private next = 0;
  private cancelTurn: (() => void) | null = null;
  private whenEmpty: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly listener: TaskEventListener,
    private readonly perTurn = 1024,
    private readonly schedule: ScheduleTurn = nextImmediate,
    private readonly budgetMs = 2,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * A message's events (as objects, or packed and read one at a time): handled now if this turn has
   * handled none yet, else in a later turn, in order.
   */
  push(events: readonly TaskEvent[] | EventReader): void {
    if (this.stopped) return;
    this.batches.push(isReader(events) ? events : readArray(events));
    if (!this.cancelTurn) this.drain();
  }

  /** Calls `done` once every event pushed so far has been handled (at once if none waits). */
  end(done: () => void): void {
    if (this.batches.length === 0) done();
    else this.whenEmpty = done;
  }

  /** Handles nothing more (the run failed or was cancelled). */
  stop(): void {
    this.stopped = true;
    this.cancelTurn?.();
    this.cancelTurn = null;
    this.batches.length = 0;
  }

  private drain(): void {
    this.cancelTurn = null;
    const startedAt = this.now();
    let handled = 0;
    let timeLeft = true;
    while (this.batches.length > 0 && handled < this.perTurn && timeLeft && !this.stopped) {
      const events = this.batches[0]!;
      const until = Math.min(events.length, this.next + this.perTurn - handled);
      // Counted before it is handled: a reader cannot give an event twice, so one that threw is not retried.
      while (this.next < until && timeLeft) {
        const event = events.next();
        this.next++;
        handled++;
        this.listener(event);
        if (handled % CLOCK_EVERY === 0) timeLeft = this.now() - startedAt < this.budgetMs;
      }
      if (this.next >= events.length) {
        this.batches.shift();
        this.next = 0;
      }
    }
    if (this.stopped) return;
    // What else comes in this turn waits for the next one: a turn handles at most perTurn events, in budgetMs.
    if (handled > 0 || this.batches.length > 0) this.cancelTurn = this.schedule(() => this.drain());
    if (this.batches.length === 0) {
      const done = this.whenEmpty;
      this.whenEmpty = null;
      done?.();
    }
  }
}
