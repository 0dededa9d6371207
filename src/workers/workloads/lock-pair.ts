/**
 * The deadlock lesson's worker: takes two AtomicsMutexes in a given order with a pause in between, and
 * logs what it holds and waits for into shared memory — the only channel a blocked thread still has.
 * A wait longer than `reportEveryMs` is reported ("waited N ms for L2 held by 2") and goes on waiting.
 */
import type { LockEventKind } from '../../shared/lessons/deadlock';
import { AtomicsMutex, mutexOwner, MUTEX_SLOTS } from '../atomics-mutex';
import { announce, arriveAndWait, waitForCount } from '../start-barrier';
import { epochNow } from '../../shared/clock';
import type { WorkloadContext } from './workload-context';

/** What a lock event records. */
export type { LockEventKind };

const KINDS: readonly LockEventKind[] = ['acquired', 'waiting', 'wait-report', 'released', 'done'];
const LOCKS = 2;
const START_LINE = LOCKS * MUTEX_SLOTS;
// Workers that have taken, or begun waiting for, their first lock.
const FIRST_MOVES = START_LINE + 1;
const EVENT_COUNT = FIRST_MOVES + 1;
const EVENTS = EVENT_COUNT + 1;
// Per event: time (µs since origin), worker, kind (1-based, written last), lock, holder, waited µs.
const EVENT_INTS = 6;

/** One event in the shared log; times in ms since the attempt's origin. */
export interface LockEvent {
  readonly atMs: number;
  readonly workerId: number;
  readonly kind: LockEventKind;
  /** 0 or 1; -1 for 'done'. */
  readonly lock: number;
  /** Who held the lock when this worker waited for it (0: nobody it could see). */
  readonly holder: number;
  readonly waitedMs: number;
}

/** One worker's part of an attempt. */
export interface LockPairInput {
  readonly buffer: SharedArrayBuffer;
  /** 1 or 2 (positive: it is the owner id the mutexes record). */
  readonly workerId: number;
  readonly workers: number;
  /** Lock indices in the order this worker takes them. */
  readonly order: readonly [number, number];
  /** Pause while holding the first lock, and again while holding both. */
  readonly pauseMs: number;
  readonly reportEveryMs: number;
  /** Epoch ms every logged time is measured from. */
  readonly originEpoch: number;
}

/** A worker that got both locks reports that it did. */
export interface LockPairOutput {
  readonly workerId: number;
  readonly heldBothMs: number;
}

/** A zeroed buffer for an attempt with room for `maxEvents` events. */
export function createLockPairBuffer(maxEvents = 512): SharedArrayBuffer {
  return new SharedArrayBuffer((EVENTS + maxEvents * EVENT_INTS) * Int32Array.BYTES_PER_ELEMENT);
}

/** The events logged so far, in the order they were logged. */
export function readLockEvents(buffer: SharedArrayBuffer): LockEvent[] {
  const view = new Int32Array(buffer);
  const capacity = Math.floor((view.length - EVENTS) / EVENT_INTS);
  const count = Math.min(Atomics.load(view, EVENT_COUNT), capacity);
  const events: LockEvent[] = [];
  for (let i = 0; i < count; i++) {
    const at = EVENTS + i * EVENT_INTS;
    const kind = KINDS[Atomics.load(view, at + 2) - 1];
    if (!kind) continue; // reserved, not yet written
    events.push({
      atMs: Atomics.load(view, at) / 1000,
      workerId: Atomics.load(view, at + 1),
      kind,
      lock: Atomics.load(view, at + 3),
      holder: Atomics.load(view, at + 4),
      waitedMs: Atomics.load(view, at + 5) / 1000,
    });
  }
  return events;
}

/** Takes both locks in order, holds them, releases them; may block forever if another worker holds them the other way round. */
export async function lockPairWorkload(input: LockPairInput, ctx: WorkloadContext): Promise<LockPairOutput> {
  const view = new Int32Array(input.buffer);
  const me = input.workerId;
  const log = (kind: LockEventKind, lock: number, holder = 0, waitedMs = 0): void => {
    const slot = Atomics.add(view, EVENT_COUNT, 1);
    const at = EVENTS + slot * EVENT_INTS;
    if (at + EVENT_INTS > view.length) return; // log full: the attempt is long over
    Atomics.store(view, at, Math.round((epochNow() - input.originEpoch) * 1000));
    Atomics.store(view, at + 1, me);
    Atomics.store(view, at + 3, lock);
    Atomics.store(view, at + 4, holder);
    Atomics.store(view, at + 5, Math.round(waitedMs * 1000));
    Atomics.store(view, at + 2, KINDS.indexOf(kind) + 1);
  };
  const locks = [0, 1].map((i) => new AtomicsMutex(view, i * MUTEX_SLOTS, me));
  const take = (lock: number, onFirstMove = (): void => undefined): void => {
    const mutex = locks[lock]!;
    if (mutex.tryLock()) {
      log('acquired', lock);
      return onFirstMove();
    }
    const since = performance.now();
    log('waiting', lock, mutexOwner(view, lock * MUTEX_SLOTS) ?? 0);
    onFirstMove();
    while (!mutex.lockWithin(input.reportEveryMs)) {
      log('wait-report', lock, mutexOwner(view, lock * MUTEX_SLOTS) ?? 0, performance.now() - since);
    }
    log('acquired', lock, 0, performance.now() - since);
  };

  await arriveAndWait(view, START_LINE, input.workers, ctx);
  const [first, second] = input.order;
  take(first, () => announce(view, FIRST_MOVES));
  await ctx.sleep(input.pauseMs);
  // However late the other thread was scheduled, it has made its first move before this one makes its
  // second: the opposite order then deadlocks every time, and one global order never does.
  await waitForCount(view, FIRST_MOVES, input.workers, ctx);
  take(second);
  const bothAt = performance.now();
  await ctx.sleep(input.pauseMs);
  const heldBothMs = performance.now() - bothAt;
  locks[second]!.unlock();
  log('released', second);
  locks[first]!.unlock();
  log('released', first);
  log('done', -1);
  return { workerId: me, heldBothMs };
}
