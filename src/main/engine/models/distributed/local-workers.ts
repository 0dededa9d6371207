/**
 * The distributed model's local workers: N processes of the distributed worker host started through the
 * ProcessSpawner (child_process or Electron's utilityProcess), each told where the server is. They join
 * the lab over NATS like any other worker; this class only starts them, hears how they end, and ends them.
 */
import { randomBytes } from 'node:crypto';
import type { ConnectionSettings } from '../../../../workers/protocol/distributed/connection';
import { LOCAL_WORKER_POLICY } from '../../../../workers/protocol/distributed/worker-host';
import { lowerProcess } from '../../../../workers/protocol/model-priority';
import type {
  WorkerHostInit,
  WorkerHostReport,
  WorkerHostStop,
} from '../../../../workers/protocol/distributed/worker-host';
import type { TaskQueue } from '../../../../workers/protocol/distributed/subjects';
import { describeExit, type ProcessSpawner, type SpawnedProcess } from '../process-spawner';

/** What a local worker process reports. */
export interface LocalWorkerEvents {
  joined(workerId: string): void;
  /** It will never join: refused by the lab, or could not connect. */
  failed(workerId: string, reason: string): void;
  /** The process ended; `reason` reads after "worker process …": "was killed by SIGKILL". */
  exited(workerId: string, reason: string): void;
  log(workerId: string, line: string): void;
}

/** Settings of the local workers. */
export interface LocalWorkersOptions {
  readonly script: string;
  readonly spawner: ProcessSpawner;
  readonly connection: ConnectionSettings;
  /** The queue they pull from: every worker's, or the lab's own (a run whose tasks stay on this machine). */
  readonly queue: TaskQueue;
  readonly memoryMb?: number;
  readonly events: LocalWorkerEvents;
}

interface LocalWorker {
  readonly process: SpawnedProcess;
  readonly exited: Promise<void>;
  gone: boolean;
}

/** How long workers get to leave cleanly before they are killed: well inside a cancel's half second. */
const LEAVE_GRACE_MS = 150;

/** A fresh worker id: one subject token, unique enough for one server. */
export function newWorkerId(): string {
  return `w${randomBytes(6).toString('hex')}`;
}

/** The local worker processes of one executor. */
export class LocalWorkers {
  private readonly workers = new Map<string, LocalWorker>();
  private closed = false;

  constructor(private readonly options: LocalWorkersOptions) {}

  /** Starts one worker process; returns its worker id. */
  spawn(): string {
    const workerId = newWorkerId();
    const { events } = this.options;
    const child = this.options.spawner.spawn(this.options.script, {
      name: `distributed worker ${workerId}`,
      execArgv: this.options.memoryMb ? [`--max-old-space-size=${this.options.memoryMb}`] : [],
    });
    // Below the serving thread before it boots, when serve asks (model-priority).
    lowerProcess(child.pid);
    const worker: LocalWorker = {
      process: child,
      gone: false,
      exited: new Promise<void>((resolve) =>
        child.onExit((exit) => {
          worker.gone = true;
          if (!this.closed) events.exited(workerId, describeExit(exit));
          resolve();
        }),
      ),
    };
    child.onMessage((raw) => {
      const report = raw as WorkerHostReport;
      if (report?.type === 'joined') events.joined(workerId);
      else if (report?.type === 'refused') events.failed(workerId, report.reason);
      else if (report?.type === 'failed') events.failed(workerId, report.error);
      else if (report?.type === 'log' && typeof report.line === 'string') events.log(workerId, report.line);
    });
    const init: WorkerHostInit = {
      type: 'init',
      connection: this.options.connection,
      workerId,
      policy: LOCAL_WORKER_POLICY,
      queue: this.options.queue,
      reconnect: 'briefly',
    };
    child.postMessage(init);
    this.workers.set(workerId, worker);
    return workerId;
  }

  /** Whether this worker id is one of these processes. */
  has(workerId: string): boolean {
    return this.workers.has(workerId);
  }

  /** Process ids of the workers still running. */
  pids(): number[] {
    return [...this.workers.values()].flatMap((w) => (!w.gone && w.process.pid ? [w.process.pid] : []));
  }

  /** Ends one worker at once (a task of its timed out). */
  kill(workerId: string): void {
    this.workers.get(workerId)?.process.kill();
  }

  /**
   * Ends every worker and waits until all are gone: each is asked to leave (it tells the room it left,
   * so a room's panel does not list it as lost), and whatever is still running after `graceMs` is killed.
   */
  async close(graceMs = LEAVE_GRACE_MS): Promise<void> {
    this.closed = true;
    const running = [...this.workers.values()].filter((worker) => !worker.gone);
    const stop: WorkerHostStop = { type: 'stop' };
    for (const worker of running) worker.process.postMessage(stop);
    const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([Promise.all(running.map((worker) => worker.exited)), grace]);
    for (const worker of running) if (!worker.gone) worker.process.kill();
    await Promise.all(running.map((worker) => worker.exited));
  }
}
