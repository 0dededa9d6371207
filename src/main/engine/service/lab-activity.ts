/** What the lab is doing now — a run, or one job or lesson — and the failures handlers report on purpose. */
import type { InvokeChannel, InvokeContract, LabError } from '../../../shared/ipc';
import { isCancellation } from '../errors';
import { LessonInputError } from '../lessons/lesson-environment';

/** The handler of one channel. */
export type Handler<C extends InvokeChannel> = (
  request: InvokeContract[C]['request'],
) => Promise<InvokeContract[C]['reply']>;

/** Handlers of some channels; the service combines them and the compiler checks every channel is there. */
export type HandlerMap<C extends InvokeChannel> = { readonly [K in C]: Handler<K> };

/** A failure a handler reports on purpose, with its code. */
export class LabFailure extends Error {
  constructor(
    readonly code: LabError['code'],
    message: string,
  ) {
    super(message);
  }
}

/** A run in progress. */
export interface ActiveRun {
  readonly runId: string;
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

/** One thing at a time: a run, or a job or lesson. Either would disturb the other's measurements. */
export class LabActivity {
  run: ActiveRun | null = null;
  private exclusive: {
    readonly what: string;
    readonly controller: AbortController;
    readonly done: Promise<unknown>;
  } | null = null;
  closed = false;

  /** Throws a 'busy' failure naming what is in the way, if anything is. */
  assertIdle(): void {
    if (this.closed) throw new LabFailure('busy', 'the lab is shutting down');
    if (this.run) throw new LabFailure('busy', 'a run is in progress: cancel it or wait for it to finish');
    if (this.exclusive)
      throw new LabFailure('busy', `${this.exclusive.what} is running: wait for it to finish or cancel it`);
  }

  /**
   * Runs a job or lesson alone. Cancellation becomes a 'cancelled' failure and bad lesson input an
   * 'invalid-request' one, so the caller always gets a typed reply.
   */
  async exclusively<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.assertIdle();
    const controller = new AbortController();
    const done = work(controller.signal);
    this.exclusive = { what, controller, done };
    try {
      return await done;
    } catch (error) {
      if (isCancellation(error)) throw new LabFailure('cancelled', `${what} was cancelled`);
      if (error instanceof LessonInputError) throw new LabFailure('invalid-request', error.message);
      throw error;
    } finally {
      this.exclusive = null;
    }
  }

  /** Cancels the job or lesson in progress; whether there was one. */
  cancelExclusive(): boolean {
    if (!this.exclusive) return false;
    this.exclusive.controller.abort();
    return true;
  }

  /** Stops whatever runs and waits for it to be gone. */
  async stop(): Promise<void> {
    this.closed = true;
    const { run, exclusive } = this;
    run?.controller.abort();
    exclusive?.controller.abort();
    await Promise.allSettled([run?.done, exclusive?.done]);
  }
}
