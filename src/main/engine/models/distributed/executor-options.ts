/** What a distributed executor is told: where the broker is, its local workers, its deadlines. */
import type { ConnectionSettings } from '../../../../workers/protocol/distributed/connection';
import type { ProcessSpawner } from '../process-spawner';

/** Where the broker comes from. */
export type BrokerChoice =
  /** Start a private nats-server -js on 127.0.0.1 for the run, and stop it after. */
  | { readonly kind: 'private'; readonly binary: string; readonly tempRoot?: string }
  /** None to start or use (nats-server is not installed): start() fails with the reason. */
  | { readonly kind: 'unavailable'; readonly reason: string }
  /** Use a server that is already running (a room's `concurrency-lab cluster`). */
  | { readonly kind: 'existing'; readonly connection: ConnectionSettings };

/** Settings of a distributed executor. */
export interface DistributedExecutorOptions {
  readonly broker: BrokerChoice;
  /** Worker processes to start on this machine; 0 uses only workers that joined. */
  readonly localWorkers: number;
  /**
   * Why the run's tasks must stay on this machine (they read its files, or reach its loopback), or null:
   * then only the local workers take them, from a queue that workers that joined cannot pull from.
   */
  readonly stayLocal?: string | null;
  /** The built distributed worker host (out/main/distributed-worker.js). */
  readonly workerScript: string;
  readonly spawner: ProcessSpawner;
  readonly labVersion: string;
  readonly taskTimeoutMs: number | null;
  readonly memoryMb?: number;
  /** A delivery not acked or kept alive within this goes to another worker (default 5 s). */
  readonly ackWaitMs?: number;
  /** Deliveries of a task before it fails (default 5). */
  readonly maxDeliver?: number;
  /** Silence after which a worker is lost (default 3.5 s; workers beat every second). */
  readonly heartbeatTimeoutMs?: number;
  /** How long start() waits for its workers (default 20 s). */
  readonly startTimeoutMs?: number;
  /** Where rejected messages, refused workers and lost workers are reported (default: stderr). */
  readonly log?: (line: string) => void;
}

/** At-least-once delivery in numbers, for the notes of a run. */
export interface DeliveryStats {
  readonly redelivered: number;
  readonly duplicatesIgnored: number;
}
