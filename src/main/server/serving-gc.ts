/**
 * How the serving process collects garbage. V8 scavenges its young generation with helper threads
 * and the event loop waits for the slowest; while a run keeps every core busy (its workers, and on a
 * workshop laptop the browser too), a helper waits for a core and the pause grows. Measured with
 * bench (e) on 2 cores, 100,000 tasks and 100 followers: with helpers, 10–13 ms stalls recurred
 * while the processes model ran (2 of 3 runs had seconds whose p99 passed 10 ms outside a model's
 * end); with the scavenge on the loop's own thread, the p50 scavenge took 2.3 ms, the worst 11.8 ms,
 * and no second's p99 passed 7.9 ms outside a model's end.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8 flags for a process that serves a room, safe to set after start-up (read at every scavenge). */
export const SERVING_GC_FLAGS = '--no-parallel-scavenge';

/** Scavenges on the event loop's own thread from now on. */
export function collectOnOwnThread(): void {
  setFlagsFromString(SERVING_GC_FLAGS);
}

/**
 * Young-generation collections in small doses while the lab is busy. A scavenge's pause grows with
 * what piled up since the last one: while the processes model runs, each task's two messages leave a
 * V8 serializer object behind (child_process's advanced serialization), whose weak handles every
 * scavenge must visit, and V8 lets about 2,400 tasks' worth pile up. Measured with --trace-gc-nvp on
 * `serve`, the processes model alone on 30,000 tasks: on V8's schedule, 25 scavenges, median 4.4 ms,
 * worst 13.0 ms (up to 6 ms of it those handles); one every 100 ms, 242–245 scavenges, median
 * 0.8–0.9 ms, worst 3.7–5.6 ms, for about 0.6% of a core more in all, and as much promoted.
 */
export class MinorCollections {
  private timer: NodeJS.Timeout | null = null;
  private lastBusy = -Infinity;

  constructor(
    private readonly everyMs: number = 100,
    /** Collections stop this long after the lab was last said to be busy: an idle server does nothing. */
    private readonly idleAfterMs: number = 2_000,
    private readonly collect: () => void = minorCollector(),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The lab is busy (a run or a lesson reported progress): collect every `everyMs` until it has been idle a while. */
  busy(): void {
    this.lastBusy = this.now();
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.now() - this.lastBusy > this.idleAfterMs) this.stop();
      else this.collect();
    }, this.everyMs);
    this.timer.unref();
  }

  /** Whether collections are being made now. */
  get collecting(): boolean {
    return this.timer !== null;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * A young-generation collection on demand: V8's gc(), exposed to a context made after the flag is set.
 * (Worker threads started afterwards have a global gc() too; nothing of ours calls it.)
 */
export function minorCollector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options: { type: 'minor' }) => void;
  return () => gc({ type: 'minor' });
}
