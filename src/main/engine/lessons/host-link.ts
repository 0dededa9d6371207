/**
 * One task host (a worker thread or a process, from the pool's worker factories) driven one call at a
 * time, for lessons that stream work or time single round trips — which WorkerPool, built to run a
 * fixed batch, does not do.
 */
import type { HostResponse } from '../../../workers/protocol/host-messages';
import type { WorkloadInput, WorkloadName, WorkloadOutput } from '../../../workers/workloads';
import { CancelledError } from '../errors';
import type { PoolWorker, PoolWorkerFactory } from '../models/worker-pool';

/** A call's output and when the host ran it (epoch ms, see shared/clock). */
export interface HostCallResult<O> {
  readonly output: O;
  readonly startedAt: number;
  readonly endedAt: number;
}

interface PendingCall {
  readonly taskId: number;
  readonly resolve: (result: HostCallResult<unknown>) => void;
  readonly reject: (error: Error) => void;
}

/** A started task host that runs one workload call at a time. */
export class HostLink {
  private readonly worker: PoolWorker;
  private pending: PendingCall | null = null;
  private nextTaskId = 0;
  private gone: Error | null = null;
  private closing: Promise<void> | null = null;
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private failStart!: (error: Error) => void;
  private detach: () => void = () => undefined;

  private constructor(factory: PoolWorkerFactory, lane: number) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.failStart = reject;
    });
    this.ready.catch(() => undefined); // observed by open()
    this.worker = factory(lane, {
      response: (message) => this.onResponse(message),
      exit: (reason) => this.onGone(new Error(`${this.worker.label} ${reason}`)),
    });
  }

  /** Starts a host on `lane`; resolves once it is ready. Aborting the signal closes it at any time. */
  static async open(factory: PoolWorkerFactory, lane: number, signal?: AbortSignal): Promise<HostLink> {
    const link = new HostLink(factory, lane);
    if (signal) {
      const onAbort = (): void => void link.close();
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      link.detach = () => signal.removeEventListener('abort', onAbort);
    }
    try {
      await link.ready;
    } catch (error) {
      await link.close();
      throw error;
    }
    return link;
  }

  /** The host's label: "thread 1", "process 2 (pid 4242)". */
  get label(): string {
    return this.worker.label;
  }

  /** Runs a workload on the host; rejects with its error, or when the host dies or is closed. */
  call<N extends WorkloadName>(
    workload: N,
    input: WorkloadInput<N>,
  ): Promise<HostCallResult<WorkloadOutput<N>>> {
    if (this.gone) return Promise.reject(this.gone);
    if (this.pending) return Promise.reject(new Error(`${this.label} is already running a call`));
    const taskId = this.nextTaskId++;
    return new Promise<HostCallResult<WorkloadOutput<N>>>((resolve, reject) => {
      this.pending = { taskId, resolve: resolve as PendingCall['resolve'], reject };
      this.worker.send({ type: 'task', taskId, workload, input });
    });
  }

  /** Ends the host (a call in flight rejects with a CancelledError); resolves once it is gone. */
  close(): Promise<void> {
    if (!this.closing) {
      this.onGone(new CancelledError());
      this.closing = this.worker.terminate().catch(() => undefined);
    }
    return this.closing;
  }

  private onResponse(message: HostResponse): void {
    if (message.type === 'ready') return this.markReady();
    const pending = this.pending;
    if (!pending || message.taskId !== pending.taskId) return;
    this.pending = null;
    if (message.ok)
      pending.resolve({ output: message.output, startedAt: message.startedAt, endedAt: message.endedAt });
    else pending.reject(new Error(message.error));
  }

  private onGone(error: Error): void {
    if (this.gone) return;
    this.gone = error;
    this.failStart(error);
    this.pending?.reject(error);
    this.pending = null;
    this.detach();
  }
}
