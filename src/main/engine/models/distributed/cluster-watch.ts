/**
 * The lab's view of a room server between runs: it answers workers' hellos (refusing another protocol
 * version), keeps the task queue in place, and lists the workers that joined — what `concurrency-lab
 * cluster` prints and the app's cluster panel shows.
 */
import { hostname } from 'node:os';
import type { ConnectionSettings } from '../../../../workers/protocol/distributed/connection';
import { LabBroker, type QueueSettings } from './lab-broker';
import { workerInfo, type WorkerInfo } from './worker-roster';
import { WorkerWatch } from './worker-watch';

/** What changed in the room. */
export type ClusterEvent =
  | { readonly kind: 'joined' | 'left' | 'lost' | 'back'; readonly worker: WorkerInfo }
  | { readonly kind: 'refused'; readonly line: string };

/** Default queue settings of a room (a run's own settings replace them while it runs). */
export const ROOM_QUEUE: QueueSettings = { ackWaitMs: 5000, maxDeliver: 5 };

/** Watches a room server's workers. */
export class ClusterWatch {
  private constructor(
    private readonly broker: LabBroker,
    private readonly watch: WorkerWatch,
  ) {}

  /** Connects as the instructor, sets the queue up, answers hellos and calls the roll. */
  static async start(
    connection: ConnectionSettings,
    labVersion: string,
    onChange: (event: ClusterEvent) => void,
    lostAfterMs = 3500,
  ): Promise<ClusterWatch> {
    const broker = await LabBroker.connect(connection, 'concurrency-lab cluster');
    try {
      await broker.ensureQueue(ROOM_QUEUE);
    } catch (error) {
      await broker.close();
      throw error;
    }
    const watch = new WorkerWatch(
      broker,
      { labVersion, labHost: hostname(), heartbeatTimeoutMs: lostAfterMs, isLocal: () => false },
      {
        joined: (worker) => onChange({ kind: 'joined', worker: workerInfo(worker) }),
        clockKnown: () => undefined,
        gone: (worker) =>
          onChange({ kind: worker.state === 'leaving' ? 'left' : 'lost', worker: workerInfo(worker) }),
        back: (worker) => onChange({ kind: 'back', worker: workerInfo(worker) }),
        refused: (line) => onChange({ kind: 'refused', line }),
        log: () => undefined, // malformed messages: the lab that runs tasks logs them
      },
    );
    watch.start();
    return new ClusterWatch(broker, watch);
  }

  /** Calls `lost` once if the connection to the server drops for good (the server stopped or is unreachable). */
  onLost(lost: (detail: string) => void): void {
    this.broker.onLost(2000, lost);
  }

  /** Every worker heard from, in order of joining. */
  list(): WorkerInfo[] {
    return this.watch.roster.describe();
  }

  /** Stops watching and closes the connection. */
  async close(): Promise<void> {
    this.watch.close();
    await this.broker.close();
  }
}
