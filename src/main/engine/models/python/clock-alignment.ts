/**
 * Lines the harness's clock up with the lab's. Each ping is sent at lab time `sentAt` and answered
 * at lab time `receivedAt`; the harness read its clock (`remoteAt`) somewhere in between. Taking
 * the midpoint bounds the error by half the round trip, so the ping with the shortest round trip
 * gives the offset, and half its round trip is the uncertainty, measured, not assumed.
 */
import type { PythonClockAlignment } from '../../../../shared/python-run';

/** One ping's readings: lab times of sending and receiving, the harness's times in between. */
export interface ClockSample {
  readonly sentAt: number;
  readonly receivedAt: number;
  /** The harness's perf_counter reading, ms since it started. */
  readonly remoteAt: number;
  /** The harness's time.time() reading, epoch ms. */
  readonly remoteEpochMs: number;
}

/** How harness times map onto the lab's clock, and how sure that is (plain data: results carry it). */
export type ClockAlignment = PythonClockAlignment;

/** The alignment from the ping with the shortest round trip. */
export function alignClocks(samples: readonly ClockSample[]): ClockAlignment {
  if (samples.length === 0) throw new Error('clock alignment needs at least one ping');
  const best = samples.reduce((a, b) => (b.receivedAt - b.sentAt < a.receivedAt - a.sentAt ? b : a));
  const roundTripMs = Math.max(0, best.receivedAt - best.sentAt);
  const midpoint = (best.sentAt + best.receivedAt) / 2;
  return {
    offsetMs: midpoint - best.remoteAt,
    uncertaintyMs: roundTripMs / 2,
    roundTripMs,
    pings: samples.length,
    wallClockDifferenceMs: best.remoteEpochMs - midpoint,
  };
}

/** A harness time on the lab's clock. */
export function toLabTime(alignment: ClockAlignment, harnessMs: number): number {
  return harnessMs + alignment.offsetMs;
}
