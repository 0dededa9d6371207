import { describe, expect, it } from 'vitest';
import type { RoomState } from '../../../shared/room';
import { snapshot } from '../test-support/fixtures';
import { createLabStore } from './lab-store';
import { selectFollowing, selectIsAttendee, selectRoomRunPercent } from './room-slice';

const RUN = '11111111-1111-4111-8111-111111111111';
const running: RoomState = {
  screen: null,
  activity: {
    kind: 'run',
    runId: RUN,
    request: { scenario: 'io-sleep', params: {}, models: ['sequential', 'threads'], pool: {} },
    by: { role: 'instructor', clientId: '1' },
    startedAt: '2025-01-01T10:00:00Z',
  },
  instructors: 1,
  attendees: 3,
};

describe('room slice', () => {
  it('knows an attendee, who follows until stepping away', () => {
    const store = createLabStore();
    expect(selectIsAttendee(store.getState())).toBe(false);
    store
      .getState()
      .roomJoined({ you: { role: 'attendee', clientId: '4' }, room: running, join: null, live: null });
    expect(selectFollowing(store.getState())).toBe(true);
    store.getState().followStopped();
    expect(selectFollowing(store.getState())).toBe(false);
    store.getState().followResumed();
    expect(selectFollowing(store.getState())).toBe(true);
  });

  it('counts the progress of the run under way across its models, and forgets it when the run changes', () => {
    const store = createLabStore();
    store.getState().roomChanged(running);
    expect(selectRoomRunPercent(store.getState())).toBeNull();
    const progress = (model: 'sequential' | 'threads', completed: number) =>
      store.getState().roomRunProgressed({
        runId: RUN,
        kind: 'snapshot',
        snapshot: snapshot(model, { completed, failed: 0, total: 10 }),
      });
    progress('sequential', 10);
    progress('threads', 5);
    expect(selectRoomRunPercent(store.getState())).toBe(75);
    store.getState().roomRunProgressed({
      runId: 'other',
      kind: 'snapshot',
      snapshot: snapshot('threads', { completed: 10, total: 10 }),
    });
    expect(selectRoomRunPercent(store.getState())).toBe(75);
    store.getState().roomChanged({ ...running, activity: null });
    expect(store.getState().room.settled).toEqual({});
  });
});
