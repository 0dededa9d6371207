/**
 * The workshop room: who is connected in which role, what the instructor's screen shows (attendees
 * follow it), and what the one shared machine is doing now, said the same way to every client.
 */
import type { EngineLessonId } from './lessons/lesson-ids';
import type { LessonRecordOf, LessonRun } from './lessons/registry';
import type { ModelSnapshot } from './results';
import type { RunRequest } from './run-request';
import type { ModelSummary } from './views';

/** The instructor runs, cancels and changes knobs; attendees follow, read and export. */
export type Role = 'instructor' | 'attendee';

/** Who sent a request: their role, and a short id that tells their window apart ("app", "3"). */
export interface LabCaller {
  readonly role: Role;
  readonly clientId: string;
}

/** The desktop app, alone: the instructor. */
export const DESKTOP_CALLER: LabCaller = { role: 'instructor', clientId: 'app' };

/** What the instructor's window shows, as it reports it; attendees following it show the same. */
export interface RoomScreen {
  /** The view on screen (race, lessons, history…). */
  readonly view: string;
  /** The lesson open in the Lessons view. */
  readonly lesson: string;
  /** The finished run on screen (a race, or a run lesson's run), if any. */
  readonly run: string | null;
  /** The run lesson form that shows `run` or the live run (ten-files-io, which-model…), if any. */
  readonly runForm: string | null;
  /** The engine lesson run on screen in the current lesson (race condition, pipeline…), if any. */
  readonly lessonRun: string | null;
}

/** One lesson's request, tagged with the lesson (its LessonRecordOf without the result). */
export type LessonRequestRecordOf<L extends EngineLessonId> = Omit<LessonRecordOf<L>, 'result'>;

/** Any lesson's request, tagged with the lesson. */
export type LessonRequestRecord = { [L in EngineLessonId]: LessonRequestRecordOf<L> }[EngineLessonId];

/** What the shared machine is doing, who asked for it and since when (ISO 8601). */
export type RoomActivity =
  | {
      readonly kind: 'run';
      readonly runId: string;
      readonly request: RunRequest;
      readonly by: LabCaller;
      readonly startedAt: string;
    }
  | {
      readonly kind: 'lesson';
      readonly lesson: LessonRequestRecord;
      readonly by: LabCaller;
      readonly startedAt: string;
    }
  | { readonly kind: 'job'; readonly what: string; readonly by: LabCaller; readonly startedAt: string };

/** The room as every client sees it. */
export interface RoomState {
  /** The instructor's screen, once an instructor reported it. */
  readonly screen: RoomScreen | null;
  readonly activity: RoomActivity | null;
  /** Connected windows per role (the desktop app counts as one instructor). */
  readonly instructors: number;
  readonly attendees: number;
}

/** How attendees join: the link (it carries the attendee token only) and its QR code. */
export interface JoinInfo {
  readonly url: string;
  /** The same link on this machine's other addresses, for a room on another network. */
  readonly otherUrls: readonly string[];
  /** The QR code of `url`, one string of '1' (dark) and '0' per row. */
  readonly qr: readonly string[];
}

/** A live run's state so far, for a window that arrives in the middle of it. */
export interface LiveRun {
  readonly runId: string;
  readonly snapshots: readonly ModelSnapshot[];
  readonly finished: readonly ModelSummary[];
}

/** What a window learns when it joins: who it is, the room, how others join, and the run under way. */
export interface RoomSession {
  readonly you: LabCaller;
  readonly room: RoomState;
  /** Null when the server takes no attendees (a loopback server without tokens, the desktop app alone). */
  readonly join: JoinInfo | null;
  readonly live: LiveRun | null;
}

/**
 * How an engine lesson ended, sent to every window so that followers show what the instructor sees. A
 * finished one carries the run exactly as the lesson's channel replied with it and history:open-lesson
 * returns it, so a window shows it through the same store event either way.
 */
export type LessonEnding =
  | { readonly lesson: EngineLessonId; readonly outcome: 'finished'; readonly run: LessonRun }
  | { readonly lesson: EngineLessonId; readonly outcome: 'cancelled' }
  | { readonly lesson: EngineLessonId; readonly outcome: 'failed'; readonly message: string };

/** A caller in words, as another window reads it ("the instructor (window 3)"). */
export function describeCaller(caller: LabCaller): string {
  if (caller.clientId === DESKTOP_CALLER.clientId) return 'the instructor (desktop app)';
  return `${caller.role === 'instructor' ? 'the instructor' : 'an attendee'} (window ${caller.clientId})`;
}
