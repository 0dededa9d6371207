/**
 * Sends the service's events to every connected window: each event is serialised once into one
 * buffer that every socket shares, so a room of 200 costs one JSON.stringify per event, not 200.
 * A slow window is bounded and never delays the others or the engine: above `skipLiveAboveBytes`
 * queued, live frames (snapshots, stats, heartbeats, the cluster's state) to it are skipped, since the next one
 * supersedes them; above `maxBufferedBytes` for `dropAfterMs`, or above twice that at any moment, it
 * is dropped with a close reason. Results, room changes and lesson rows are never skipped.
 */
import type { WebSocket } from 'ws';
import type { LabEvent } from '../../shared/ipc';
import type { LabCaller } from '../../shared/room';
import type { LabService } from '../engine/lab-service';

/** How much a slow window may hold. */
export interface FanOutLimits {
  readonly skipLiveAboveBytes: number;
  readonly maxBufferedBytes: number;
  readonly dropAfterMs: number;
}

/** The defaults: a finished 100,000-task run's view fits well under the cap. */
export const DEFAULT_FAN_OUT_LIMITS: FanOutLimits = {
  skipLiveAboveBytes: 512 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  dropAfterMs: 5_000,
};

/** Close code for a window dropped for not reading (policy violation). */
export const CLOSE_TOO_SLOW = 1008;

interface Window {
  readonly socket: WebSocket;
  readonly caller: LabCaller;
  /** When its queue first went over the cap, while it stays there. */
  overSince: number | null;
}

/** Whether a frame is superseded by the next of its kind, so a slow window can miss it. */
function isLive(event: LabEvent): boolean {
  if (event.event === 'system:stats' || event.event === 'system:heartbeat') return true;
  // The cluster's state is sent whole, once a second while a server is in use.
  if (event.event === 'cluster:changed') return true;
  if (event.event === 'run:progress') return event.payload.kind === 'snapshot';
  return event.event === 'lesson:progress' && event.payload.lesson === 'pipeline';
}

/** The windows of one server and the one subscription that feeds them. */
export class EventFanOut {
  private readonly windows = new Set<Window>();
  private readonly unsubscribe: () => void;

  constructor(
    service: LabService,
    private readonly limits: FanOutLimits,
    /** Hears of every window dropped, with the reason it was given. */
    private readonly dropped: (caller: LabCaller, reason: string) => void = () => {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.unsubscribe = service.subscribe((event) => this.broadcast(event));
  }

  /** Windows connected now. */
  get size(): number {
    return this.windows.size;
  }

  /** Starts sending events to a socket; stops when it closes. */
  add(socket: WebSocket, caller: LabCaller): void {
    const window: Window = { socket, caller, overSince: null };
    this.windows.add(window);
    socket.once('close', () => this.windows.delete(window));
  }

  /** Stops listening to the service and closes every socket. */
  close(): void {
    this.unsubscribe();
    for (const window of this.windows) window.socket.terminate();
    this.windows.clear();
  }

  private broadcast(event: LabEvent): void {
    if (this.windows.size === 0) return;
    const frame = Buffer.from(JSON.stringify({ type: 'event', event: event.event, payload: event.payload }));
    const live = isLive(event);
    const now = this.now();
    for (const window of this.windows) {
      const { socket } = window;
      if (socket.readyState !== socket.OPEN) continue;
      const queued = socket.bufferedAmount;
      const { maxBufferedBytes, dropAfterMs, skipLiveAboveBytes } = this.limits;
      if (queued > maxBufferedBytes) window.overSince ??= now;
      else window.overSince = null;
      if (queued + (live ? 0 : frame.length) > 2 * maxBufferedBytes) {
        this.drop(
          window,
          `send buffer passed ${megabytes(2 * maxBufferedBytes)}: this window stopped reading`,
        );
        continue;
      }
      if (window.overSince !== null && now - window.overSince >= dropAfterMs) {
        this.drop(
          window,
          `send buffer stayed over ${megabytes(maxBufferedBytes)} for ${dropAfterMs / 1000} s: this window is too slow`,
        );
        continue;
      }
      if (live && queued > skipLiveAboveBytes) continue;
      socket.send(frame, { binary: false });
    }
  }

  private drop(window: Window, reason: string): void {
    this.windows.delete(window);
    this.dropped(window.caller, reason);
    window.socket.close(CLOSE_TOO_SLOW, reason);
    // The close frame waits behind everything queued; a window that reads nothing never gets it.
    setTimeout(() => window.socket.terminate(), 1_000).unref();
  }
}

function megabytes(bytes: number): string {
  return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
