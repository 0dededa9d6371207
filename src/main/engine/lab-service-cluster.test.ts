/**
 * The app's cluster panel through the lab service: a room server started between runs, a worker that
 * joins it listed live and given a lane in the next run, the instructor's password kept out of every
 * reply, event and saved run, attendees refused, and a room server that dies reported.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import type { ClusterState } from '../../shared/cluster';
import type { LabEvent } from '../../shared/ipc';
import { builtHostScripts } from '../../test-support/engine-options';
import { isAlive } from '../../test-support/distributed';
import { natsServerForTests } from '../../test-support/nats';
import { TaskWorker } from '../../workers/distributed/task-worker';
import { remoteWorkerPolicy } from '../../workers/protocol/distributed/worker-host';
import { createLabService, type LabService } from './lab-service';
import { NATS_SERVER_MISSING } from './models/distributed/nats-server-locator';
import { forkSpawner } from './models/process-spawner';
import { LabCluster } from './service/lab-cluster';

const binary = natsServerForTests();
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function setup(): { service: LabService; events: LabEvent[] } {
  const service = createLabService({
    engine: { hostScripts: builtHostScripts(), spawner: forkSpawner, callingThread: 'dedicated' },
  });
  cleanups.push(() => service.close());
  const events: LabEvent[] = [];
  service.subscribe((event) => events.push(event));
  return { service, events };
}

async function until<T>(find: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function value<T>(reply: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const answer = await reply;
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value as T;
}

const attendee = { role: 'attendee', clientId: '7' } as const;

describe('the cluster without nats-server', () => {
  it('is private, says how to get nats-server, and refuses to start a room with that line', async () => {
    const missing = { available: false, reason: NATS_SERVER_MISSING } as const;
    const cluster = new LabCluster({ changed: () => undefined, locate: () => missing });
    expect(cluster.state()).toMatchObject({ mode: 'private', natsServer: missing, workers: [] });
    await expect(cluster.start({ host: '127.0.0.1', port: 0 })).rejects.toThrow(NATS_SERVER_MISSING);
    expect(cluster.settings()).toEqual({ server: null });
  });
});

describe.skipIf(!binary)('the cluster panel', () => {
  it('starts a room, lists a worker that joins, runs on it, and keeps the instructor’s password to itself', async () => {
    const { service, events } = setup();
    expect(await value<ClusterState>(service.handle('cluster:state', null))).toMatchObject({
      mode: 'private',
      natsServer: { available: true },
    });
    const room = await value<ClusterState>(service.handle('cluster:start', { host: '127.0.0.1', port: 0 }));
    expect(room).toMatchObject({ mode: 'room', reach: expect.stringMatching(/^this machine only/) });
    expect(room.url).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    const [, user, password] = /--user (\S+) --password (\S+)$/.exec(room.join!.command)!;
    expect(room.join!.command).toBe(
      `concurrency-lab worker --server ${room.url} --user ${user} --password ${password}`,
    );
    expect(room.join!.qr.length).toBeGreaterThan(20);

    const worker = await TaskWorker.start({
      connection: { url: room.url!, auth: { kind: 'password', user: user!, password: password! } },
      identity: {
        workerId: 'wpanel1',
        host: 'laptop-3',
        pid: 3131,
        cores: 8,
        platform: 'darwin',
        labVersion: version,
      },
      policy: remoteWorkerPolicy(room.url!),
      reconnect: 'briefly',
      log: () => undefined,
    });
    cleanups.push(() => worker.stop());
    const listed = await until(
      () =>
        events.find(
          (e): e is Extract<LabEvent, { event: 'cluster:changed' }> =>
            e.event === 'cluster:changed' && e.payload.workers.some((w) => w.host === 'laptop-3'),
        ),
      'the worker in the panel',
    );
    expect(listed.payload.workers[0]).toMatchObject({ host: 'laptop-3', pid: 3131, cores: 8, state: 'idle' });

    const catalog = await value<{ models: { id: string; availability: unknown }[] }>(
      service.handle('lab:catalog', null),
    );
    expect(catalog.models.find((m) => m.id === 'distributed')!.availability).toEqual({
      available: true,
      runtime: `NATS JetStream at ${room.url}`,
    });

    const { runId } = await value<{ runId: string }>(
      service.handle('run:start', {
        scenario: 'cpu-primes',
        params: { tasks: 6, taskMs: 5 },
        models: ['distributed'],
        pool: { workers: 1 },
      }),
    );
    // A room server in use cannot be changed under a run.
    expect(await service.handle('cluster:stop', null)).toMatchObject({ ok: false, error: { code: 'busy' } });
    const finished = await until(
      () =>
        events.find(
          (e): e is Extract<LabEvent, { event: 'run:finished' }> =>
            e.event === 'run:finished' && e.payload.run.runId === runId,
        ),
      'the run',
    );
    const result = finished.payload.run.results[0]!;
    expect(result.check.ok).toBe(true);
    expect(result.lanes.map((lane) => lane.label)).toContainEqual(
      expect.stringMatching(/^laptop-3 pid 3131/),
    );
    expect(result.notes.join(' ')).toContain(
      `1 local + 1 worker process that joined, through NATS at ${room.url}`,
    );

    // No credential but the attendees' own is in a reply, an event or an export.
    const exported = await value<{ content: string }>(
      service.handle('run:export', { runId, format: 'json' }),
    );
    const everything = JSON.stringify(events) + JSON.stringify(room) + exported.content;
    expect(everything).not.toMatch(/"(auth|password|user)"/);
    const passwords = [...everything.matchAll(/--password (\S+?)(?:\\n|"|\s|$)/g)].map((m) => m[1]);
    expect(new Set(passwords)).toEqual(new Set([password]));

    const stopped = await value<ClusterState>(service.handle('cluster:stop', null));
    expect(stopped).toMatchObject({ mode: 'private', url: null, workers: [] });
  });

  it('refuses an attendee’s start, connect and stop, and shows them how to join', async () => {
    const { service } = setup();
    for (const [channel, request] of [
      ['cluster:start', { host: '0.0.0.0', port: 0 }],
      ['cluster:connect', { url: 'nats://127.0.0.1:4222' }],
      ['cluster:stop', null],
    ] as const)
      expect(await service.handle(channel, request, attendee)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', role: 'attendee' },
      });
    expect(await service.handle('cluster:state', null, attendee)).toMatchObject({ ok: true });
  });

  it('refuses bad input in one line naming the field, and a port in use', async () => {
    const { service } = setup();
    expect(await service.handle('cluster:start', { host: '127.0.0.1', port: 70000 })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'port must be an integer from 0 to 65535 (0: any free port)',
      },
    });
    expect(await service.handle('cluster:connect', { url: 'http://lab:4222' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: 'url must be nats://HOST:PORT or tls://HOST:PORT, with a port from 1 to 65535',
      },
    });
    expect(await service.handle('cluster:connect', { url: 'nats://lab:4222', user: 'u' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: 'password user and password go together' },
    });
    const first = await value<ClusterState>(service.handle('cluster:start', { host: '127.0.0.1', port: 0 }));
    const port = Number(/:(\d+)$/.exec(first.url!)![1]);
    const other = setup().service;
    expect(await other.handle('cluster:start', { host: '127.0.0.1', port })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: `port ${port} is in use: choose another, or 0 for any free port`,
      },
    });
  });

  it('connects to a running room as its instructor, and refuses a wrong password', async () => {
    const host = setup().service;
    const room = await value<ClusterState>(host.handle('cluster:start', { host: '127.0.0.1', port: 0 }));
    const { service } = setup();
    expect(
      await service.handle('cluster:connect', { url: room.url!, user: 'instructor', password: 'guess' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringMatching(new RegExp(`^could not use ${room.url}: .*[Aa]uthorization`)),
      },
    });
    expect(await value<ClusterState>(service.handle('cluster:state', null))).toMatchObject({
      mode: 'private',
    });
  });

  it('reports a room server that dies, and goes back to private servers', async () => {
    const states: ClusterState[] = [];
    const cluster = new LabCluster({ changed: (state) => states.push(state) });
    cleanups.push(() => cluster.close());
    await cluster.start({ host: '127.0.0.1', port: 0 });
    const pid = cluster.serverPid()!;
    process.kill(pid, 'SIGKILL');
    const lost = await until(() => states.find((state) => state.problem !== null), 'the problem');
    expect(lost).toMatchObject({
      mode: 'private',
      problem: expect.stringMatching(/^the room server .*; distributed runs start a private server again$/),
    });
    expect(cluster.settings()).toEqual({ server: null });
    expect(isAlive(pid)).toBe(false);
  });
});
