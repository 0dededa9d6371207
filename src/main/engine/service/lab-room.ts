/**
 * The room as the service keeps it: the instructor's screen as last reported, how many windows of
 * each role are connected, how attendees join, and what the machine is doing. Every change reaches
 * every window as one room:changed event: at once after a start or end, at most four a second for
 * the counts (a hundred attendees joining in one minute is not a hundred broadcasts each).
 */
import type { JoinInfo, LabCaller, RoomActivity, RoomScreen, RoomState } from '../../../shared/room';

/** How long count changes wait to be sent together, ms. */
const COUNTS_COALESCE_MS = 250;

/** The room's state and its changes. */
export class LabRoom {
  private screen: RoomScreen | null = null;
  private instructors = 0;
  private attendees = 0;
  private joinInfo: JoinInfo | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly activity: () => RoomActivity | null,
    private readonly send: (state: RoomState) => void,
  ) {}

  /** The room now. */
  state(): RoomState {
    return {
      screen: this.screen,
      activity: this.activity(),
      instructors: this.instructors,
      attendees: this.attendees,
    };
  }

  /** How attendees join, once the server knows its address; null when it takes none. */
  get join(): JoinInfo | null {
    return this.joinInfo;
  }

  set join(join: JoinInfo | null) {
    this.joinInfo = join;
  }

  /** A window connected; returns the function to call when it leaves. */
  attach(caller: LabCaller): () => void {
    this.count(caller, 1);
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      this.count(caller, -1);
    };
  }

  /** The instructor's window shows something else. */
  screenReported(screen: RoomScreen): void {
    const same =
      this.screen !== null &&
      (Object.keys(screen) as (keyof RoomScreen)[]).every((key) => this.screen?.[key] === screen[key]);
    if (same) return;
    this.screen = screen;
    this.changed('now');
  }

  /** Something changed: a start or end goes out on the next turn of the loop, counts a little later. */
  changed(when: 'now' | 'soon'): void {
    if (this.closed) return;
    if (this.timer !== null) {
      if (when === 'soon') return;
      clearTimeout(this.timer);
    }
    // Never synchronously: run:finished and lesson:ended go out before the room says the lab is idle.
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (!this.closed) this.send(this.state());
      },
      when === 'now' ? 0 : COUNTS_COALESCE_MS,
    );
    this.timer.unref?.();
  }

  /** Stops sending. */
  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private count(caller: LabCaller, delta: 1 | -1): void {
    if (caller.role === 'instructor') this.instructors += delta;
    else this.attendees += delta;
    this.changed('soon');
  }
}
