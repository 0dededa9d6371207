/**
 * The room slice: who this window is (instructor or attendee), the room as the server last told it
 * (the instructor's screen, what the shared machine is doing, who is connected), whether an attendee
 * follows the instructor's screen, the join panel, and the last request the server refused.
 */
import type { RunProgress } from '../../../shared/ipc';
import type { JoinInfo, LabCaller, LiveRun, RoomSession, RoomState } from '../../../shared/room';
import type { RunRequest } from '../../../shared/run-request';
import type { LabSliceCreator, LabState } from './lab-store';
import { slotOf } from './run-slots';

/** The room's part of the state. */
export interface RoomSliceState {
  /** This window, once the server said; null before (and in a desktop app that has not asked yet). */
  readonly you: LabCaller | null;
  readonly join: JoinInfo | null;
  readonly room: RoomState | null;
  /** An attendee follows the instructor's screen until they step away. */
  readonly following: boolean;
  readonly joinOpen: boolean;
  /** Why the server refused this window's last request to run or cancel, in words. */
  readonly refusal: string | null;
  /** Tasks settled per model of the run under way, whoever started it. */
  readonly settled: Readonly<Record<string, number>>;
  /** Tasks per model of the run under way (0 until its first snapshot). */
  readonly tasks: number;
}

/** The room's state and events. */
export interface RoomSlice {
  readonly room: RoomSliceState;
  /** The server said who this window is and what the room is doing. */
  roomJoined(session: RoomSession): void;
  roomChanged(room: RoomState): void;
  /** A run's progress, whoever started it: counted for the room's line. */
  roomRunProgressed(progress: RunProgress): void;
  /** This window shows the run under way that another window started (catching up on it). */
  roomRunJoined(live: LiveRun, request: RunRequest): void;
  /** The attendee went elsewhere on their own. */
  followStopped(): void;
  followResumed(): void;
  joinPanelToggled(): void;
  joinPanelClosed(): void;
  /** The server refused a request of this window (an attendee's run or cancel). */
  roomRefused(message: string): void;
  refusalDismissed(): void;
}

/** Creates the room slice. */
export const createRoomSlice: LabSliceCreator<RoomSlice> = (set) => {
  const update = (change: (r: RoomSliceState) => Partial<RoomSliceState> | null) =>
    set((s) => {
      const next = change(s.room);
      return next ? { room: { ...s.room, ...next } } : {};
    });
  return {
    room: {
      you: null,
      join: null,
      room: null,
      following: true,
      joinOpen: false,
      refusal: null,
      settled: {},
      tasks: 0,
    },
    roomJoined: ({ you, room, join }) => update(() => ({ you, room, join })),
    roomChanged: (room) =>
      update((r) => {
        const sameRun =
          r.room?.activity?.kind === 'run' &&
          room.activity?.kind === 'run' &&
          r.room.activity.runId === room.activity.runId;
        return sameRun ? { room } : { room, settled: {}, tasks: 0 };
      }),
    roomRunProgressed: (progress) =>
      update((r) => {
        const activity = r.room?.activity;
        if (progress.kind !== 'snapshot' || activity?.kind !== 'run' || activity.runId !== progress.runId)
          return null;
        const { model, completed, failed, total } = progress.snapshot;
        if (r.settled[model] === completed + failed && r.tasks === total) return null;
        return { settled: { ...r.settled, [model]: completed + failed }, tasks: total };
      }),
    roomRunJoined: (live, request) =>
      set((s) => {
        if (s.run.phase !== 'idle' && s.run.runId !== live.runId) return {};
        return {
          run: {
            phase: 'running',
            // The view that asked for it shows it: a lesson's run in its lesson, a race in Race.
            slot: slotOf(request.origin),
            request,
            runId: live.runId,
            models: [...request.models],
            preparing: null,
            forecast: null,
            snapshots: Object.fromEntries(live.snapshots.map((snapshot) => [snapshot.model, snapshot])),
            finished: [...live.finished],
            view: null,
            error: null,
          },
        };
      }),
    followStopped: () => update((r) => (r.following ? { following: false } : null)),
    followResumed: () => update((r) => (r.following ? null : { following: true })),
    joinPanelToggled: () => update((r) => ({ joinOpen: !r.joinOpen })),
    joinPanelClosed: () => update((r) => (r.joinOpen ? { joinOpen: false } : null)),
    roomRefused: (message) => update(() => ({ refusal: message })),
    refusalDismissed: () => update((r) => (r.refusal === null ? null : { refusal: null })),
  };
};

/** Whether this window joined as an attendee. */
export const selectIsAttendee = (s: LabState): boolean => s.room.you?.role === 'attendee';

/** Whether this window follows the instructor's screen now. */
export const selectFollowing = (s: LabState): boolean => selectIsAttendee(s) && s.room.following;

/** How far the run under way got, 0..100, or null when none runs or it has not reported yet. */
export function selectRoomRunPercent(s: LabState): number | null {
  const activity = s.room.room?.activity;
  if (activity?.kind !== 'run' || s.room.tasks === 0) return null;
  const settled = Object.values(s.room.settled).reduce((sum, n) => sum + n, 0);
  return Math.floor((100 * settled) / (s.room.tasks * activity.request.models.length));
}
