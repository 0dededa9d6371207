/**
 * The lab's view of a room server between runs: it answers workers' hellos (refusing another protocol
 * version), keeps the task queue in place, and lists the workers that joined from their heartbeats —
 * what `concurrency-lab cluster` prints and the app's cluster panel shows.
 */
import type { Subscription } from '@nats-io/transport-node';
import { epochNow } from '../../../../shared/clock';
import type { ConnectionSettings } from '../../../../workers/protocol/distributed/connection';
import {
  MAX_CONTROL_BYTES,
  decodeMessage,
  heartbeatSchema,
} from '../../../../workers/protocol/distributed/messages';
import { PROTOCOL_VERSION, SUBJECTS } from '../../../../workers/protocol/distributed/subjects';
import { LabBroker, type QueueSettings } from './lab-broker';

/** A worker of the room, as last heard from. */
export interface ClusterWorker {
  readonly workerId: string;
  readonly host: string;
  readonly pid: number;
  readonly cores: number;
  readonly labVersion: string;
  readonly state: 'idle' | 'busy' | 'left' | 'lost';
  /** Lab clock, epoch ms. */
  readonly lastHeartbeat: number;
  readonly tasksDone: number;
}

/** What changed in the room. */
export type ClusterEvent =
  | { readonly kind: 'joined' | 'left' | 'lost' | 'back'; readonly worker: ClusterWorker }
  | { readonly kind: 'refused'; readonly line: string };

/** Default queue settings of a room (a run's own settings replace them while it runs). */
export const ROOM_QUEUE: QueueSettings = { ackWaitMs: 5000, maxDeliver: 5 };

/** Watches a room server's workers. */
export class ClusterWatch {
  private readonly workers = new Map<string, ClusterWorker>();
  private readonly subscriptions: Subscription[] = [];
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly broker: LabBroker,
    private readonly onChange: (event: ClusterEvent) => void,
    private readonly lostAfterMs: number,
  ) {
    this.timer = setInterval(() => this.checkSilence(), 500);
  }

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
    const watch = new ClusterWatch(broker, onChange, lostAfterMs);
    watch.subscriptions.push(
      broker.answerHellos(labVersion, {
        accepted: () => undefined, // its first heartbeat follows at once and lists it
        refused: (line) => onChange({ kind: 'refused', line }),
      }),
      broker.nc.subscribe(SUBJECTS.heartbeat, {
        callback: (error, msg) => void (!error && watch.onHeartbeat(msg.data)),
      }),
    );
    broker.nc.publish(SUBJECTS.rollCall);
    return watch;
  }

  /** Every worker heard from, in order of joining. */
  list(): ClusterWorker[] {
    return [...this.workers.values()];
  }

  /** Stops watching and closes the connection. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await this.broker.close();
  }

  private onHeartbeat(data: Uint8Array): void {
    const decoded = decodeMessage(heartbeatSchema, data, MAX_CONTROL_BYTES);
    if (!decoded.ok || decoded.value.protocol !== PROTOCOL_VERSION) return;
    const beat = decoded.value;
    const known = this.workers.get(beat.workerId);
    const worker: ClusterWorker = {
      workerId: beat.workerId,
      host: beat.host,
      pid: beat.pid,
      cores: beat.cores,
      labVersion: beat.labVersion,
      state: beat.state === 'leaving' ? 'left' : beat.state,
      lastHeartbeat: epochNow(),
      tasksDone: beat.tasksDone,
    };
    this.workers.set(worker.workerId, worker);
    if (!known) this.onChange({ kind: 'joined', worker });
    else if (worker.state === 'left' && known.state !== 'left') this.onChange({ kind: 'left', worker });
    else if (known.state === 'lost' && worker.state !== 'left') this.onChange({ kind: 'back', worker });
  }

  private checkSilence(): void {
    const now = epochNow();
    for (const worker of this.workers.values()) {
      if (
        worker.state === 'left' ||
        worker.state === 'lost' ||
        now - worker.lastHeartbeat <= this.lostAfterMs
      )
        continue;
      const lost: ClusterWorker = { ...worker, state: 'lost' };
      this.workers.set(worker.workerId, lost);
      this.onChange({ kind: 'lost', worker: lost });
    }
  }
}
