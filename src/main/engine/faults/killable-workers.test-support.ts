/**
 * Real pool workers (worker threads, child processes) that a test can kill from outside the pool,
 * as the OOM killer, a crash or `kill -9` would: a process gets SIGKILL, a thread is terminated
 * behind the pool's back. The pool learns of it only through the worker's exit, as in real life.
 */
import type { ModelId } from '../../../shared/models';
import { builtHostScripts } from '../../../test-support/engine-options';
import { createGilBuffer } from '../../../workers/protocol/gil-memory';
import type { TaskEvent, TaskSpec } from '../../../workers/protocol/executor';
import { processWorkerFactory, threadWorkerFactory } from '../models/pool-workers';
import type { PoolWorker, PoolWorkerFactory } from '../models/pool-worker';
import { forkSpawner, type ProcessSpawner } from '../models/process-spawner';

/** The pooled models: the ones whose workers can be killed. */
export type PooledModel = Extract<ModelId, 'threads' | 'gil-threads' | 'processes'>;

/** A worker the test can see, and kill. */
export interface KillableWorker {
  readonly lane: number;
  /** Index among every worker the factory created, from 0. */
  readonly serial: number;
  readonly label: string;
  /** Whether it has not exited yet, killed or not. */
  alive(): boolean;
  /** SIGKILL for a process, an outside terminate() for a thread. */
  kill(): void;
}

/** A factory whose workers can be killed, and the workers it made. */
export interface KillableWorkers {
  readonly factory: PoolWorkerFactory;
  readonly created: readonly KillableWorker[];
  /** Called with each worker as soon as it exists (before it is ready): where start-up kills happen. */
  onCreate: ((worker: KillableWorker) => void) | null;
  /** How many kills were made. */
  readonly kills: () => number;
}

/** The real factory of `model`'s workers, wrapped so that each worker can be killed from outside. */
export function killableWorkers(model: PooledModel): KillableWorkers {
  const scripts = builtHostScripts();
  const pids = new Map<number, number | undefined>();
  let nextSerial = 0;
  let kills = 0;
  // The serial of the worker being created, so the recording spawner can file its pid under it.
  let creating = -1;
  const spawner: ProcessSpawner = {
    kind: forkSpawner.kind,
    spawn(modulePath, options) {
      const child = forkSpawner.spawn(modulePath, options);
      pids.set(creating, child.pid);
      return child;
    },
  };
  const inner: PoolWorkerFactory =
    model === 'processes'
      ? processWorkerFactory({ script: scripts.processHost, spawner })
      : threadWorkerFactory({
          script: scripts.threadHost,
          ...(model === 'gil-threads' ? { gilBuffer: createGilBuffer(5) } : {}),
        });
  const created: KillableWorker[] = [];
  const workers: KillableWorkers = {
    created,
    onCreate: null,
    kills: () => kills,
    factory: (lane, events) => {
      const serial = nextSerial++;
      creating = serial;
      let exited = false;
      const worker: PoolWorker = inner(lane, {
        response: (message) => events.response(message),
        exit: (reason) => {
          exited = true;
          events.exit(reason);
        },
      });
      let dead = false;
      const killable: KillableWorker = {
        lane,
        serial,
        label: worker.label,
        alive: () => !exited,
        kill() {
          if (dead || exited) return;
          dead = true;
          kills++;
          const pid = pids.get(serial);
          if (pid !== undefined) {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // Already gone: the pool will hear of its exit anyway.
            }
          } else void worker.terminate();
        },
      };
      created.push(killable);
      workers.onCreate?.(killable);
      return worker;
    },
  };
  return workers;
}

/** `count` sleep tasks of `ms` each, each returning its own token. */
export function sleepTasks(count: number, ms: number): TaskSpec[] {
  return Array.from({ length: count }, (_, token) => ({ workload: 'sleep', input: { ms, token } }));
}

/** Each task's outcome, failing the test if any task settled twice. */
export function settledOnce(events: readonly TaskEvent[]): Map<number, 'finished' | 'failed'> {
  const outcomes = new Map<number, 'finished' | 'failed'>();
  for (const event of events) {
    if (event.type !== 'finished' && event.type !== 'failed') continue;
    if (outcomes.has(event.task)) throw new Error(`task ${event.task} settled twice`);
    outcomes.set(event.task, event.type);
  }
  return outcomes;
}
