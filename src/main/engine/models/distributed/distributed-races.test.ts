/**
 * The distributed model through the registry and a whole run (runScenario), as the CLI and the app run
 * it: every scenario at a small size with its answers checked against sequential's, and a room whose
 * joined worker takes the tasks that may leave the lab machine and sits out those that may not.
 */
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../../../../package.json';
import type { ModelResult } from '../../../../shared/results';
import { SCENARIO_IDS, scenarioInfo, type ScenarioId } from '../../../../shared/scenarios';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { natsServerForTests } from '../../../../test-support/nats';
import { TaskWorker } from '../../../../workers/distributed/task-worker';
import { remoteWorkerPolicy } from '../../../../workers/protocol/distributed/worker-host';
import { runScenario, type EngineOptions } from '../../run/run-session';
import { forkSpawner } from '../process-spawner';
import { ClusterWatch } from './cluster-watch';
import { startRoomServer, type RoomServer } from './room-server';

const binary = natsServerForTests();

/** Small sizes: enough tasks to spread over two workers, cheap enough for a 2-core CI machine. */
const SMALL: { readonly [S in ScenarioId]: Record<string, number> } = {
  'io-sleep': { tasks: 6, taskMs: 20 },
  'cpu-primes': { tasks: 6, taskMs: 5 },
  'cpu-sum-squares': { tasks: 6, taskMs: 5 },
  'cpu-wordcount': { tasks: 3, taskMs: 5 },
  'http-requests': { tasks: 12, latencyMs: 5, bytes: 256, jitterMs: 2 },
  'image-batch': { tasks: 3, imageSize: 32, blurRadius: 2 },
  'matrix-inverse': { tasks: 3, matrixSize: 12 },
};

const engine: EngineOptions = { hostScripts: builtHostScripts(), spawner: forkSpawner };

function distributedOf(results: readonly ModelResult[]): ModelResult {
  return results.find((result) => result.model === 'distributed')!;
}

describe.skipIf(!binary)('the distributed model in a run', () => {
  it.each(SCENARIO_IDS)('runs %s with the answer sequential got, each task counted once', async (id) => {
    const run = await runScenario(
      { scenario: id, params: SMALL[id], models: ['sequential', 'distributed'], pool: { workers: 2 } },
      engine,
    );
    const distributed = distributedOf(run.results);
    expect(distributed.error).toBeUndefined();
    expect(distributed.check.ok).toBe(true);
    expect(distributed.completed + distributed.failed).toBe(distributed.total);
    expect(distributed.failed).toBe(run.results[0]!.failed); // only the failures the scenario injects
    expect(new Set(distributed.timeline.task).size).toBe(distributed.total);
    expect(distributed.placement).toMatch(
      /^2 worker processes on this machine( only)?, through a private NATS server$/,
    );
    // One lane per worker process, labelled with its host and pid.
    for (const lane of distributed.lanes) expect(lane.label).toMatch(new RegExp(`^${hostname()} pid \\d+`));
    expect(distributed.notes.some((note) => note.startsWith('broker ready in '))).toBe(true);
    if (scenarioInfo(id).localOnly) expect(distributed.notes.join('\n')).toContain('local workers only: ');
  });
});

describe.skipIf(!binary)('the distributed model on a room server with a worker that joined', () => {
  let room: RoomServer;
  let watch: ClusterWatch;
  let joined: TaskWorker;

  beforeAll(async () => {
    room = await startRoomServer({ binary: binary!, host: '127.0.0.1', port: 0, tls: null });
    // The room's watch answers the worker's hello, as `concurrency-lab cluster` or the app's panel does.
    watch = await ClusterWatch.start(room.instructor, version, () => undefined);
    joined = await TaskWorker.start({
      connection: { url: room.url, auth: { kind: 'password', ...room.users.attendee } },
      identity: {
        workerId: 'wlaptop7',
        host: 'laptop-7',
        pid: 4242,
        cores: 4,
        platform: 'linux',
        labVersion: version,
      },
      policy: remoteWorkerPolicy(room.url),
      reconnect: 'briefly',
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await joined?.stop();
    await watch?.close();
    await room?.stop();
  });

  const race = (scenario: ScenarioId) =>
    runScenario(
      { scenario, params: SMALL[scenario], models: ['sequential', 'distributed'], pool: { workers: 1 } },
      { ...engine, distributed: { server: room.instructor } },
    );

  it('gives the joined worker a lane of its own, its clock mapped onto the lab’s', async () => {
    const distributed = distributedOf((await race('cpu-primes')).results);
    expect(distributed.check.ok).toBe(true);
    expect(distributed.placement).toMatch(
      /^1 local \+ 1 worker process that joined, through NATS at nats:\/\//,
    );
    expect(distributed.lanes.map((lane) => lane.label)).toContainEqual(
      expect.stringMatching(/^laptop-7 pid 4242 · clock ±[\d.]+ ms$/),
    );
    expect(distributed.notes.join('\n')).toMatch(/clocks of 1 other machine mapped to the lab's within ±/);
  });

  it.each(['cpu-wordcount', 'http-requests'] as const)(
    'keeps %s on the lab machine: the joined worker sits it out, and the notes say why',
    async (scenario) => {
      const distributed = distributedOf((await race(scenario)).results);
      expect(distributed.state).toBe('done');
      expect(distributed.check.ok).toBe(true);
      expect(distributed.lanes.map((lane) => lane.label).join('\n')).not.toContain('laptop-7');
      expect(distributed.placement).toMatch(/^1 worker process on this machine only, through NATS at /);
      expect(distributed.notes).toContain(
        `local workers only: ${scenarioInfo(scenario).localOnly}; 1 worker process that joined sat it out`,
      );
    },
  );
});
