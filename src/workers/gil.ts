/**
 * A simulated GIL: one lock in a SharedArrayBuffer, shared by the threads of a gil-threads pool and
 * driven by Atomics the way CPython's ceval_gil.c drives its GIL:
 * - a thread that wants the GIL waits up to the switch interval; if no other thread took the GIL in
 *   that time, it sets a drop request;
 * - the holder looks at the drop request at every workload checkpoint and, when set, releases the GIL
 *   and waits until another thread has taken it before competing again (CPython's FORCE_SWITCHING);
 * - I/O waits release the GIL for their whole duration.
 */
import { epochNow } from '../shared/clock';
import type { TaskGilUsage } from './protocol/host-messages';
import { DROP_REQUEST, HOLDER, INTERVAL_US, SWITCH_NUMBER, WAITERS } from './protocol/gil-memory';

/** One thread's handle on the shared GIL. Not re-entrant: acquire and release alternate. */
export class SimulatedGil {
  private readonly state: Int32Array;
  private readonly me: number;
  private holding = false;
  private holdStart = 0;
  private holdMs = 0;
  private waitMs = 0;
  private switches = 0;
  private holds: [number, number][] = [];

  /** `holderId` must be unique among the threads sharing the buffer, and not 0. */
  constructor(buffer: SharedArrayBuffer, holderId: number) {
    if (!Number.isInteger(holderId) || holderId <= 0)
      throw new RangeError(`GIL holder id must be a positive integer (got ${holderId})`);
    this.state = new Int32Array(buffer);
    this.me = holderId;
  }

  private intervalMs(): number {
    return Atomics.load(this.state, INTERVAL_US) / 1000;
  }

  /** Blocks this thread until it holds the GIL. */
  acquire(): void {
    if (this.holding) throw new Error('GIL acquired twice by the same thread');
    const s = this.state;
    const t0 = epochNow();
    for (;;) {
      if (Atomics.compareExchange(s, HOLDER, 0, this.me) === 0) break;
      const switchNumber = Atomics.load(s, SWITCH_NUMBER);
      const holder = Atomics.load(s, HOLDER);
      if (holder === 0) continue;
      Atomics.add(s, WAITERS, 1);
      const outcome = Atomics.wait(s, HOLDER, holder, this.intervalMs());
      Atomics.sub(s, WAITERS, 1);
      // Waited a whole interval and nobody switched: ask the holder to let go.
      if (outcome === 'timed-out' && Atomics.load(s, SWITCH_NUMBER) === switchNumber) {
        Atomics.store(s, DROP_REQUEST, 1);
      }
    }
    // A request aimed at the previous holder is void (CPython's take_gil resets it too).
    Atomics.store(s, DROP_REQUEST, 0);
    Atomics.add(s, SWITCH_NUMBER, 1);
    Atomics.notify(s, SWITCH_NUMBER); // wakes a holder that dropped the GIL and waits for the switch
    const t1 = epochNow();
    this.waitMs += t1 - t0;
    this.holdStart = t1;
    this.holding = true;
  }

  /** Lets the GIL go and wakes one waiting thread. */
  release(): void {
    if (!this.holding) throw new Error('GIL released by a thread that does not hold it');
    const now = epochNow();
    this.holdMs += now - this.holdStart;
    this.holds.push([this.holdStart, now]);
    this.holding = false;
    Atomics.store(this.state, HOLDER, 0);
    Atomics.notify(this.state, HOLDER, 1);
  }

  /** Gives the GIL up if another thread asked for it, then takes it back after that thread has had it. */
  checkpoint(): void {
    const s = this.state;
    if (Atomics.load(s, DROP_REQUEST) === 0 || !this.holding) return;
    const switchNumber = Atomics.load(s, SWITCH_NUMBER);
    this.release();
    this.switches += 1;
    // Forced switching: without this wait the releasing thread would usually win the GIL straight back.
    Atomics.wait(s, SWITCH_NUMBER, switchNumber, this.intervalMs());
    this.acquire();
  }

  /** Whether this thread holds the GIL now. */
  get held(): boolean {
    return this.holding;
  }

  /** Returns the accounting since the last call and starts a new one. */
  takeUsage(): TaskGilUsage {
    const usage: TaskGilUsage = {
      holdMs: this.holdMs,
      waitMs: this.waitMs,
      switches: this.switches,
      holds: this.holds,
    };
    this.holdMs = 0;
    this.waitMs = 0;
    this.switches = 0;
    this.holds = [];
    return usage;
  }
}
