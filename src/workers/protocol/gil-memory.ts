/**
 * The shared memory of one simulated GIL: named Int32 slots in a SharedArrayBuffer that the engine
 * creates and every thread of a gil-threads pool drives with Atomics (see ../gil.ts). The engine may
 * create it, change its switch interval live, and free it from a holder that died; only threads take it.
 */

/** Int32 slots of the shared state. */
export const HOLDER = 0; // 0 when free, else the holder's id
export const DROP_REQUEST = 1; // 1 when a waiter asked the holder to let go
export const WAITERS = 2; // threads inside acquire()
export const SWITCH_NUMBER = 3; // incremented on every acquisition
export const INTERVAL_US = 4; // switch interval in microseconds; may change while a run goes on
export const SLOTS = 5;

/** Creates the shared state of one GIL. */
export function createGilBuffer(switchIntervalMs: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
  setSwitchInterval(buffer, switchIntervalMs);
  return buffer;
}

/** Changes the switch interval of a GIL, live (like sys.setswitchinterval). */
export function setSwitchInterval(buffer: SharedArrayBuffer, switchIntervalMs: number): void {
  Atomics.store(new Int32Array(buffer), INTERVAL_US, Math.max(1, Math.round(switchIntervalMs * 1000)));
}

/** The id of the thread holding the GIL, or null when it is free. */
export function gilHolder(buffer: SharedArrayBuffer): number | null {
  const holder = Atomics.load(new Int32Array(buffer), HOLDER);
  return holder === 0 ? null : holder;
}

/**
 * Frees the GIL if a thread that is gone (crashed, terminated at a timeout) still holds it, and
 * wakes a waiter. Without this, one dead holder would stall every other thread forever.
 */
export function releaseIfHeldBy(buffer: SharedArrayBuffer, holderId: number): boolean {
  const state = new Int32Array(buffer);
  if (Atomics.compareExchange(state, HOLDER, holderId, 0) !== holderId) return false;
  Atomics.store(state, DROP_REQUEST, 0);
  Atomics.notify(state, HOLDER, 1);
  return true;
}
