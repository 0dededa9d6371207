import { afterEach, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../shared/ipc';
import type { LabCaller, RoomSession, RoomState } from '../../shared/room';
import { builtHostScripts } from '../../test-support/engine-options';
import { createLabService, type LabService } from './lab-service';
import { forkSpawner } from './models/process-spawner';

const services: LabService[] = [];
const instructor: LabCaller = { role: 'instructor', clientId: '1' };
const second: LabCaller = { role: 'instructor', clientId: '2' };
const attendee: LabCaller = { role: 'attendee', clientId: '3' };

function setup() {
  const service = createLabService({
    engine: { hostScripts: builtHostScripts(), spawner: forkSpawner, callingThread: 'dedicated' },
  });
  services.push(service);
  const events: LabEvent[] = [];
  service.subscribe((event) => events.push(event));
  const until = async (found: () => boolean, timeoutMs = 30_000): Promise<void> => {
    const end = Date.now() + timeoutMs;
    while (!found()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const rooms = (): RoomState[] => events.flatMap((e) => (e.event === 'room:changed' ? [e.payload] : []));
  return { service, events, until, rooms };
}

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});

describe('the lab service in a room', () => {
  it('refuses an attendee anything that starts, stops or deletes, naming the role; reads are allowed', async () => {
    const { service } = setup();
    for (const [channel, payload] of [
      ['run:start', { scenario: 'io-sleep', models: ['async'] }],
      ['run:cancel', { runId: '00000000-0000-4000-8000-000000000000' }],
      ['lesson:deadlock', {}],
      ['lesson:cancel', null],
      ['history:delete', { runIds: ['00000000-0000-4000-8000-000000000000'] }],
      ['room:screen', { view: 'race', lesson: 'ten-files', run: null, runForm: null, lessonRun: null }],
    ] as const) {
      expect(await service.handle(channel, payload, attendee)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', role: 'attendee', message: expect.stringMatching(/an attendee/) },
      });
    }
    expect(await service.handle('history:list', null, attendee)).toMatchObject({ ok: true });
    expect(await service.handle('lab:catalog', null, attendee)).toMatchObject({ ok: true });
  });

  it('tells every window who runs what, and a second instructor the run and its progress rather than a bare busy', async () => {
    const { service, events, until, rooms } = setup();
    const detach = service.attach(instructor);
    service.attach(attendee);
    const started = await service.handle(
      'run:start',
      { scenario: 'io-sleep', params: { tasks: 40, taskMs: 50 }, models: ['sequential'] },
      instructor,
    );
    expect(started.ok).toBe(true);
    const runId = started.ok ? (started.value as { runId: string }).runId : '';
    await until(() => rooms().some((room) => room.activity?.kind === 'run'));
    expect(rooms().at(-1)).toMatchObject({
      instructors: 1,
      attendees: 1,
      activity: { kind: 'run', runId, by: instructor, request: { scenario: 'io-sleep' } },
    });
    await until(() => events.some((e) => e.event === 'run:progress' && e.payload.kind === 'snapshot'));
    const busy = await service.handle('run:start', { scenario: 'io-sleep', models: ['async'] }, second);
    expect(busy).toMatchObject({
      ok: false,
      error: {
        code: 'busy',
        activity: { kind: 'run', runId, by: instructor },
        message: expect.stringMatching(
          /io-sleep on sequential .*instructor \(window 1\).*% of 1 model × 40 tasks done/,
        ),
      },
    });
    const session = await service.handle('room:state', null, second);
    expect(session.ok).toBe(true);
    const { you, live, room } = (session as { value: RoomSession }).value;
    expect(you).toEqual(second);
    expect(room.activity).toMatchObject({ kind: 'run', runId });
    expect(live?.runId).toBe(runId);
    expect(live?.snapshots.length).toBe(1);
    expect(await service.handle('run:cancel', { runId }, second)).toMatchObject({ ok: true });
    await until(() => events.some((e) => e.event === 'run:finished'));
    await until(() => rooms().at(-1)?.activity === null);
    detach();
    await until(() => rooms().at(-1)?.instructors === 0);
  });

  it('keeps the instructor’s screen for the room and tells every window of a change', async () => {
    const { service, until, rooms } = setup();
    const screen = { view: 'lessons', lesson: 'deadlock', run: null, runForm: null, lessonRun: null };
    expect(await service.handle('room:screen', screen, instructor)).toEqual({
      ok: true,
      value: { accepted: true },
    });
    await until(() => rooms().length > 0);
    expect(rooms().at(-1)?.screen).toEqual(screen);
    expect(await service.handle('room:screen', { ...screen, view: 'Race!' }, instructor)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', issues: [{ field: 'view' }] },
    });
  });

  it('announces how an engine lesson ended, with its saved run, after the lab is idle again', async () => {
    const { service, events, until } = setup();
    const reply = await service.handle(
      'lesson:deadlock',
      { pauseMs: 5, reportAfterMs: 200, giveUpAfterMs: 2000, strategies: ['global-order'] },
      instructor,
    );
    expect(reply).toMatchObject({ ok: true });
    await until(() => events.some((e) => e.event === 'lesson:ended'));
    const ended = events.find((e) => e.event === 'lesson:ended');
    expect(ended?.payload).toMatchObject({
      lesson: 'deadlock',
      outcome: 'finished',
      run: { lesson: 'deadlock', runId: (reply as { value: { runId: string } }).value.runId },
    });
    // One shape: the announced run is the LessonRun the channel replied with.
    expect((ended?.payload as { run?: unknown }).run).toEqual((reply as { value: unknown }).value);
    const activityDuring = events.find(
      (e) => e.event === 'room:changed' && e.payload.activity?.kind === 'lesson',
    );
    expect(activityDuring).toBeDefined();
  });
});
