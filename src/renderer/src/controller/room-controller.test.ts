import { describe, expect, it } from 'vitest';
import type { RoomScreen, RoomSession, RoomState } from '../../../shared/room';
import { createLabStore } from '../store/lab-store';
import { selectFollowing } from '../store/room-slice';
import { selectRunOnScreen } from '../store/run-slice';
import { FakeLabApi } from '../test-support/fake-lab-api';
import { deadlockLessonRun, runView, snapshot } from '../test-support/fixtures';
import { createRoomController, SCREEN_REPORT_DEBOUNCE_MS } from './room-controller';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const RUN = '11111111-1111-4111-8111-111111111111';
const OLD_RUN = '22222222-2222-4222-8222-222222222222';
const LESSON_RUN = '33333333-3333-4333-8333-333333333333';

const screen = (over: Partial<RoomScreen> = {}): RoomScreen => ({
  view: 'race',
  lesson: 'ten-files',
  run: null,
  runForm: null,
  lessonRun: null,
  ...over,
});
const room = (over: Partial<RoomState> = {}): RoomState => ({
  screen: null,
  activity: null,
  instructors: 1,
  attendees: 1,
  ...over,
});
const runActivity = {
  kind: 'run' as const,
  runId: RUN,
  request: {
    scenario: 'io-sleep' as const,
    params: { tasks: 4 },
    models: ['sequential' as const, 'threads' as const],
    pool: {},
  },
  by: { role: 'instructor' as const, clientId: '1' },
  startedAt: '2025-01-01T10:00:00Z',
};

async function joined(role: 'instructor' | 'attendee', session: Partial<RoomSession> = {}) {
  const api = new FakeLabApi();
  api.handle('room:state', () => ({
    ok: true,
    value: { you: { role, clientId: '7' }, room: room(), join: null, live: null, ...session },
  }));
  api.handle('room:screen', () => ({ ok: true, value: { accepted: true } }));
  api.handle('history:open', ({ runId }) => ({ ok: true, value: runView(runId) }));
  api.handle('history:open-lesson', ({ runId }) => ({ ok: true, value: deadlockLessonRun(runId) }));
  const store = createLabStore();
  const controller = createRoomController(api, store);
  const stop = controller.start();
  await flush();
  return { api, store, controller, stop, state: () => store.getState() };
}

