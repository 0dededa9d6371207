/**
 * A FIFO queue with a capacity, for async producers and consumers: put() waits while the queue is
 * full (backpressure: a fast producer is slowed to the consumers' pace), take() waits while it is
 * empty, close() lets consumers drain what is left and then tells them the stream has ended.
 */

/** What take() yields: an item, or the end of a closed and drained queue. */
export type Taken<T> = { readonly done: false; readonly value: T } | { readonly done: true };

/** Raised by put() on a closed queue, and by every waiting or later call after cancel(). */
export class QueueClosedError extends Error {
  constructor(message = 'the queue is closed') {
    super(message);
    this.name = 'QueueClosedError';
  }
}

interface Putter<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

interface Taker<T> {
  readonly resolve: (taken: Taken<T>) => void;
  readonly reject: (error: Error) => void;
}

/** A bounded FIFO queue with waiting put and take. */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private readonly putters: Putter<T>[] = [];
  private readonly takers: Taker<T>[] = [];
  private isClosed = false;
  private failure: Error | null = null;
  private highWater = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`queue capacity must be a positive integer (got ${capacity})`);
  }

  /** Items in the queue now (never more than the capacity). */
  get size(): number {
    return this.items.length;
  }

  /** The most items the queue has held at once. */
  get maxSize(): number {
    return this.highWater;
  }

  /** Producers waiting for room. */
  get waitingPutters(): number {
    return this.putters.length;
  }

  /** Whether close() or cancel() was called. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Adds an item, waiting first while the queue is full; rejects once the queue is closed. */
  put(item: T): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.isClosed) return Promise.reject(new QueueClosedError());
    const taker = this.takers.shift();
    if (taker) {
      taker.resolve({ done: false, value: item });
      return Promise.resolve();
    }
    if (this.items.length < this.capacity) {
      this.push(item);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.putters.push({ item, resolve, reject }));
  }

  /** Removes the oldest item, waiting while the queue is empty; `done` once it is closed and empty. */
  take(): Promise<Taken<T>> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.items.length > 0) {
      const value = this.items.shift() as T;
      const putter = this.putters.shift();
      if (putter) {
        this.push(putter.item);
        putter.resolve();
      }
      return Promise.resolve({ done: false, value });
    }
    if (this.isClosed) return Promise.resolve({ done: true });
    return new Promise((resolve, reject) => this.takers.push({ resolve, reject }));
  }

  /** No more puts; waiting and later takes drain the items, then get `done`. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    // With takers waiting the queue is empty, so no putter can be waiting either.
    for (const taker of this.takers.splice(0)) taker.resolve({ done: true });
  }

  /** Drops every item and fails every waiting and later put and take with `error`. */
  cancel(error: Error = new QueueClosedError('the queue was cancelled')): void {
    this.isClosed = true;
    this.failure = error;
    this.items.length = 0;
    for (const putter of this.putters.splice(0)) putter.reject(error);
    for (const taker of this.takers.splice(0)) taker.reject(error);
  }

  private push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.highWater) this.highWater = this.items.length;
  }
}
