import { afterEach, describe, expect, it } from 'vitest';
import {
  INVOKE_CHANNELS,
  type EventContract,
  type InvokeChannel,
  type InvokeContract,
  type LabEvent,
  type Reply,
} from '../../shared/ipc';
import { type HistoryItem } from '../../shared/views';
import type { RoomSession } from '../../shared/room';
import { seededRandom } from '../../shared/hashing';
import { builtHostScripts } from '../../test-support/engine-options';
import { createLabService, type LabService } from './lab-service';
import { forkSpawner, type ProcessSpawner } from './models/process-spawner';

const services: LabService[] = [];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function setup(
  options: {
    spawner?: ProcessSpawner;
    hostScripts?: ReturnType<typeof builtHostScripts>;
    systemSampleMs?: number;
  } = {},
) {
  const service = createLabService({
    engine: {
      hostScripts: options.hostScripts ?? builtHostScripts(),
      spawner: options.spawner ?? forkSpawner,
      callingThread: 'dedicated',
    },
    systemSampleMs: options.systemSampleMs,
  });
  services.push(service);
  const events: LabEvent[] = [];
  service.subscribe((event) => events.push(event));
  const next = async <E extends keyof EventContract>(
    name: E,
    timeoutMs = 30_000,
  ): Promise<EventContract[E]> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find((e) => e.event === name);
      if (found) return found.payload as EventContract[E];
      if (Date.now() > until) throw new Error(`no ${name}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { service, events, next };
}

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});

describe('the lab service', () => {
  it('describes the machine and defaults in its catalog', async () => {
    const { service } = setup();
    const reply = await service.handle('lab:catalog', null);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const catalog = reply.value as {
      scenarios: unknown[];
      models: { id: string; defaultSelected?: boolean }[];
      python: { interpreters: { label: string }[]; unavailable: string | null };
      defaultPool: { threads: number };
      machine: { cores: number };
    };
    expect(catalog.scenarios).toHaveLength(7);
    expect(catalog.models.map((m) => m.id)).toEqual([
      'sequential',
      'async',
      'threads',
      'gil-threads',
      'processes',
      'distributed',
      'py-sequential',
      'py-asyncio',
      'py-threads',
      'py-processes',
      'py-threads-nogil',
    ]);
    // A new race ticks the five Node models; distributed and the CPython models are opt-in.
    expect(catalog.models.filter((m) => m.defaultSelected !== false).map((m) => m.id)).toEqual([
      'sequential',
      'async',
      'threads',
      'gil-threads',
      'processes',
    ]);
    // This machine has python3 (CI installs it): the catalog names it.
    expect(catalog.python.unavailable).toBeNull();
    expect(catalog.python.interpreters[0]!.label).toMatch(/^CPython 3\.\d+\.\d+, GIL$/);
    expect(catalog.defaultPool.threads).toBe(Math.min(32, catalog.machine.cores + 4));
  });

  it('answers bad requests with typed errors and starts nothing', async () => {
    const { service, events } = setup();
    expect(await service.handle(42, null)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(
      await service.handle('run:start', { scenario: 'io-sleep', models: ['threads', 'fibers'] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/models\.1 must be one of/) },
    });
    expect(await service.handle('run:cancel', { runId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(
      await service.handle('history:open', { runId: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await service.handle('lab:catalog', { sneaky: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(events.filter((e) => e.event.startsWith('run:'))).toEqual([]);
  });

  it('cancels a run on request: the view says cancelled and no process survives', async () => {
    const pids: number[] = [];
    const spawner: ProcessSpawner = {
      kind: 'child_process',
      spawn(path, options) {
        const child = forkSpawner.spawn(path, options);
        if (child.pid) pids.push(child.pid);
        return child;
      },
    };
    const { service, events, next } = setup({ spawner });
    const started = await service.handle('run:start', {
      scenario: 'io-sleep',
      params: { tasks: 4, taskMs: 30_000 },
      models: ['processes', 'sequential'],
      pool: { processes: 2 },
    });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value as { runId: string };
    while (
      !events.some(
        (e) => e.event === 'run:progress' && e.payload.kind === 'snapshot' && e.payload.snapshot.running > 0,
      )
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await service.handle('run:cancel', { runId })).toMatchObject({
      ok: true,
      value: { cancelled: true },
    });
    const view = await next('run:finished');
    expect(view.run.state).toBe('cancelled');
    expect(view.run.results.map((r) => r.state)).toEqual(['cancelled', 'cancelled']);
    expect(pids.length).toBe(2);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('changes the switch interval live only while a model with a GIL runs', async () => {
    const { service, events, next } = setup();
    expect(await service.handle('gil:switch-interval', { switchIntervalMs: 1 })).toMatchObject({
      ok: true,
      value: { applied: false },
    });
    const started = await service.handle('run:start', {
      scenario: 'io-sleep',
      params: { tasks: 4, taskMs: 1500 },
      models: ['threads', 'gil-threads'],
      pool: { threads: 2 },
    });
    if (!started.ok) throw new Error(started.error.message);
    const runningModel = (model: string): boolean =>
      events.some(
        (e) =>
          e.event === 'run:progress' &&
          e.payload.kind === 'snapshot' &&
          e.payload.snapshot.model === model &&
          e.payload.snapshot.running > 0,
      );
    while (!runningModel('threads')) await new Promise((r) => setTimeout(r, 20));
    expect(await service.handle('gil:switch-interval', { switchIntervalMs: 1 })).toMatchObject({
      value: { applied: false },
    });
    while (!runningModel('gil-threads')) await new Promise((r) => setTimeout(r, 20));
    expect(await service.handle('gil:switch-interval', { switchIntervalMs: 1 })).toMatchObject({
      value: { applied: true },
    });
    // The room hears of it: the run under way now says it runs with that interval.
    const room = await service.handle('room:state', null);
    expect(room.ok && (room.value as RoomSession).room.activity).toMatchObject({
      kind: 'run',
      request: { pool: { threads: 2, switchIntervalMs: 1 } },
    });
    await next('run:finished');
    expect(await service.handle('gil:switch-interval', { switchIntervalMs: 1 })).toMatchObject({
      value: { applied: false },
    });
  });

  it('close() stops a run in progress and every process it started', async () => {
    const pids: number[] = [];
    const spawner: ProcessSpawner = {
      kind: 'child_process',
      spawn(path, options) {
        const child = forkSpawner.spawn(path, options);
        if (child.pid) pids.push(child.pid);
        return child;
      },
    };
    const { service, events } = setup({ spawner });
    const started = await service.handle('run:start', {
      scenario: 'http-requests',
      params: { tasks: 50, latencyMs: 10_000 },
      models: ['processes'],
    });
    expect(started.ok).toBe(true);
    while (
      !events.some(
        (e) => e.event === 'run:progress' && e.payload.kind === 'snapshot' && e.payload.snapshot.running > 0,
      )
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await service.close();
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('reports a run that cannot even start as run:failed, and is ready for the next one', async () => {
    const scripts = builtHostScripts();
    const { service, next } = setup({
      hostScripts: { ...scripts, latencyServerHost: '/nonexistent/latency-server-host.js' },
    });
    const started = await service.handle('run:start', {
      scenario: 'http-requests',
      params: { tasks: 3 },
      models: ['async'],
    });
    expect(started.ok).toBe(true);
    const failed = await next('run:failed');
    expect(failed.message).toMatch(/http-requests could not run/);
    const again = await service.handle('run:start', {
      scenario: 'io-sleep',
      params: { tasks: 1, taskMs: 1 },
      models: ['async'],
    });
    expect(again.ok).toBe(true);
    await next('run:finished');
  });

  it('is idle when run:finished arrives: a run started on receipt of it is never refused as busy', async () => {
    const { service, events } = setup();
    const request = { scenario: 'io-sleep', params: { tasks: 2, taskMs: 1 }, models: ['async'] };
    const rounds = 10;
    const refusals: Reply<unknown>[] = [];
    let finished = 0;
    const start = (): void =>
      void service.handle('run:start', request).then((reply) => {
        if (!reply.ok) refusals.push(reply);
      });
    service.subscribe((event) => {
      // Synchronously, inside the listener: nothing may run between the event and the next request.
      if (event.event === 'run:finished' && ++finished < rounds) start();
    });
    start();
    const until = Date.now() + 60_000;
    while (finished < rounds && refusals.length === 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    expect(refusals).toEqual([]);
    expect(events.filter((e) => e.event === 'run:finished')).toHaveLength(rounds);
  });

  it('answers 2,000 random IPC payloads with typed replies, starts nothing, and stays healthy', async () => {
    const { service, events } = setup();
    const random = seededRandom(7);
    const junk = (depth: number): unknown => {
      const r = random();
      if (depth > 2 || r < 0.35)
        return [null, undefined, 0, -1, 2 ** 53, 'io-sleep', 'x'.repeat(Math.floor(random() * 40)), true][
          Math.floor(random() * 8)
        ];
      if (r < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => junk(depth + 1));
      const keys = [
        'scenario',
        'params',
        'models',
        'pool',
        'runId',
        'format',
        'tasks',
        '__proto__',
        'constructor',
        'toString',
      ];
      return Object.fromEntries(keys.filter(() => random() < 0.4).map((k) => [k, junk(depth + 1)]));
    };
    const channels = [...INVOKE_CHANNELS.filter((c) => c !== 'run:start'), 'run:start', 'lab:*', '', 7, null];
    for (let i = 0; i < 2000; i++) {
      const channel = channels[Math.floor(random() * channels.length)];
      const payload = junk(0);
      const reply = await service.handle(channel, payload);
      expect(typeof reply.ok).toBe('boolean');
      if (!reply.ok) {
        expect(['invalid-request', 'unknown-channel', 'not-found']).toContain(reply.error.code);
        expect(reply.error.message.length).toBeGreaterThan(0);
      }
    }
    expect(events.filter((e) => e.event.startsWith('run:'))).toEqual([]);
    // `{}` is a valid request of the lessons whose knobs all have defaults: those lessons ran and were kept.
    const listed = await service.handle('history:list', null);
    if (!listed.ok) throw new Error(listed.error.message);
    expect((listed.value as readonly HistoryItem[]).filter((item) => item.kind === 'race')).toEqual([]);
  });

  it('keeps every finished lesson run in the history: listed, re-opened, exported alone and deleted', async () => {
    const { service, next } = setup();
    const ok = <C extends InvokeChannel>(_channel: C, reply: Reply<unknown>): InvokeContract[C]['reply'] => {
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value as InvokeContract[C]['reply'];
    };
    const deadlock = ok(
      'lesson:deadlock',
      await service.handle('lesson:deadlock', { pauseMs: 20, reportAfterMs: 60 }),
    );
    const passing = ok(
      'lesson:data-passing',
      await service.handle('lesson:data-passing', { sizes: [4096], repeats: 1, latencySamples: 10 }),
    );
    expect(deadlock.runId).not.toBe(passing.runId);

    const race = ok(
      'run:start',
      await service.handle('run:start', {
        scenario: 'io-sleep',
        params: { tasks: 2, taskMs: 1 },
        models: ['async'],
      }),
    );
    await next('run:finished');
    const listed = ok('history:list', await service.handle('history:list', null));
    expect(listed.map((item) => item.runId).sort()).toEqual(
      [deadlock.runId, passing.runId, race.runId].sort(),
    );
    const lessonItem = listed.find((item) => item.runId === deadlock.runId);
    expect(lessonItem).toMatchObject({ kind: 'lesson', lesson: 'deadlock', title: 'Deadlock' });
    expect(lessonItem?.kind === 'lesson' ? lessonItem.verdict : '').toMatch(
      /^opposite-order: deadlock detected after \d+ ms · global-order: completed/,
    );

    const reopened = ok(
      'history:open-lesson',
      await service.handle('history:open-lesson', { runId: deadlock.runId }),
    );
    expect(reopened.lesson).toBe('deadlock');
    expect(reopened.request).toEqual({ pauseMs: 20, reportAfterMs: 60 });
    // The lesson's channel replied with the run as the history keeps it: re-opened, it is the same.
    expect(reopened).toEqual(deadlock);

    const markdown = ok(
      'history:export',
      await service.handle('history:export', { runIds: [deadlock.runId], format: 'markdown' }),
    );
    expect(markdown.filename).toMatch(/^concurrency-lab-deadlock-.+\.md$/);
    expect(markdown.content).toContain('# Deadlock');
    const noTrace = await service.handle('history:export', { runIds: [passing.runId], format: 'trace' });
    expect(noTrace).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!noTrace.ok && noTrace.error.message).toMatch(/data-passing lesson has no timeline/);
    const mixed = await service.handle('history:export', {
      runIds: [race.runId, deadlock.runId],
      format: 'json',
    });
    expect(!mixed.ok && mixed.error.message).toMatch(/lesson run: lesson runs are exported one at a time/);
    const compared = await service.handle('history:compare', { runIds: [race.runId, deadlock.runId] });
    expect(!compared.ok && compared.error.message).toMatch(/only races of models can be compared/);
    const asRace = await service.handle('history:open', { runId: deadlock.runId });
    expect(!asRace.ok && asRace.error.message).toMatch(/opens in its lesson/);

    expect(
      ok('history:delete', await service.handle('history:delete', { runIds: [deadlock.runId] })),
    ).toEqual({ deleted: 1 });
    const left = ok('history:list', await service.handle('history:list', null)).map((item) => item.runId);
    expect(left).not.toContain(deadlock.runId);
    expect(await service.handle('history:open-lesson', { runId: deadlock.runId })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('streams system stats of the main process', async () => {
    const { next } = setup({ systemSampleMs: 100 });
    const stats = await next('system:stats', 5000);
    expect(stats.eventLoopDelay.p99).toBeGreaterThanOrEqual(0);
    expect(stats.eventLoopDelay.max).toBeGreaterThanOrEqual(stats.eventLoopDelay.p50);
    expect(stats.rssMb).toBeGreaterThan(10);
    expect(stats.machineCpuPercent).toBeGreaterThanOrEqual(0);
    expect(stats.machineCpuPercent).toBeLessThanOrEqual(100);
  });
});
