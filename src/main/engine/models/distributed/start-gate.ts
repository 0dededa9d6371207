/** A start-up that waits for something to become true: opens when it does, fails on a failure, a timeout or an abort. */
import { CancelledError } from '../../errors';

/** What the gate waits for. */
export interface StartGateOptions {
  readonly ready: () => boolean;
  /** Why it can never open (a worker that could not join), or null. */
  readonly failure: () => string | null;
  readonly timeoutMs: number;
  /** The error message when the time is up. */
  readonly timedOut: () => string;
  readonly signal: AbortSignal;
}

/** Waits until `ready()`; check() re-examines after every change. */
export class StartGate {
  /** Resolves when ready; rejects with the failure, the timeout, or a CancelledError. */
  readonly opened: Promise<void>;
  private settle!: (error?: Error) => void;

  constructor(private readonly options: StartGateOptions) {
    this.opened = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(new Error(options.timedOut())), options.timeoutMs);
      const onAbort = (): void => this.settle(new CancelledError());
      options.signal.addEventListener('abort', onAbort, { once: true });
      let settled = false;
      this.settle = (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      if (options.signal.aborted) onAbort();
    });
    this.check();
  }

  /** Opens the gate if ready, or fails it if it never can be. */
  check(): void {
    const failure = this.options.failure();
    if (failure) this.settle(new Error(failure));
    else if (this.options.ready()) this.settle();
  }

  /** Fails the start with this error. */
  fail(error: Error): void {
    this.settle(error);
  }
}
