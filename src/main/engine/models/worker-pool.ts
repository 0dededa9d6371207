/**
 * A pool of task hosts (worker threads or processes), one task per worker at a time, FIFO. A worker
 * that dies mid-task fails that task and is replaced; a task past its timeout fails and its worker is
 * replaced; an abort terminates every worker.
 */
import { epochNow } from '../../../shared/clock';
import type { HostResponse, HostUsage, TaskRequest } from '../../../workers/protocol/host-messages';
import { CancelledError } from '../errors';
import type { ChildUsage, TaskEventListener, TaskSpec } from '../../../workers/protocol/executor';

/** A thread or process of the pool, as the pool drives it. */
export interface PoolWorker {
  readonly label: string;
  send(request: TaskRequest): void;
  /** Ends the worker; resolves once it is gone. */
  terminate(): Promise<void>;
}

/** What a worker reports back to its pool. */
export interface PoolWorkerEvents {
  response(message: HostResponse): void;
  /** The worker ended; `reason` reads after its label: "exited with code 3", "ran out of memory". */
  exit(reason: string): void;
}

/** Creates the worker of a lane. */
export type PoolWorkerFactory = (lane: number, events: PoolWorkerEvents) => PoolWorker;

/** Pool settings. */
export interface WorkerPoolOptions {
  readonly size: number;
  readonly taskTimeoutMs: number | null;
  /** How long a worker may take to start before the pool gives up on it. */
  readonly startTimeoutMs?: number;
}

interface Slot {
  readonly lane: number;
  readonly worker: PoolWorker;
  ready: boolean;
  task: number | null;
  /** When the current task was sent: its start, as far as the pool knows, if the worker dies with it. */
  dispatchedAt: number;
  timer: NodeJS.Timeout | null;
  baseUsage: HostUsage | null;
  lastUsage: HostUsage | null;
  readonly started: Promise<void>;
}

interface RunState {
  readonly tasks: readonly TaskSpec[];
  readonly listener: TaskEventListener;
  next: number;
  settled: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** Runs tasks on a fixed number of workers created by a factory. */
export class WorkerPool {
  private readonly slots = new Map<number, Slot>();
  private run: RunState | null = null;
  private closed = false;
  private retiredCpuMs = 0;
  private readonly exits = new Set<Promise<void>>();

  constructor(
    private readonly factory: PoolWorkerFactory,
    private readonly options: WorkerPoolOptions,
  ) {}

  /** Starts every worker; resolves when all are ready, rejects (and stops the others) if one fails. */
  async start(): Promise<void> {
    for (let lane = 0; lane < this.options.size; lane++) this.spawn(lane);
    try {
      await Promise.all([...this.slots.values()].map((slot) => slot.started));
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Labels of the lanes, in lane order. */
  laneLabels(): string[] {
    return [...this.slots.values()].sort((a, b) => a.lane - b.lane).map((slot) => slot.worker.label);
  }

  /** Runs every task; see Executor.run. */
  runTasks(tasks: readonly TaskSpec[], listener: TaskEventListener, signal: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the pool is closed'));
    if (this.run) return Promise.reject(new Error('the pool is already running tasks'));
    const queuedAt = epochNow();
    listener({ type: 'queued-all', count: tasks.length, at: queuedAt });
    if (tasks.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.run = null;
        void this.close();
        reject(new CancelledError());
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.run = {
        tasks,
        listener,
        next: 0,
        settled: 0,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          this.run = null;
          resolve();
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          this.run = null;
          reject(error);
        },
      };
      for (const slot of this.slots.values()) this.dispatch(slot);
    });
  }

  /** CPU time and memory reported by process workers (threads report none: they are part of this process). */
  childUsage(): ChildUsage {
    let cpuMs = this.retiredCpuMs;
    let rssBytes = 0;
    for (const slot of this.slots.values()) {
      cpuMs += usedCpuMs(slot);
      rssBytes += slot.lastUsage?.rssBytes ?? 0;
    }
    return { cpuMs, rssBytes };
  }

  /** Terminates every worker and waits until all are gone. */
  async close(): Promise<void> {
    this.closed = true;
    for (const slot of [...this.slots.values()]) this.retire(slot);
    await Promise.all([...this.exits]);
  }

