/**
 * A mutex in shared memory, built on Atomics the way a futex mutex is built (Drepper, "Futexes Are
 * Tricky", mutex 3): one state word — 0 unlocked, 1 locked, 2 locked with waiters — so an
 * uncontended lock and unlock cost one atomic operation each, and only contention sleeps in
 * Atomics.wait. A second word records the owner, so a waiter can say whom it waits for.
 */

/** Int32 slots one mutex occupies in its view: the state and the owner. */
export const MUTEX_SLOTS = 2;

const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2;

/** The owner id recorded in a mutex, or null when it is free (a snapshot: it may change at once). */
export function mutexOwner(view: Int32Array, index: number): number | null {
  const owner = Atomics.load(view, index + 1);
  return owner === 0 ? null : owner;
}

/** One thread's handle on a mutex stored at `view[index]` and `view[index + 1]`. Not re-entrant. */
export class AtomicsMutex {
  private readonly stateIndex: number;
  private readonly ownerIndex: number;

  /** `ownerId` identifies this thread to other waiters; it must be a positive integer. */
  constructor(
    private readonly view: Int32Array,
    index: number,
    private readonly ownerId: number,
  ) {
    if (!Number.isInteger(ownerId) || ownerId <= 0)
      throw new RangeError(`mutex owner id must be a positive integer (got ${ownerId})`);
    if (!(view.buffer instanceof SharedArrayBuffer))
      throw new TypeError('an AtomicsMutex needs an Int32Array over a SharedArrayBuffer');
    if (index < 0 || index + MUTEX_SLOTS > view.length)
      throw new RangeError(`mutex slots ${index}..${index + 1} are outside the view (length ${view.length})`);
    this.stateIndex = index;
    this.ownerIndex = index + 1;
  }

  /** Takes the mutex if it is free, without waiting; true when taken. */
  tryLock(): boolean {
    this.refuseRelock();
    if (Atomics.compareExchange(this.view, this.stateIndex, UNLOCKED, LOCKED) !== UNLOCKED) return false;
    this.markOwned();
    return true;
  }

  /** Blocks this thread until it holds the mutex. */
  lock(): void {
    this.lockWithin(Infinity);
  }

  /** Blocks up to `timeoutMs` for the mutex; true when taken, false when the time ran out first. */
  lockWithin(timeoutMs: number): boolean {
    this.refuseRelock();
    const view = this.view;
    const at = this.stateIndex;
    let state = Atomics.compareExchange(view, at, UNLOCKED, LOCKED);
    if (state !== UNLOCKED) {
      const deadline = performance.now() + timeoutMs;
      // Marking the state contended before sleeping is what makes unlock() wake us.
      if (state !== CONTENDED) state = Atomics.exchange(view, at, CONTENDED);
      while (state !== UNLOCKED) {
        const remaining = deadline - performance.now();
        if (remaining <= 0) return false;
        Atomics.wait(view, at, CONTENDED, remaining);
        state = Atomics.exchange(view, at, CONTENDED);
      }
    }
    this.markOwned();
    return true;
  }

  /** Lets the mutex go, waking one waiter if there is any. */
  unlock(): void {
    if (Atomics.load(this.view, this.ownerIndex) !== this.ownerId)
      throw new Error(`mutex unlocked by ${this.ownerId}, which does not hold it`);
    Atomics.store(this.view, this.ownerIndex, 0);
    if (Atomics.sub(this.view, this.stateIndex, 1) !== LOCKED) {
      Atomics.store(this.view, this.stateIndex, UNLOCKED);
      Atomics.notify(this.view, this.stateIndex, 1);
    }
  }

  /** Whether this handle's owner holds the mutex now. */
  get held(): boolean {
    return Atomics.load(this.view, this.ownerIndex) === this.ownerId;
  }

  private refuseRelock(): void {
    // Waiting for a mutex one already holds would never end: say so instead.
    if (this.held) throw new Error(`mutex locked twice by owner ${this.ownerId}`);
  }

  private markOwned(): void {
    Atomics.store(this.view, this.ownerIndex, this.ownerId);
  }
}
