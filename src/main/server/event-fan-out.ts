/**
 * Sends the service's events to every connected window: each event is serialised once into one
 * buffer that every socket shares, so a room of 200 costs one JSON.stringify per event, not 200.
 * A slow window is bounded and never delays the others or the engine: above `skipLiveAboveBytes`
 * queued, live frames (snapshots, stats, heartbeats, the cluster's state) to it are skipped, since the next one
 * supersedes them; above `maxBufferedBytes` for `dropAfterMs`, or above twice that at any moment, it
 * is dropped with a close reason. Results, room changes and lesson rows are never skipped.
 *
 * Writing costs too: a 100,000-task run's final view written into 100 sockets is tens of megabytes of
 * copying, and even a small snapshot is a system call per window (on loopback the kernel delivers it
 * to the reader inside the call: bench (e) saw 100 of them take 25 ms on 2 busy cores). Sends go
 * through one queue, at most `bytesPerTurn` or `msPerTurn` of them in a turn of the event loop and
 * the rest in the next turns, so the engine and every window's requests get the loop in between; the
 * queue is first in, first out, so each window still gets its frames in the order they were emitted;
 * a live frame still waiting when a newer one of its kind is emitted is not written to the windows
 * that have not had it (they get the newer one), so a backlog never delivers stale snapshots.
 *
 * Attendees' windows get live frames at a rate of their own: at most one of each kind every
 * `attendeeLiveIntervalMs` (the newest, once the interval has passed), while the instructor's windows,
 * the projector among them, get every one. A held frame is sent before any frame that is not live, so
 * an attendee sees a model's last snapshot before its result, as the instructor does. A room of 100 at
 * 10 frames a second instead of 20 is half the bytes on the room's network and half the sends here.
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
  /** Bytes written to sockets in one turn of the event loop before the rest waits for the next turn. */
  readonly bytesPerTurn: number;
  /** Time spent writing to sockets in one turn before the rest waits for the next (at least one send a turn). */
  readonly msPerTurn: number;
  /** An attendee's window gets a live frame of each kind at most once in this time; 0 sends every one. */
  readonly attendeeLiveIntervalMs: number;
}

/** The defaults: a finished 100,000-task run's view fits well under the cap. */
export const DEFAULT_FAN_OUT_LIMITS: FanOutLimits = {
  skipLiveAboveBytes: 512 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  dropAfterMs: 5_000,
  bytesPerTurn: 1024 * 1024,
  msPerTurn: 2,
  attendeeLiveIntervalMs: 100,
};

/** Close code for a window dropped for not reading (policy violation). */
export const CLOSE_TOO_SLOW = 1008;

interface Window {
  readonly socket: WebSocket;
  readonly caller: LabCaller;
  /** When its queue first went over the cap, while it stays there. */
  overSince: number | null;
}

/** Which of the windows open a frame is for: a live frame held back from attendees goes to each side apart. */
type Audience = 'all' | 'instructors' | 'attendees';

/** A frame on its way to the windows that were open when it was emitted. */
interface Pending {
  readonly frame: Buffer;
  readonly live: boolean;
  /** For a live frame, what it is the latest of: a newer frame with the same key supersedes it. */
  readonly supersedes: string | null;
  readonly audience: Audience;
  readonly windows: readonly Window[];
  /** Windows that have a newer frame of its kind queued (the other side's frame superseded it for them). */
  skip?: Set<Window>;
  /** The next window to write it to. */
  next: number;
}

/**
 * For a frame superseded by the next of its kind, what kind that is, so a slow window can miss it
 * and a queued one need not be written once a newer one is queued; null for every other frame.
 */
function liveKind(event: LabEvent): string | null {
  if (event.event === 'system:stats' || event.event === 'system:heartbeat') return event.event;
  // The cluster's state is sent whole, once a second while a server is in use.
  if (event.event === 'cluster:changed') return event.event;
  if (event.event === 'run:progress' && event.payload.kind === 'snapshot')
    return `run:progress ${event.payload.runId} ${event.payload.snapshot.model}`;
  if (event.event === 'lesson:progress' && event.payload.lesson === 'pipeline')
    return 'lesson:progress pipeline';
  return null;
}

