import { afterEach, describe, expect, it } from 'vitest';
import type { EventContract, LabEvent, Reply } from '../../shared/ipc';
import type { TimelineTasksReply, TimelineWindowReply } from '../../shared/timeline';
import { builtHostScripts } from '../../test-support/engine-options';
import { RunStore } from './history/run-store';
import { createLabService, type LabService } from './lab-service';
import { forkSpawner } from './models/process-spawner';

const services: LabService[] = [];

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});

function setup(store?: RunStore) {
  const service = createLabService({
    engine: { hostScripts: builtHostScripts(), spawner: forkSpawner, callingThread: 'dedicated' },
    ...(store ? { store } : {}),
  });
  services.push(service);
  const events: LabEvent[] = [];
  service.subscribe((event) => events.push(event));
  const next = async <E extends keyof EventContract>(name: E): Promise<EventContract[E]> => {
    for (;;) {
      const found = events.find((e) => e.event === name);
      if (found) return found.payload as EventContract[E];
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { service, events, finished: () => next('run:finished'), saved: () => next('history:changed') };
}

function value<T>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as T;
}

describe('the timeline questions', () => {
  it('answer the task under a point and a zoomed window, after the run and from the history', async () => {
    const store = await RunStore.open({ file: null });
    const { service, finished, saved } = setup(store);
    const { runId } = value<{ runId: string }>(
      await service.handle('run:start', {
        scenario: 'cpu-primes',
        params: { tasks: 6, taskMs: 20 },
        models: ['sequential', 'gil-threads'],
        pool: { threads: 2 },
      }),
    );
    const view = await finished();
    const wall = view.run.results.find((r) => r.model === 'sequential')!.wallMs;

    const under = value<TimelineTasksReply>(
      await service.handle('timeline:tasks', {
        runId,
        model: 'sequential',
        lane: 0,
        fromMs: wall / 2,
        toMs: wall / 2,
        limit: 3,
      }),
    );
    expect(under.textsKept).toBe(true);
    expect(under.tasks).toHaveLength(1);
    const [task] = under.tasks;
    expect(task).toMatchObject({
      model: 'sequential',
      lane: 0,
      state: 'done',
      text: expect.stringMatching(/count/),
    });
    expect(task!.startedAt).toBeLessThanOrEqual(wall / 2);
    expect(task!.endedAt).toBeGreaterThanOrEqual(wall / 2);

    const gilWall = view.run.results.find((r) => r.model === 'gil-threads')!.wallMs;
    const window = value<TimelineWindowReply>(
      await service.handle('timeline:window', {
        runId,
        model: 'gil-threads',
        fromMs: 0,
        toMs: gilWall,
        columns: 2000,
        lanes: [0, 1],
      }),
    );
    expect(window.lanes.map((lane) => lane.index)).toEqual([0, 1]);
    expect(window.lanes.flatMap((lane) => lane.intervals).length).toBeGreaterThanOrEqual(6);
    expect(window.gil?.kind).toBeDefined();

    // A new service on the same history: the run comes back from its stored timeline, without outputs.
    await saved();
    const again = setup(store);
    const stored = value<TimelineTasksReply>(
      await again.service.handle('timeline:tasks', {
        runId,
        model: 'sequential',
        lane: null,
        fromMs: 0,
        toMs: wall,
        limit: 20,
      }),
    );
    expect(stored.matched).toBe(6);
    expect(stored.textsKept).toBe(false);
  });

  it('refuses malformed questions and unknown runs with typed errors', async () => {
    const { service } = setup();
    const runId = '00000000-0000-4000-8000-000000000000';
    expect(
      await service.handle('timeline:tasks', {
        runId,
        model: 'sequential',
        lane: 0,
        fromMs: 5,
        toMs: 1,
        limit: 3,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/toMs/) },
    });
    expect(
      await service.handle('timeline:window', {
        runId,
        model: 'sequential',
        fromMs: 0,
        toMs: 1,
        columns: 100_000,
        lanes: [0],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/columns/) },
    });
    expect(
      await service.handle('timeline:tasks', {
        runId,
        model: 'sequential',
        lane: 0,
        fromMs: 0,
        toMs: 1,
        limit: 3,
      }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
