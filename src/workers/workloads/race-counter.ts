/**
 * The race-condition lesson's worker: increments one shared counter without synchronisation (a load,
 * then a store), with Atomics.add, or under an AtomicsMutex — after every worker reached the start line.
 */
import { AtomicsMutex, MUTEX_SLOTS } from '../atomics-mutex';
import { arriveAndWait } from '../start-barrier';
import { epochNow } from '../../shared/clock';
import type { WorkloadContext } from './workload-context';

/** Int32 slots of a race buffer: the counter, the start line and the mutex. */
export const RACE_SLOTS = { counter: 0, startLine: 1, mutex: 2, length: 2 + MUTEX_SLOTS } as const;

/** How increments are protected. */
export type RaceSync = 'none' | 'atomic' | 'mutex';

/**
 * Where the workload offers a checkpoint (a chance for a GIL switch): never, between increments
 * (every 256), or between the read and the write of every increment, like CPython between the
 * bytecodes of `counter += 1`.
 */
export type RaceCheckpoints = 'none' | 'between-increments' | 'inside-increment';

/** One worker's share of a race. */
export interface RaceCounterInput {
  readonly buffer: SharedArrayBuffer;
  /** Positive, unique among the workers: the mutex records it as owner. */
  readonly workerId: number;
  /** How many workers share the start line. */
  readonly workers: number;
  readonly times: number;
  readonly sync: RaceSync;
  readonly checkpoints: RaceCheckpoints;
}

/** What one worker did, timed from the start line to its last increment (epoch ms). */
export interface RaceCounterOutput {
  readonly workerId: number;
  readonly increments: number;
  readonly loopStartedAt: number;
  readonly loopEndedAt: number;
}

/** A zeroed buffer for one race. */
export function createRaceBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(RACE_SLOTS.length * Int32Array.BYTES_PER_ELEMENT);
}

/** Waits at the start line, then increments the shared counter `times` times as `sync` says. */
export async function raceCounterWorkload(
  input: RaceCounterInput,
  ctx: WorkloadContext,
): Promise<RaceCounterOutput> {
  const view = new Int32Array(input.buffer);
  const at = RACE_SLOTS.counter;
  await arriveAndWait(view, RACE_SLOTS.startLine, input.workers, ctx);
  const loopStartedAt = epochNow();
  const mutex = input.sync === 'mutex' ? new AtomicsMutex(view, RACE_SLOTS.mutex, input.workerId) : null;
  const inside = input.checkpoints === 'inside-increment';
  const between = input.checkpoints === 'between-increments';
  for (let i = 0; i < input.times; i++) {
    if (input.sync === 'atomic') {
      Atomics.add(view, at, 1);
    } else if (mutex) {
      mutex.lock();
      Atomics.store(view, at, Atomics.load(view, at) + 1);
      mutex.unlock();
    } else {
      // Each access is atomic on its own; the pair is not, and that gap is the race.
      const value = Atomics.load(view, at);
      if (inside) await ctx.checkpoint();
      Atomics.store(view, at, value + 1);
    }
    if (between && (i & 255) === 255) await ctx.checkpoint();
  }
  return { workerId: input.workerId, increments: input.times, loopStartedAt, loopEndedAt: epochNow() };
}
