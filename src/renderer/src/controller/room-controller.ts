/**
 * The room's intents. Every window asks who it is and hears the room; an instructor's window reports
 * what it shows; an attendee's window follows it (the view, the lesson, the live run with its lanes,
 * charts and table, the run or lesson result on screen, and the knobs of that run in its form) until
 * the attendee steps away, and follows again on request. A window with nothing of its own under way
 * shows the run the room is watching.
 */
import type { LabApi } from '../../../shared/ipc';
import { isLessonId } from '../../../shared/lessons/workshop';
import type { LiveRun, RoomActivity, RoomScreen } from '../../../shared/room';
import type { ConnectionMonitor } from '../api/connection';
import type { LabStore } from '../store/lab-store';
import { selectFollowing } from '../store/room-slice';
import { selectRunActive, selectRunOnScreen, selectShowsRun } from '../store/run-slice';
import { requestSettings, runSettings, settingsLoaded, type RunSettings } from '../store/run-settings';
import { isRunFormSlot, selectCurrentSlot, slotOf } from '../store/run-slots';
import { engineLessonRequest, sameScreen, selectInstructorScreen } from './room-screen';

/** What the room can be asked for. */
export interface RoomController {
  /** Joins and listens; returns the function that stops listening. */
  start(): () => void;
  /** An attendee goes back to following the instructor's screen. */
  followAgain(): void;
}

/** How long the instructor's screen must be still before it is reported, ms. */
export const SCREEN_REPORT_DEBOUNCE_MS = 100;

