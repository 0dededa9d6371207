/**
 * What the model registry needs of the distributed model: whether it can run here (a nats-server to
 * start, or a server to use) with the one line that says why not, and its executor from the run's
 * settings.
 */
import { availableParallelism } from 'node:os';
import { defaultDistributedWorkers } from '../../../../shared/distributed-model';
import type { ConnectionSettings } from '../../../../workers/protocol/distributed/connection';
import type { HostScripts } from '../host-scripts';
import type { ProcessSpawner } from '../process-spawner';
import { DistributedExecutor } from './distributed-executor';
import type { BrokerChoice } from './executor-options';
import { locateNatsServer, type NatsServerAvailability } from './nats-server-locator';

/** The run's distributed settings (CLI: --server, --user/--password or --creds, --workers). */
export interface DistributedSettings {
  /** A running server to use; null starts a private one for the run. */
  readonly server: ConnectionSettings | null;
  /** Local worker processes; null is one per core. */
  readonly workers: number | null;
  /** An explicit nats-server binary (null: PATH and the usual folders). */
  readonly natsServer?: string | null;
}

/** Whether the model can run, and the binary it would start (null with a server given). */
export type DistributedAvailability =
  | { readonly available: true; readonly binary: string | null }
  | { readonly available: false; readonly reason: string };

/** Available with a server given, or with nats-server installed; otherwise the one line saying what to do. */
export function distributedAvailability(
  settings: Pick<DistributedSettings, 'server' | 'natsServer'>,
  locate: () => NatsServerAvailability = () =>
    locateNatsServer(settings.natsServer ? { explicitPath: settings.natsServer } : {}),
): DistributedAvailability {
  if (settings.server) return { available: true, binary: null };
  const found = locate();
  return found.available ? { available: true, binary: found.path } : found;
}

/** What building the executor needs from the engine. */
export interface DistributedEnvironment {
  readonly hostScripts: HostScripts;
  readonly spawner: ProcessSpawner;
  readonly labVersion: string;
  readonly cores?: number;
  readonly workerMemoryMb?: number;
  readonly tempRoot?: string;
  readonly log?: (line: string) => void;
}

/** The distributed executor for a run; throws the availability line when it cannot run. */
export function createDistributedExecutor(
  settings: DistributedSettings,
  pool: { readonly taskTimeoutMs: number | null },
  env: DistributedEnvironment,
): DistributedExecutor {
  const availability = distributedAvailability(settings);
  if (!availability.available) throw new Error(availability.reason);
  const broker: BrokerChoice = settings.server
    ? { kind: 'existing', connection: settings.server }
    : { kind: 'private', binary: availability.binary!, tempRoot: env.tempRoot };
  return new DistributedExecutor({
    broker,
    localWorkers: settings.workers ?? defaultDistributedWorkers(env.cores ?? availableParallelism()),
    workerScript: env.hostScripts.distributedWorker,
    spawner: env.spawner,
    labVersion: env.labVersion,
    taskTimeoutMs: pool.taskTimeoutMs,
    memoryMb: env.workerMemoryMb,
    log: env.log,
  });
}