describe('room controller', () => {
  it('an attendee follows the instructor’s view, lesson and finished run', async () => {
    const { api, state } = await joined('attendee');
    expect(selectFollowing(state())).toBe(true);
    api.emit('room:changed', room({ screen: screen({ view: 'lessons', lesson: 'deadlock' }) }));
    expect(state().view.current).toBe('lessons');
    expect(state().lessons.current).toBe('deadlock');
    api.emit('room:changed', room({ screen: screen({ view: 'race', run: OLD_RUN }) }));
    await flush();
    expect(selectRunOnScreen(state(), 'race').view?.run.runId).toBe(OLD_RUN);
    // The Run setup form shows the knobs that run ran with, not the defaults.
    expect(state().setup).toMatchObject({ scenario: 'io-sleep', models: ['sequential', 'threads'] });
    expect(state().setup.knobText['io-sleep']).toMatchObject({ tasks: '10', taskMs: '200' });
    api.emit(
      'room:changed',
      room({ screen: screen({ view: 'lessons', lesson: 'deadlock', lessonRun: LESSON_RUN }) }),
    );
    await flush();
    expect(state().lessons.saved.deadlock).toMatchObject({ runId: LESSON_RUN, reopened: false });
    // The attendee is never asked to report a screen: only instructors do.
    await new Promise((r) => setTimeout(r, SCREEN_REPORT_DEBOUNCE_MS + 20));
    expect(api.channels()).not.toContain('room:screen');
  });

  it('an attendee who picks another view steps away, and follows again on request', async () => {
    const { api, state, controller } = await joined('attendee');
    api.emit('room:changed', room({ screen: screen({ view: 'lessons' }) }));
    state().viewChosen('history');
    expect(selectFollowing(state())).toBe(false);
    api.emit('room:changed', room({ screen: screen({ view: 'gil-lesson' }) }));
    expect(state().view.current).toBe('history');
    controller.followAgain();
    expect(state().view.current).toBe('gil-lesson');
  });

  it('joins the run under way with what it has so far, and follows its progress', async () => {
    const live = {
      runId: RUN,
      snapshots: [snapshot('sequential', { completed: 2, total: 4 })],
      finished: [],
    };
    const { api, state } = await joined('attendee', { room: room({ activity: runActivity }), live });
    expect(state().run).toMatchObject({ phase: 'running', runId: RUN, models: ['sequential', 'threads'] });
    expect(state().run.snapshots.sequential?.completed).toBe(2);
    // Its form shows the knobs of the run under way; a knob the request left out shows its default.
    expect(state().setup).toMatchObject({ scenario: 'io-sleep', models: ['sequential', 'threads'] });
    expect(state().setup.knobText['io-sleep']).toMatchObject({ tasks: '4', taskMs: '2000' });
    api.emit('run:progress', {
      runId: RUN,
      kind: 'snapshot',
      snapshot: snapshot('threads', { completed: 1, total: 4 }),
    });
    expect(state().room.tasks).toBe(4);
  });

  it('a follower’s form follows a switch interval changed live, and Follow again puts back what it typed over', async () => {
    const gilRun = {
      ...runActivity,
      request: { ...runActivity.request, models: ['threads' as const, 'gil-threads' as const] },
    };
    const live = { runId: RUN, snapshots: [], finished: [] };
    const { api, state, controller } = await joined('attendee', { room: room({ activity: gilRun }), live });
    expect(state().setup.poolText.switchIntervalMs ?? '').toBe('');
    api.emit(
      'room:changed',
      room({ activity: { ...gilRun, request: { ...gilRun.request, pool: { switchIntervalMs: 1 } } } }),
    );
    expect(state().setup.poolText.switchIntervalMs).toBe('1');
    // The attendee steps away and types over the form; following again shows the run's knobs again.
    state().viewChosen('history');
    state().knobEdited('tasks', '9');
    expect(state().setup.knobText['io-sleep']?.tasks).toBe('9');
    controller.followAgain();
    expect(state().setup.knobText['io-sleep']?.tasks).toBe('4');
  });

  it('an idle instructor window catches up on a run another window started', async () => {
    const { api, state } = await joined('instructor');
    const live = { runId: RUN, snapshots: [snapshot('sequential')], finished: [] };
    api.handle('room:state', () => ({
      ok: true,
      value: {
        you: { role: 'instructor', clientId: '7' },
        room: room({ activity: runActivity }),
        join: null,
        live,
      },
    }));
    state().setupLoaded({
      scenario: 'io-sleep',
      knobText: { tasks: '12' },
      models: ['sequential'],
      poolText: {},
    });
    api.emit('room:changed', room({ activity: runActivity }));
    await flush();
    expect(state().run).toMatchObject({ phase: 'running', runId: RUN });
    // An instructor's own form is theirs: what they typed stays.
    expect(state().setup.knobText['io-sleep']?.tasks).toBe('12');
  });

  it('an instructor reports its screen, once per change', async () => {
    const { api, state } = await joined('instructor');
    state().viewChosen('lessons');
    state().lessonChosen('deadlock');
    await new Promise((r) => setTimeout(r, SCREEN_REPORT_DEBOUNCE_MS + 20));
    const reports = api.calls.filter((call) => call.channel === 'room:screen').map((call) => call.request);
    expect(reports.at(-1)).toEqual(screen({ view: 'lessons', lesson: 'deadlock' }));
    const count = reports.length;
    state().viewChosen('lessons');
    await new Promise((r) => setTimeout(r, SCREEN_REPORT_DEBOUNCE_MS + 20));
    expect(api.calls.filter((call) => call.channel === 'room:screen')).toHaveLength(count);
  });

  it('shows an engine lesson another window runs, and how it ended', async () => {
    const { api, state } = await joined('attendee');
    const lesson = {
      kind: 'lesson' as const,
      lesson: { lesson: 'deadlock' as const, request: { pauseMs: 20 } },
      by: { role: 'instructor' as const, clientId: '1' },
      startedAt: '2025-01-01T10:00:00Z',
    };
    api.emit('room:changed', room({ activity: lesson }));
    expect(state().lessons.active).toMatchObject({ kind: 'engine', lesson: 'deadlock' });
    const run = deadlockLessonRun(LESSON_RUN);
    api.emit('lesson:ended', { lesson: 'deadlock', outcome: 'finished', run });
    expect(state().lessons.active).toBeNull();
    expect(state().lessons.saved.deadlock?.runId).toBe(LESSON_RUN);
  });
});