/** Creates the room's controller. */
export function createRoomController(
  api: LabApi & { readonly connection: ConnectionMonitor },
  store: LabStore,
): RoomController {
  const state = () => store.getState();
  /** Set while the controller itself changes the view: those changes are not the attendee stepping away. */
  let applying = false;
  const applied = (change: () => void): void => {
    applying = true;
    try {
      change();
    } finally {
      applying = false;
    }
  };

  async function join(): Promise<void> {
    const reply = await api.invoke('room:state', null);
    if (!reply.ok) return;
    state().roomJoined(reply.value);
    // A restarted server knows nothing of this screen yet.
    lastReported = null;
    reportScreen();
    const { live } = reply.value;
    const activity = reply.value.room.activity;
    if (live && activity?.kind === 'run' && watches()) applied(() => joinRun(activity, live));
    follow();
  }

  /** Whether this window shows the room's live work: an attendee who follows, or any idle instructor window. */
  function watches(): boolean {
    const s = state();
    if (s.room.you === null) return false;
    return s.room.you.role === 'instructor' || s.room.following;
  }

  function joinRun(activity: Extract<RoomActivity, { kind: 'run' }>, live: LiveRun): void {
    const s = state();
    // A run this window asked for itself is already on screen.
    if (s.run.phase !== 'idle') return;
    s.roomRunJoined(live, activity.request);
    showRunKnobs();
    // A run lesson's run: its lesson counts it as under way (its Run button waits, Cancel cancels it).
    const form = slotOf(activity.request.origin);
    if (isRunFormSlot(form) && s.lessons.active === null) {
      s.lessonRunRequested(form, activity.request);
      s.lessonRunStarted(activity.runId);
    }
  }

  /** Catches up on a run another window started: its snapshots and finished models so far. */
  async function catchUp(activity: Extract<RoomActivity, { kind: 'run' }>): Promise<void> {
    const reply = await api.invoke('room:state', null);
    if (!reply.ok || reply.value.live?.runId !== activity.runId || !watches()) return;
    applied(() => joinRun(activity, reply.value.live!));
  }

  function watchActivity(activity: RoomActivity | null): void {
    if (!activity || !watches()) return;
    const s = state();
    if (activity.kind === 'run' && s.run.phase === 'idle' && !selectShowsRun(s, activity.runId))
      void catchUp(activity);
    if (activity.kind === 'lesson' && s.lessons.active === null)
      applied(() => s.engineLessonStarted(engineLessonRequest(activity.lesson)));
  }

  /** The run or lesson run being fetched to follow, so a burst of room changes fetches it once. */
  let fetching: string | null = null;

  async function openRun(runId: string): Promise<void> {
    if (fetching === runId) return;
    fetching = runId;
    const reply = await api.invoke('history:open', { runId });
    fetching = null;
    const screen = state().room.room?.screen;
    if (!reply.ok || !selectFollowing(state()) || screen?.run !== runId || selectRunActive(state())) return;
    // The run carries the view that asked for it: it is shown there, as the instructor's window shows it.
    applied(() => state().runOpened(reply.value));
    showRunKnobs();
  }

  async function openLessonRun(runId: string): Promise<void> {
    if (fetching === runId) return;
    fetching = runId;
    const reply = await api.invoke('history:open-lesson', { runId });
    fetching = null;
    if (!reply.ok || !selectFollowing(state()) || state().room.room?.screen?.lessonRun !== runId) return;
    applied(() => {
      // Its lesson comes on screen with the request it ran with, as History re-opens a run…
      state().lessonRunShown(reply.value, 'reopened');
      // …but it is shown as the instructor's result, not as a run "opened from History", and focus stays put.
      state().lessonRunShown(reply.value, 'finished');
      state().lessonFocusTaken();
    });
  }

  /** The knobs last put in a follower's form, so that the room's every change does not put them again. */
  let knobsShown: string | null = null;

  /**
   * A follower's form shows the knobs of the run on screen, as the instructor's does: the run under
   * way (with a switch interval changed live), or the finished run the instructor shows. `again` puts
   * them back even if they were put already (the attendee may have typed since).
   */
  function showRunKnobs(again = false): void {
    const s = state();
    if (!selectFollowing(s)) return;
    const activity = s.room.room?.activity;
    const slot = selectCurrentSlot(s);
    const shown = slot === null ? null : selectRunOnScreen(s, slot).view;
    let settings: RunSettings | null = null;
    if (activity?.kind === 'run' && s.run.runId === activity.runId)
      settings = requestSettings(activity.request);
    else if (shown && shown.run.runId === s.room.room?.screen?.run) settings = runSettings(shown.run);
    if (settings === null) return;
    const key = JSON.stringify(settings);
    if (key === knobsShown && !again) return;
    knobsShown = key;
    settingsLoaded(s, settings);
  }

  /** Shows what the instructor's screen shows, if this window follows it. */
  function follow(): void {
    if (!selectFollowing(state())) return;
    const screen = state().room.room?.screen;
    if (!screen) return;
    applied(() => {
      const s = state();
      s.viewChosen(screen.view);
      if (isLessonId(screen.lesson)) s.lessonChosen(screen.lesson);
    });
    const s = state();
    if (screen.run && !selectRunActive(s) && !selectShowsRun(s, screen.run)) void openRun(screen.run);
    const lesson = screen.lesson;
    if (screen.lessonRun && isLessonId(lesson)) {
      const saved = (s.lessons.saved as Readonly<Record<string, { readonly runId: string } | undefined>>)[
        lesson
      ];
      if (saved?.runId !== screen.lessonRun && s.lessons.active === null)
        void openLessonRun(screen.lessonRun);
    }
    watchActivity(s.room.room?.activity ?? null);
  }

  let lastReported: RoomScreen | null = null;
  let reportTimer: ReturnType<typeof setTimeout> | null = null;
  function reportScreen(): void {
    if (state().room.you?.role !== 'instructor') return;
    if (reportTimer !== null) clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      reportTimer = null;
      const screen = selectInstructorScreen(state());
      if (sameScreen(lastReported, screen)) return;
      lastReported = screen;
      void api.invoke('room:screen', screen);
    }, SCREEN_REPORT_DEBOUNCE_MS);
  }

  function start(): () => void {
    const stops = [
      api.on('room:changed', (room) => {
        const before = state().room.room;
        state().roomChanged(room);
        if (room.activity !== before?.activity) watchActivity(room.activity);
        if (selectFollowing(state())) {
          follow();
          showRunKnobs();
        }
      }),
      api.on('run:progress', (progress) => state().roomRunProgressed(progress)),
      api.on('lesson:ended', (ending) => {
        const active = state().lessons.active;
        if (active?.kind !== 'engine' || active.lesson !== ending.lesson) return;
        // The same run, and the same store event, as the lesson's channel replies to the window that asked.
        if (ending.outcome === 'finished') state().lessonRunShown(ending.run, 'finished');
        else if (ending.outcome === 'cancelled')
          state().engineLessonEnded(ending.lesson, { kind: 'cancelled' });
        else state().engineLessonEnded(ending.lesson, { kind: 'failed', message: ending.message });
      }),
      // Instructors report their screen; an attendee who changes the view or lesson steps away.
      store.subscribe(selectInstructorScreen, reportScreen, { equalityFn: sameScreen }),
      store.subscribe(
        (s) => `${s.view.current} ${s.lessons.current}`,
        () => {
          if (!applying && selectFollowing(state())) state().followStopped();
        },
      ),
      // Again after every reconnection: the room went on meanwhile.
      api.connection.subscribe((connection) => {
        if (connection === 'open') void join();
      }),
      store.subscribe((s) => s.room.you?.role, reportScreen),
    ];
    if (api.connection.current() === 'open') void join();
    return () => {
      for (const stop of stops) stop();
      if (reportTimer !== null) clearTimeout(reportTimer);
    };
  }

  return {
    start,
    followAgain() {
      state().followResumed();
      follow();
      showRunKnobs(true);
    },
  };
}
