/**
 * The worker processes of `concurrency-lab worker` (Celery's prefork pool: one process per core by
 * default). A worker that crashes after joining is restarted; one the lab refuses stops them all (another
 * protocol version will not change by retrying); stop() lets each hand its task back before it exits.
 */
import type { ConnectionSettings } from '../../../../workers/protocol/distributed/connection';
import type {
  TaskPolicy,
  WorkerHostInit,
  WorkerHostReport,
  WorkerHostStop,
} from '../../../../workers/protocol/distributed/worker-host';
import { describeExit, type ProcessSpawner, type SpawnedProcess } from '../process-spawner';
import { newWorkerId } from './local-workers';

/** What the supervisor reports, worker by worker (numbered from 1). */
export interface SupervisorEvents {
  joined(worker: number, pid: number): void;
  log(worker: number, pid: number, line: string): void;
  /** A worker process ended; `restarting` says whether another takes its place. */
  exited(worker: number, pid: number, reason: string, restarting: boolean): void;
}

/** How the supervisor ended. */
export type SupervisorEnd =
  | { readonly kind: 'stopped' }
  /** The lab refused the workers (another protocol version), in the lab's words. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** A worker could not join (wrong address, password, TLS…) or kept dying before it joined. */
  | { readonly kind: 'failed'; readonly reason: string };

/** Settings of the supervisor. */
export interface WorkerSupervisorOptions {
  readonly script: string;
  readonly spawner: ProcessSpawner;
  readonly connection: ConnectionSettings;
  readonly count: number;
  readonly policy: TaskPolicy;
  readonly events: SupervisorEvents;
  /** How long stop() waits for a worker to hand its task back before killing it. */
  readonly stopGraceMs?: number;
}

interface Slot {
  readonly process: SpawnedProcess;
  readonly exited: Promise<void>;
  joined: boolean;
  gone: boolean;
}

const RESTART_DELAY_MS = 500;

/** Starts and keeps `count` worker processes. */
export class WorkerSupervisor {
  private readonly slots = new Map<number, Slot>();
  private stopping = false;
  private finish!: (end: SupervisorEnd) => void;
  /** Resolves once every worker is gone, saying why. */
  readonly ended: Promise<SupervisorEnd>;

  constructor(private readonly options: WorkerSupervisorOptions) {
    this.ended = new Promise((resolve) => (this.finish = resolve));
  }

  /** Starts every worker process. */
  start(): void {
    for (let worker = 1; worker <= this.options.count; worker++) this.spawn(worker);
  }

  /** Process ids of the workers running now. */
  pids(): number[] {
    return [...this.slots.values()].flatMap((slot) =>
      !slot.gone && slot.process.pid ? [slot.process.pid] : [],
    );
  }

  /** Asks every worker to leave (tasks in progress go back to the queue), then kills the stragglers. */
  async stop(end: SupervisorEnd = { kind: 'stopped' }): Promise<void> {
    if (this.stopping) {
      await this.ended;
      return;
    }
    this.stopping = true;
    const stop: WorkerHostStop = { type: 'stop' };
    for (const slot of this.slots.values()) if (!slot.gone) slot.process.postMessage(stop);
    const grace = setTimeout(() => {
      for (const slot of this.slots.values()) if (!slot.gone) slot.process.kill();
    }, this.options.stopGraceMs ?? 3000);
    await Promise.all([...this.slots.values()].map((slot) => slot.exited));
    clearTimeout(grace);
    this.finish(end);
  }

  private spawn(worker: number): void {
    const { events } = this.options;
    const child = this.options.spawner.spawn(this.options.script, { name: `worker ${worker}` });
    const pid = child.pid ?? 0;
    const slot: Slot = {
      process: child,
      joined: false,
      gone: false,
      exited: new Promise<void>((resolve) =>
        child.onExit((exit) => {
          slot.gone = true;
          resolve();
          this.onExit(worker, pid, slot, describeExit(exit));
        }),
      ),
    };
    this.slots.set(worker, slot);
    child.onMessage((raw) => {
      const report = raw as WorkerHostReport;
      if (report?.type === 'joined') {
        slot.joined = true;
        events.joined(worker, pid);
      } else if (report?.type === 'log' && typeof report.line === 'string')
        events.log(worker, pid, report.line);
      else if (report?.type === 'refused') void this.stop({ kind: 'refused', reason: report.reason });
      else if (report?.type === 'failed') void this.stop({ kind: 'failed', reason: report.error });
    });
    const init: WorkerHostInit = {
      type: 'init',
      connection: this.options.connection,
      workerId: newWorkerId(),
      policy: this.options.policy,
      reconnect: 'forever',
    };
    child.postMessage(init);
  }

  private onExit(worker: number, pid: number, slot: Slot, reason: string): void {
    if (this.stopping) return;
    // Restart a worker that had joined (a crash mid-task); one that died before joining would only die again.
    const restarting = slot.joined;
    this.options.events.exited(worker, pid, reason, restarting);
    if (restarting) setTimeout(() => !this.stopping && this.spawn(worker), RESTART_DELAY_MS);
    else void this.stop({ kind: 'failed', reason: `worker ${worker} ${reason} before it joined` });
  }
}
