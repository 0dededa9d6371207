/**
 * The distributed model's engine part for the registry: whether it can run here (a server to use, or
 * nats-server installed to start one) with the one line that says why not, and its executor from the
 * pool settings and the broker settings of the engine (the CLI's flags or the app's cluster panel).
 */
import { execFileSync } from 'node:child_process';
import { version } from '../../../../../package.json';
import type { ModelAvailability } from '../../../../shared/models';
import type { ResolvedPool } from '../../../../shared/pool';
import type { ExecutorEnvironment } from '../executor-environment';
import { DistributedExecutor } from './distributed-executor';
import type { DistributedSettings } from './distributed-settings';
import type { BrokerChoice, DistributedExecutorOptions } from './executor-options';
import { locateNatsServer, type NatsServerAvailability } from './nats-server-locator';

export type { DistributedSettings } from './distributed-settings';

/** Whether the model can run, and the binary it would start (null with a server given). */
export type DistributedAvailability =
  | { readonly available: true; readonly binary: string | null }
  | { readonly available: false; readonly reason: string };

/** Available with a server given, or with nats-server installed; otherwise the one line saying what to do. */
export function distributedAvailability(
  settings: DistributedSettings,
  locate: () => NatsServerAvailability = () =>
    locateNatsServer(settings.natsServer ? { explicitPath: settings.natsServer } : {}),
): DistributedAvailability {
  if (settings.server) return { available: true, binary: null };
  const found = locate();
  return found.available ? { available: true, binary: found.path } : found;
}

/** "nats-server v2.9.10", or null when the binary does not say. */
function serverVersion(binary: string): string | null {
  try {
    const text = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 5000 });
    return /v?\d+\.\d+\.\d+\S*/.exec(text)?.[0] ?? null;
  } catch {
    return null;
  }
}

/** The registry's probe: the runtime the picker groups the model under, or why it cannot run. */
export async function probeDistributed(
  settings: DistributedSettings = { server: null },
): Promise<ModelAvailability> {
  const availability = distributedAvailability(settings);
  if (!availability.available) return availability;
  if (settings.server) return { available: true, runtime: `NATS JetStream at ${settings.server.url}` };
  const found = availability.binary ? serverVersion(availability.binary) : null;
  return { available: true, runtime: `NATS JetStream (nats-server${found ? ` ${found}` : ''})` };
}

/** The distributed executor of one run; one that cannot run here fails its start() with the availability line. */
export function createDistributedExecutor(
  pool: Pick<ResolvedPool, 'workers' | 'taskTimeoutMs'>,
  env: Pick<ExecutorEnvironment, 'hostScripts' | 'spawner' | 'workerMemoryMb' | 'distributed' | 'stayLocal'>,
  options: Pick<DistributedExecutorOptions, 'ackWaitMs' | 'log'> & { readonly tempRoot?: string } = {},
): DistributedExecutor {
  const settings = env.distributed ?? { server: null };
  const availability = distributedAvailability(settings);
  const broker: BrokerChoice = !availability.available
    ? { kind: 'unavailable', reason: availability.reason }
    : settings.server
      ? { kind: 'existing', connection: settings.server }
      : { kind: 'private', binary: availability.binary!, tempRoot: options.tempRoot };
  return new DistributedExecutor({
    broker,
    localWorkers: pool.workers,
    stayLocal: env.stayLocal ?? null,
    workerScript: env.hostScripts.distributedWorker,
    spawner: env.spawner,
    labVersion: version,
    taskTimeoutMs: pool.taskTimeoutMs,
    memoryMb: env.workerMemoryMb,
    ...(options.ackWaitMs !== undefined ? { ackWaitMs: options.ackWaitMs } : {}),
    log: options.log,
  });
}
