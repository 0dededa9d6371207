/**
 * Another machine's clock, mapped onto the lab's: a ping is sent at t0, the worker reads its clock at
 * `remote`, the answer arrives at t1. The worker read its clock somewhere in [t0, t1], so the offset is
 * remote − (t0 + t1) / 2 within ± (t1 − t0) / 2. The sample with the shortest round trip is kept
 * (Cristian's algorithm, as NTP filters its samples), unless it has grown old: clocks drift.
 */

/** One ping: sent and received on the lab's clock, answered on the worker's. */
export interface ClockSample {
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly remoteAt: number;
}

/** A sample older than this gives way to any newer one. */
const MAX_SAMPLE_AGE_MS = 60_000;

/** The best estimate so far of how far a worker's clock is ahead of the lab's. */
export class ClockEstimate {
  private best: ClockSample | null = null;

  /** Adds a ping; kept when its round trip is the shortest, or the kept one is old. */
  add(sample: ClockSample): void {
    if (!(sample.receivedAt >= sample.sentAt)) return;
    const best = this.best;
    const roundTrip = sample.receivedAt - sample.sentAt;
    if (
      !best ||
      roundTrip <= best.receivedAt - best.sentAt ||
      sample.receivedAt - best.receivedAt > MAX_SAMPLE_AGE_MS
    )
      this.best = sample;
  }

  /** Whether any ping came back. */
  get known(): boolean {
    return this.best !== null;
  }

  /** Worker clock minus lab clock, in ms (0 until a ping came back). */
  get offsetMs(): number {
    const best = this.best;
    return best ? best.remoteAt - (best.sentAt + best.receivedAt) / 2 : 0;
  }

  /** Half the shortest round trip: how far off offsetMs may be (Infinity until a ping came back). */
  get uncertaintyMs(): number {
    const best = this.best;
    return best ? (best.receivedAt - best.sentAt) / 2 : Infinity;
  }

  /** A time read on the worker's clock, on the lab's. */
  toLab(remoteMs: number): number {
    return remoteMs - this.offsetMs;
  }
}
