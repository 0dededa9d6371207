/**
 * The heartbeat slice: the main process sends `system:heartbeat` every HEARTBEAT_MS; a long gap
 * between two of them is a main process that stopped, reported once it beats again.
 */
import { HEARTBEAT_MS, type EventContract } from '../../../shared/ipc';
import type { LabSliceCreator, LabState } from './lab-store';
import { formatSeconds } from '../../../shared/format';

/** A gap longer than this (five periods) is a stall worth an alert. */
export const STALL_MS = 5 * HEARTBEAT_MS;

/** One heartbeat as it arrived: the sender's stamp and sequence number, and when the page got it. */
export interface Beat {
  readonly seq: number;
  /** Epoch ms, on the main process's clock. */
  readonly at: number;
  /** performance.now() of this page when it arrived. */
  readonly arrivedAt: number;
}

/** A stall of the main process, as measured from the heartbeat that ended it. */
export interface Stall {
  readonly gapMs: number;
  /** Sequence number of the beat that ended the stall. */
  readonly seq: number;
}

/** The heartbeat's part of the state. */
export interface HeartbeatState {
  readonly last: Beat | null;
  /** The gap before the last beat, ms; null until two consecutive beats arrived. */
  readonly lastGapMs: number | null;
  /** The last stall, kept until the next job starts. */
  readonly stall: Stall | null;
}

/** The heartbeat's state and events. */
export interface HeartbeatSlice {
  readonly heartbeat: HeartbeatState;
  heartbeatReceived(beat: EventContract['system:heartbeat'], arrivedAt: number): void;
}

/**
 * How long the main process went without beating between two consecutive beats, ms; null when beats
 * were lost in transit (a reconnection: the sender was alive). Both clocks are read: the page may
 * get beats late because the page itself was blocked (then the sender's stamps are still 200 ms
 * apart), and the sender's stamps alone would miss nothing, so the smaller of the two is the
 * main process's own silence.
 */
export function heartbeatGap(previous: Beat, next: Beat): number | null {
  if (next.seq !== previous.seq + 1) return null;
  return Math.min(next.at - previous.at, next.arrivedAt - previous.arrivedAt);
}

/** Creates the heartbeat slice. */
export const createHeartbeatSlice: LabSliceCreator<HeartbeatSlice> = (set) => ({
  heartbeat: { last: null, lastGapMs: null, stall: null },
  heartbeatReceived: ({ at, seq }, arrivedAt) =>
    set((s) => {
      const beat: Beat = { seq, at, arrivedAt };
      const previous = s.heartbeat.last;
      const gap = previous ? heartbeatGap(previous, beat) : null;
      const stall = gap !== null && gap > STALL_MS ? { gapMs: gap, seq } : s.heartbeat.stall;
      return { heartbeat: { last: beat, lastGapMs: gap ?? s.heartbeat.lastGapMs, stall } };
    }),
});

/** The stall to report, if any. */
export const selectStall = (s: LabState): Stall | null => s.heartbeat.stall;

/** The alert's words: "main process unresponsive for 2.9 s" (seconds, one decimal). */
export function stallMessage(stall: Stall): string {
  return `main process unresponsive for ${formatSeconds(stall.gapMs)}`;
}
