/**
 * The workers a distributed executor knows: who they are, which lane shows them, how their clock maps
 * onto the lab's, when they were last heard from, and what CPU and memory they reported.
 */
import { formatDelay } from '../../../../shared/format';
import type { Lane } from '../../../../shared/results';
import type { WorkerIdentity } from '../../../../workers/protocol/distributed/messages';
import type { HostUsage } from '../../../../workers/protocol/host-messages';
import { ClockEstimate } from './clock-offset';

/** What a worker is doing, as far as the lab knows. */
export type WorkerState = 'idle' | 'busy' | 'leaving' | 'lost';

/** One worker process. */
export interface RosterWorker {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  readonly cores: number;
  readonly labVersion: string;
  /** Started by this lab on this machine (counted in its CPU use, replaced when it dies). */
  readonly local: boolean;
  /** On the lab's machine, so on the lab's clock: its lane label needs no uncertainty. */
  readonly sameHost: boolean;
  readonly lane: number;
  readonly clock: ClockEstimate;
  /** Lab clock. */
  lastSeen: number;
  state: WorkerState;
  tasksDone: number;
  usage: HostUsage | null;
}

/** A worker as the cluster panel shows it. */
export interface WorkerInfo {
  readonly host: string;
  readonly pid: number;
  readonly cores: number;
  readonly labVersion: string;
  readonly local: boolean;
  readonly state: WorkerState;
  readonly lastSeen: number;
  readonly tasksDone: number;
  /** How far its clock is ahead of the lab's, and how sure that is (null until a ping came back). */
  readonly clockOffsetMs: number | null;
  readonly clockUncertaintyMs: number | null;
}

/** A worker as the cluster panel shows it, now. */
export function workerInfo(worker: RosterWorker): WorkerInfo {
  return {
    host: worker.host,
    pid: worker.pid,
    cores: worker.cores,
    labVersion: worker.labVersion,
    local: worker.local,
    state: worker.state,
    lastSeen: worker.lastSeen,
    tasksDone: worker.tasksDone,
    clockOffsetMs: worker.clock.known ? worker.clock.offsetMs : null,
    clockUncertaintyMs: worker.clock.known ? worker.clock.uncertaintyMs : null,
  };
}

/** Every worker seen, by id, with lanes handed out in order of arrival. */
export class WorkerRoster {
  private readonly workers = new Map<string, RosterWorker>();
  private nextLane = 0;

  constructor(private readonly labHost: string) {}

  /** Adds a worker (or returns the one known under its id); `isNew` says which. */
  join(
    identity: Pick<WorkerIdentity, 'workerId' | 'host' | 'pid'> & Partial<WorkerIdentity>,
    local: boolean,
    now: number,
  ): { readonly worker: RosterWorker; readonly isNew: boolean } {
    const known = this.workers.get(identity.workerId);
    if (known) return { worker: known, isNew: false };
    const worker: RosterWorker = {
      id: identity.workerId,
      host: identity.host,
      pid: identity.pid,
      cores: identity.cores ?? 1,
      labVersion: identity.labVersion ?? 'unknown',
      local,
      sameHost: local || identity.host === this.labHost,
      lane: this.nextLane++,
      clock: new ClockEstimate(),
      lastSeen: now,
      state: 'idle',
      tasksDone: 0,
      usage: null,
    };
    this.workers.set(worker.id, worker);
    return { worker, isNew: true };
  }

  /** A lane index that no worker will take (the queue's own lane). */
  reserveLane(): number {
    return this.nextLane++;
  }

  get(id: string): RosterWorker | undefined {
    return this.workers.get(id);
  }

  /** Every worker ever seen, in lane order. */
  all(): RosterWorker[] {
    return [...this.workers.values()];
  }

  /** Workers not lost or gone. */
  active(): RosterWorker[] {
    return this.all().filter((worker) => worker.state !== 'lost' && worker.state !== 'leaving');
  }

  /** Every worker, as the cluster panel shows it. */
  describe(): WorkerInfo[] {
    return this.all().map(workerInfo);
  }

  /** The lane of a worker: "host pid N", its clock's uncertainty when on another machine, and its fate. */
  lane(worker: RosterWorker): Lane {
    const clock =
      worker.sameHost || !worker.clock.known ? '' : ` · clock ±${formatDelay(worker.clock.uncertaintyMs)}`;
    const fate = worker.state === 'lost' ? ' (lost)' : worker.state === 'leaving' ? ' (left)' : '';
    return { index: worker.lane, label: `${worker.host} pid ${worker.pid}${clock}${fate}` };
  }
}