  private spawn(lane: number): Slot {
    let markStarted!: () => void;
    let failStart!: (error: Error) => void;
    const started = new Promise<void>((resolve, reject) => {
      markStarted = resolve;
      failStart = reject;
    });
    started.catch(() => undefined); // observed by start() or by the replacement path
    const startTimeoutMs = this.options.startTimeoutMs ?? 30_000;
    // Callbacks below run only after `slot` is assigned: workers report asynchronously.
    const startTimer = setTimeout(() => {
      if (this.slots.get(lane) !== slot || slot.ready) return;
      const error = new Error(`${slot.worker.label} did not start within ${startTimeoutMs} ms`);
      failStart(error);
      this.retire(slot);
      this.run?.reject(error);
    }, startTimeoutMs);
    const events: PoolWorkerEvents = {
      response: (message) => {
        if (this.slots.get(lane) !== slot) return;
        if (message.type === 'ready') {
          clearTimeout(startTimer);
          slot.ready = true;
          slot.baseUsage = message.usage ?? null;
          slot.lastUsage = message.usage ?? null;
          markStarted();
          this.dispatch(slot);
        } else if (message.type === 'result') {
          this.finish(slot, message);
        }
      },
      exit: (reason) => {
        if (this.slots.get(lane) !== slot) return;
        clearTimeout(startTimer);
        this.onWorkerExit(slot, reason, failStart);
      },
    };
    const slot: Slot = {
      lane,
      worker: this.factory(lane, events),
      ready: false,
      task: null,
      dispatchedAt: 0,
      timer: null,
      baseUsage: null,
      lastUsage: null,
      started,
    };
    this.slots.set(lane, slot);
    return slot;
  }

  private dispatch(slot: Slot): void {
    const run = this.run;
    if (!run || !slot.ready || slot.task !== null || this.slots.get(slot.lane) !== slot) return;
    if (run.next >= run.tasks.length) return;
    const task = run.next++;
    const spec = run.tasks[task]!;
    slot.task = task;
    slot.dispatchedAt = epochNow();
    run.listener({ type: 'started', task, lane: slot.lane, at: slot.dispatchedAt });
    slot.worker.send({ type: 'task', taskId: task, workload: spec.workload, input: spec.input });
    const timeout = this.options.taskTimeoutMs;
    if (timeout !== null) slot.timer = setTimeout(() => this.onTimeout(slot, task, timeout), timeout);
  }

  private finish(slot: Slot, message: Extract<HostResponse, { type: 'result' }>): void {
    const run = this.run;
    if (slot.task !== message.taskId) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    if (message.usage) slot.lastUsage = message.usage;
    if (!run) return;
    const { taskId: task, startedAt, endedAt, gil } = message;
    if (message.ok)
      run.listener({
        type: 'finished',
        task,
        lane: slot.lane,
        startedAt,
        endedAt,
        output: message.output,
        gil,
      });
    else
      run.listener({ type: 'failed', task, lane: slot.lane, startedAt, endedAt, error: message.error, gil });
    this.settleOne(run);
    this.dispatch(slot);
  }

  private failTask(slot: Slot, error: string): void {
    const run = this.run;
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    if (!run || task === null) return;
    run.listener({
      type: 'failed',
      task,
      lane: slot.lane,
      startedAt: slot.dispatchedAt,
      endedAt: epochNow(),
      error,
    });
    this.settleOne(run);
  }

  private settleOne(run: RunState): void {
    run.settled++;
    if (run.settled === run.tasks.length) run.resolve();
  }

  private onWorkerExit(slot: Slot, reason: string, failStart: (error: Error) => void): void {
    const message = `${slot.worker.label} ${reason}`;
    if (!slot.ready) {
      failStart(new Error(`${slot.worker.label} failed to start: ${reason}`));
      this.run?.reject(new Error(`${slot.worker.label} failed to start: ${reason}`));
      this.retire(slot);
      return;
    }
    this.failTask(slot, message);
    this.replace(slot);
  }

  private onTimeout(slot: Slot, task: number, timeoutMs: number): void {
    if (this.slots.get(slot.lane) !== slot || slot.task !== task) return;
    this.failTask(slot, `timed out after ${timeoutMs} ms; ${slot.worker.label} was stopped and replaced`);
    this.replace(slot);
  }

  /** Ends a worker and starts a new one on the same lane, announcing the new label. */
  private replace(slot: Slot): void {
    this.retire(slot);
    if (this.closed) return;
    const fresh = this.spawn(slot.lane);
    this.run?.listener({ type: 'lane', lane: { index: slot.lane, label: fresh.worker.label } });
  }

  private retire(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    this.retiredCpuMs += usedCpuMs(slot);
    slot.baseUsage = slot.lastUsage = null;
    if (this.slots.get(slot.lane) === slot) this.slots.delete(slot.lane);
    const exit = slot.worker.terminate().catch(() => undefined);
    this.exits.add(exit);
    void exit.then(() => this.exits.delete(exit));
  }
}

function usedCpuMs(slot: Slot): number {
  if (!slot.baseUsage || !slot.lastUsage) return 0;
  const user = slot.lastUsage.cpuUserUs - slot.baseUsage.cpuUserUs;
  const system = slot.lastUsage.cpuSystemUs - slot.baseUsage.cpuSystemUs;
  return (user + system) / 1000;
}
