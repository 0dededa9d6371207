/**
 * A worker on "another machine": its own network namespace, reaching the room server over a veth pair
 * (a real interface, not loopback). Needs root and iproute2; skips with a message elsewhere. Traffic
 * goes only between the namespace and the host's end of the pair.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../../../../package.json';
import { isAlive, settlements } from '../../../../test-support/distributed';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { natsServerForTests } from '../../../../test-support/nats';
import type { TaskEvent } from '../../../../workers/protocol/executor';
import { forkSpawner } from '../process-spawner';
import { ClusterWatch } from './cluster-watch';
import { DistributedExecutor } from './distributed-executor';
import { startRoomServer, type RoomServer } from './room-server';

const bin = resolve(__dirname, '../../../../../bin/concurrency-lab.js');
const binary = natsServerForTests();
const id = process.pid % 10_000;
const namespace = `clab${id}`;
const hostSide = `clabh${id}`;
const nsSide = `clabn${id}`;
const subnet = `10.213.${process.pid % 250}`;
const hostAddress = `${subnet}.1`;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Why this machine cannot make a network namespace, or null when it may try. */
function cannotTry(): string | null {
  if (!binary) return 'no nats-server';
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (process.getuid?.() !== 0) return 'making a network namespace needs root';
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'iproute2 (ip) is not installed';
  }
  return null;
}

/** Makes the namespace and the veth pair; the reason when this machine cannot. */
function makeNamespace(): string | null {
  try {
    ip('netns', 'add', namespace);
    ip('link', 'add', hostSide, 'type', 'veth', 'peer', 'name', nsSide);
    ip('link', 'set', nsSide, 'netns', namespace);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', hostSide);
    ip('link', 'set', hostSide, 'up');
    ip('netns', 'exec', namespace, 'ip', 'addr', 'add', `${subnet}.2/30`, 'dev', nsSide);
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', nsSide, 'up');
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up');
    return null;
  } catch (error) {
    removeNamespace();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return `ip netns is not usable here (${stderr || (error as Error).message})`;
  }
}

function removeNamespace(): void {
  for (const args of [
    ['netns', 'del', namespace],
    ['link', 'del', hostSide],
  ]) {
    try {
      ip(...args);
    } catch {
      // already gone
    }
  }
}

const untried = cannotTry();
if (untried && binary) console.warn(`skipping the network-namespace test: ${untried}`);

describe.skipIf(untried !== null)('a worker in its own network namespace', () => {
  let unusable: string | null = null;
  let room: RoomServer | undefined;
  let watch: ClusterWatch | undefined;
  let worker: ChildProcess | null = null;

  beforeAll(async () => {
    unusable = makeNamespace();
    if (unusable) return;
    // As `concurrency-lab cluster` does: the room's server, and the lab answering workers between runs.
    room = await startRoomServer({ binary: binary!, host: hostAddress, port: 0, tls: null });
    watch = await ClusterWatch.start(room.instructor, version, () => undefined);
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await watch?.close();
    await room?.stop();
    removeNamespace();
  });

  it('joins the room over a real interface and runs the lab tasks as a lane', async (context) => {
    if (unusable || !room) {
      console.warn(`skipping the network-namespace test: ${unusable}`);
      return context.skip();
    }
    expect(room.url).toBe(`nats://${hostAddress}:${room.server.port}`);
    const { user, password } = room.users.attendee;
    worker = spawn(
      'ip',
      [
        'netns',
        'exec',
        namespace,
        process.execPath,
        bin,
        'worker',
        '--server',
        room.url,
        '--user',
        user,
        '--password',
        password,
        '--concurrency',
        '1',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    const joined = new Promise<number>((resolveJoin, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the namespaced worker did not join:\n${stderr}`)),
        20_000,
      );
      worker!.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /worker 1 \(pid (\d+)\) joined/.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolveJoin(Number(match[1]));
        }
      });
    });
    const workerPid = await joined;
    // Its connection to the server is over the veth pair: from the namespace's address.
    const sockets = execFileSync('ip', ['netns', 'exec', namespace, 'ss', '-tnH', 'state', 'established'], {
      encoding: 'utf8',
    });
    expect(sockets).toContain(`${subnet}.2:`);
    expect(sockets).toContain(`${hostAddress}:${room.server.port}`);

    const executor = new DistributedExecutor({
      broker: { kind: 'existing', connection: room.instructor },
      localWorkers: 0,
      workerScript: builtHostScripts().distributedWorker,
      spawner: forkSpawner,
      labVersion: version,
      taskTimeoutMs: null,
      log: () => undefined,
    });
    const events: TaskEvent[] = [];
    try {
      await executor.start();
      const tasks = Array.from({ length: 4 }, (_, token) => ({
        workload: 'sleep' as const,
        input: { ms: 10, token },
      }));
      await executor.run(tasks, (event) => events.push(event), new AbortController().signal);
    } finally {
      await executor.close();
    }
    const { byTask } = settlements(events);
    expect([...byTask.values()].every((event) => event.type === 'finished')).toBe(true);
    expect(events.some((e) => e.type === 'lane' && e.lane.label.includes(`pid ${workerPid}`))).toBe(true);
    worker.kill('SIGINT');
    await new Promise((resolveExit) => worker!.once('exit', resolveExit));
    expect(isAlive(workerPid)).toBe(false);
  });
});