/** The windows of one server and the one subscription that feeds them. */
export class EventFanOut {
  private readonly windows = new Set<Window>();
  private readonly unsubscribe: () => void;
  private readonly queue: Pending[] = [];
  private flushing: NodeJS.Immediate | null = null;
  /** By live kind: the newest frame attendees have not had yet, and when it will be theirs. */
  private readonly held = new Map<string, { frame: Buffer; timer: NodeJS.Timeout }>();
  /** By live kind: when attendees were last sent one. */
  private readonly attendeesSentAt = new Map<string, number>();

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
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = null;
    this.queue.length = 0;
    for (const { timer } of this.held.values()) clearTimeout(timer);
    this.held.clear();
    for (const window of this.windows) window.socket.terminate();
    this.windows.clear();
  }

  /** Sends waiting for a later turn (one per frame and window): what the next turns will write. */
  get queued(): number {
    return this.queue.reduce((sum, pending) => sum + pending.windows.length - pending.next, 0);
  }

  private broadcast(event: LabEvent): void {
    if (this.windows.size === 0) return;
    const frame = Buffer.from(JSON.stringify({ type: 'event', event: event.event, payload: event.payload }));
    const kind = liveKind(event);
    if (kind === null) {
      // Attendees get what was held back first: a frame's order against a result is kept.
      for (const heldKind of [...this.held.keys()]) this.release(heldKind);
      return this.enqueue(frame, null, 'all');
    }
    const interval = this.limits.attendeeLiveIntervalMs;
    const now = this.now();
    const sentAt = this.attendeesSentAt.get(kind);
    if (interval <= 0 || sentAt === undefined || now - sentAt >= interval) {
      // An older frame still held for attendees is superseded by this one, which they get now.
      this.forget(kind);
      this.sentToAttendees(kind, now);
      return this.enqueue(frame, kind, 'all');
    }
    this.enqueue(frame, kind, 'instructors');
    const held = this.held.get(kind);
    if (held) held.frame = frame;
    else
      this.held.set(kind, { frame, timer: setTimeout(() => this.release(kind), interval - (now - sentAt)) });
  }

  /** Sends attendees the newest live frame of a kind held back from them. */
  private release(kind: string): void {
    const held = this.forget(kind);
    if (!held) return;
    this.sentToAttendees(kind, this.now());
    this.enqueue(held.frame, kind, 'attendees');
  }

  /** Drops the frame of a kind held for attendees, and its timer; returns it. */
  private forget(kind: string): { frame: Buffer } | undefined {
    const held = this.held.get(kind);
    if (held) clearTimeout(held.timer);
    this.held.delete(kind);
    return held;
  }

  private sentToAttendees(kind: string, now: number): void {
    this.attendeesSentAt.set(kind, now);
    // Kinds come and go with runs: forget those whose interval has passed.
    if (this.attendeesSentAt.size > 64)
      for (const [other, at] of this.attendeesSentAt)
        if (now - at >= this.limits.attendeeLiveIntervalMs && !this.held.has(other))
          this.attendeesSentAt.delete(other);
  }

  private enqueue(frame: Buffer, supersedes: string | null, audience: Audience): void {
    const windows = [...this.windows].filter(
      (window) => audience === 'all' || (window.caller.role === 'attendee') === (audience === 'attendees'),
    );
    if (windows.length === 0) return;
    // A live frame still waiting is superseded by this one: windows that have not had it get only this one.
    if (supersedes !== null)
      for (const pending of this.queue) {
        if (pending.supersedes !== supersedes) continue;
        if (audience === 'all' || pending.audience === audience) pending.next = pending.windows.length;
        // A frame for everyone is skipped by the side this one is for; the other side still gets it.
        else if (pending.audience === 'all')
          for (const window of windows) (pending.skip ??= new Set()).add(window);
      }
    this.queue.push({ frame, live: supersedes !== null, supersedes, audience, windows, next: 0 });
    // Frames emitted while older ones wait go behind them: a window's frames keep their order.
    if (!this.flushing) this.flush();
  }

  /** Writes queued frames until this turn's bytes or time are spent; the rest waits for the next turn. */
  private flush(): void {
    this.flushing = null;
    let budget = this.limits.bytesPerTurn;
    const now = this.now();
    let timeLeft = true;
    while (this.queue.length > 0 && budget > 0 && timeLeft) {
      const pending = this.queue[0]!;
      while (pending.next < pending.windows.length && budget > 0 && timeLeft) {
        const window = pending.windows[pending.next++]!;
        if (pending.skip?.has(window) || !this.send(window, pending.frame, pending.live, now)) continue;
        budget -= pending.frame.length;
        timeLeft = this.now() - now < this.limits.msPerTurn;
      }
      if (pending.next >= pending.windows.length) this.queue.shift();
    }
    if (this.queue.length > 0) this.flushing = setImmediate(() => this.flush());
  }

  /** Writes a frame to one window unless it is gone, too slow, or may miss a live frame; whether it wrote. */
  private send(window: Window, frame: Buffer, live: boolean, now: number): boolean {
    const { socket } = window;
    if (!this.windows.has(window) || socket.readyState !== socket.OPEN) return false;
    const queued = socket.bufferedAmount;
    const { maxBufferedBytes, dropAfterMs, skipLiveAboveBytes } = this.limits;
    if (queued > maxBufferedBytes) window.overSince ??= now;
    else window.overSince = null;
    if (queued + (live ? 0 : frame.length) > 2 * maxBufferedBytes) {
      this.drop(window, `send buffer passed ${megabytes(2 * maxBufferedBytes)}: this window stopped reading`);
      return false;
    }
    if (window.overSince !== null && now - window.overSince >= dropAfterMs) {
      this.drop(
        window,
        `send buffer stayed over ${megabytes(maxBufferedBytes)} for ${dropAfterMs / 1000} s: this window is too slow`,
      );
      return false;
    }
    if (live && queued > skipLiveAboveBytes) return false;
    socket.send(frame, { binary: false });
    return true;
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
