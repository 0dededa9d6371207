/**
 * Who is in the lab, as the lab hears it over NATS: workers join by hello (another protocol version is
 * refused) or by heartbeat (a worker that joined before this lab started listening), have their clock
 * measured by pings, and are lost when silent too long. The executor and the room's ClusterWatch both
 * keep their roster this way.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Subscription } from '@nats-io/transport-node';
import { epochNow } from '../../../../shared/clock';
import {
  MAX_CONTROL_BYTES,
  clockReplySchema,
  decodeMessage,
  heartbeatSchema,
  type WorkerIdentity,
} from '../../../../workers/protocol/distributed/messages';
import { PROTOCOL_VERSION, SUBJECTS } from '../../../../workers/protocol/distributed/subjects';
import type { LabBroker } from './lab-broker';
import { WorkerRoster, type RosterWorker } from './worker-roster';

/** What the watch reports. */
export interface WorkerWatchEvents {
  /** A worker appeared (it has a lane from now on). */
  joined(worker: RosterWorker): void;
  /** Its clock was measured for the first time (a worker on another machine shows the uncertainty). */
  clockKnown(worker: RosterWorker): void;
  /** It went silent, exited, or left (its state says which). */
  gone(worker: RosterWorker, reason: string): void;
  /** A worker on another machine that had gone silent beats again. */
  back(worker: RosterWorker): void;
  /** A worker was refused at its hello (another protocol version): who and why. */
  refused(line: string): void;
  /** A malformed message: a line for the log. */
  log(line: string): void;
}

/** Settings of a watch. */
export interface WorkerWatchOptions {
  readonly labVersion: string;
  readonly labHost: string;
  /** Silence after which a worker is lost. */
  readonly heartbeatTimeoutMs: number;
  /** Whether a worker id is one of this lab's own local processes. */
  readonly isLocal: (workerId: string) => boolean;
}

const CLOCK_PINGS_AT_JOIN = 5;
const CLOCK_PING_EVERY_MS = 5000;
const WATCHDOG_MS = 250;

/** A worker's identity, at least as much of it as a task message carries. */
export type WorkerRef = Pick<WorkerIdentity, 'workerId' | 'host' | 'pid'> & Partial<WorkerIdentity>;

/** Keeps a lab's roster from hellos, heartbeats and clock pings. */
export class WorkerWatch {
  readonly roster: WorkerRoster;
  private readonly subscriptions: Subscription[] = [];
  private readonly lastPing = new Map<string, number>();
  private watchdog: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly broker: LabBroker,
    private readonly options: WorkerWatchOptions,
    private readonly events: WorkerWatchEvents,
  ) {
    this.roster = new WorkerRoster(options.labHost);
  }

  /** Answers hellos, listens to heartbeats, calls the roll and starts watching for silence. */
  start(): void {
    this.subscriptions.push(
      this.broker.answerHellos(this.options.labVersion, {
        accepted: (identity) => this.join(identity),
        refused: (line) => this.events.refused(line),
      }),
      this.broker.nc.subscribe(SUBJECTS.heartbeat, {
        callback: (error, msg) => void (!error && this.onHeartbeat(msg.data)),
      }),
    );
    this.broker.nc.publish(SUBJECTS.rollCall);
    this.watchdog = setInterval(() => this.check(), WATCHDOG_MS);
  }

  /** The worker behind an id; one never seen before joins here (a task message named it first). */
  join(identity: WorkerRef): RosterWorker {
    const { worker, isNew } = this.roster.join(identity, this.options.isLocal(identity.workerId), epochNow());
    if (isNew) {
      this.events.joined(worker);
      void this.measureClock(worker, CLOCK_PINGS_AT_JOIN);
    }
    return worker;
  }

  /** Marks a worker gone (it exited, timed out, left or went silent); reported once. */
  markGone(worker: RosterWorker, reason: string, state: 'lost' | 'leaving'): void {
    if (worker.state === 'lost' || worker.state === 'leaving') return;
    worker.state = state;
    this.events.gone(worker, reason);
  }

  /** Stops listening. */
  close(): void {
    this.closed = true;
    clearInterval(this.watchdog);
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  private onHeartbeat(data: Uint8Array): void {
    const decoded = decodeMessage(heartbeatSchema, data, MAX_CONTROL_BYTES);
    if (!decoded.ok) {
      this.events.log(`rejected a heartbeat: ${decoded.problem}`);
      return;
    }
    const beat = decoded.value;
    // A worker of another protocol version was refused at its hello; its heartbeats mean nothing here.
    if (beat.protocol !== PROTOCOL_VERSION) return;
    const worker = this.join(beat);
    if (worker.state === 'leaving' || (worker.state === 'lost' && worker.local)) return;
    worker.lastSeen = epochNow();
    worker.tasksDone = Math.max(worker.tasksDone, beat.tasksDone);
    if (beat.usage) worker.usage = beat.usage;
    if (worker.state === 'lost') {
      // A worker on another machine that went quiet (a network hiccup, a sleeping laptop) is back.
      worker.state = beat.state === 'busy' ? 'busy' : 'idle';
      this.events.back(worker);
    }
    if (beat.state === 'leaving') this.markGone(worker, 'left the lab', 'leaving');
    else worker.state = beat.state;
  }

  private check(): void {
    const now = epochNow();
    for (const worker of this.roster.active()) {
      const silentMs = now - worker.lastSeen;
      if (silentMs > this.options.heartbeatTimeoutMs) {
        this.markGone(worker, `no heartbeat for ${(silentMs / 1000).toFixed(1)} s`, 'lost');
      } else if (now - (this.lastPing.get(worker.id) ?? now) > CLOCK_PING_EVERY_MS) {
        this.lastPing.set(worker.id, now);
        void this.measureClock(worker, 1);
      }
    }
  }

  private async measureClock(worker: RosterWorker, pings: number): Promise<void> {
    const { nc } = this.broker;
    const before = worker.clock.known;
    this.lastPing.set(worker.id, epochNow());
    let failures = 0;
    for (let i = 0; i < pings && !nc.isClosed() && !this.closed; i++) {
      const sentAt = epochNow();
      try {
        const reply = await nc.request(SUBJECTS.clock(worker.id), undefined, { timeout: 1000 });
        const receivedAt = epochNow();
        const decoded = decodeMessage(clockReplySchema, reply.data, MAX_CONTROL_BYTES);
        if (decoded.ok) worker.clock.add({ sentAt, receivedAt, remoteAt: decoded.value.at });
      } catch {
        // Not answering (yet, or any more): the heartbeat watchdog decides whether it is gone.
        if (++failures >= 3) break;
        i--;
        await delay(100);
      }
    }
    if (!before && worker.clock.known && !this.closed) this.events.clockKnown(worker);
  }
}
