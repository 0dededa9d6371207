/**
 * How much one window may ask of the server: a token bucket of messages (a steady rate and a burst)
 * and a cap on requests awaiting their reply. A window far over its budget is misbehaving, not
 * unlucky, and is closed.
 */

/** A window's budget. */
export interface RequestLimits {
  /** Messages a second, sustained. */
  readonly perSecond: number;
  /** Messages at once after a quiet spell. */
  readonly burst: number;
  /** Requests awaiting their reply at once. */
  readonly inFlight: number;
  /** Refusals within ten seconds after which the window is closed. */
  readonly closeAfterRefusals: number;
}

/** The defaults: far above what the UI sends (a few requests per click), far below a flood. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  perSecond: 20,
  burst: 60,
  inFlight: 16,
  closeAfterRefusals: 200,
};

/** What to do with one message. */
export type BudgetVerdict =
  | { readonly kind: 'accept' }
  | { readonly kind: 'refuse'; readonly message: string }
  | { readonly kind: 'close'; readonly reason: string };

/** One window's budget as it is spent. */
export class RequestBudget {
  private tokens: number;
  private last: number;
  private pending = 0;
  private refusals: number[] = [];

  constructor(
    private readonly limits: RequestLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limits.burst;
    this.last = now();
  }

  /** Spends one message; `accept` must be followed by `settled()` once its reply is sent. */
  take(): BudgetVerdict {
    const now = this.now();
    this.tokens = Math.min(
      this.limits.burst,
      this.tokens + ((now - this.last) / 1000) * this.limits.perSecond,
    );
    this.last = now;
    let message: string | null = null;
    if (this.pending >= this.limits.inFlight)
      message = `too many requests awaiting a reply (at most ${this.limits.inFlight}): wait for the answers`;
    else if (this.tokens < 1)
      message = `too many messages (at most ${this.limits.perSecond} a second, ${this.limits.burst} at once): slow down`;
    if (message === null) {
      this.tokens -= 1;
      this.pending += 1;
      return { kind: 'accept' };
    }
    this.refusals = this.refusals.filter((at) => now - at < 10_000);
    this.refusals.push(now);
    if (this.refusals.length >= this.limits.closeAfterRefusals)
      return {
        kind: 'close',
        reason: 'too many messages over the limit: this window is flooding the server',
      };
    return { kind: 'refuse', message };
  }

  /** A request's reply was sent. */
  settled(): void {
    this.pending = Math.max(0, this.pending - 1);
  }
}
