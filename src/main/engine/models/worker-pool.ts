/**
 * A pool of task hosts (worker threads or processes), one task per worker at a time, FIFO. A worker
 * that dies mid-task fails that task and is replaced; a task past its timeout fails and its worker is
 * replaced; a worker that dies (or hangs) while starting is replaced, up to MAX_START_ATTEMPTS in a
 * row per lane, after which the lane is given up — and once no lane is left, every task still waiting
 * fails. So every task ends completed or failed, never missing, never twice. An abort terminates every worker.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { epochNow } from '../../../shared/clock';
import type { HostResponse, HostUsage } from '../../../workers/protocol/host-messages';
import type { PoolWorker, PoolWorkerEvents, PoolWorkerFactory } from './pool-worker';
import { CancelledError } from '../errors';
import type { ChildUsage, TaskEventListener, TaskList } from '../../../workers/protocol/executor';

// Where lessons and executors have always found them.
export type { PoolWorker, PoolWorkerEvents, PoolWorkerFactory } from './pool-worker';

/** Pool settings. */
export interface WorkerPoolOptions {
  readonly size: number;
  readonly taskTimeoutMs: number | null;
  /** How long a worker may take to start before the pool gives up on it. */
  readonly startTimeoutMs?: number;
}

/** Failed starts in a row after which a lane is given up: a worker that cannot start is not retried forever. */
export const MAX_START_ATTEMPTS = 3;

interface Slot {
  readonly lane: number;
  readonly worker: PoolWorker;
  /** Which start in a row of this lane this worker is (1 after a worker of the lane was ready). */
  readonly attempt: number;
  ready: boolean;
  task: number | null;
  /** When the current task was sent: its start, as far as the pool knows, if the worker dies with it. */
  dispatchedAt: number;
  timer: NodeJS.Timeout | null;
  baseUsage: HostUsage | null;
  lastUsage: HostUsage | null;
}

interface RunState {
  readonly tasks: TaskList;
  readonly listener: TaskEventListener;
  next: number;
  settled: number;
  readonly resolve: () => void;
}

/** Runs tasks on a fixed number of workers created by a factory. */
export class WorkerPool {
  private readonly slots = new Map<number, Slot>();
  private run: RunState | null = null;
  private closed = false;
  private retiredCpuMs = 0;
  private readonly exits = new Set<Promise<void>>();
  /** Why the last lane given up was, for tasks that then find no worker. */
  private givenUp: string | null = null;
  /** While start() waits: settles it once every lane is ready, or one lane was given up. */
  private startup: { readonly resolve: () => void; readonly reject: (error: Error) => void } | null = null;

  constructor(
    private readonly factory: PoolWorkerFactory,
    private readonly options: WorkerPoolOptions,
  ) {}

  /**
   * Starts every worker; resolves when all are ready. A worker that dies while starting is replaced;
   * a lane whose workers fail MAX_START_ATTEMPTS times in a row rejects it (and stops the others).
   */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve, reject) => (this.startup = { resolve, reject }));
    // Settled while the lanes below are still being started: handled by the await further down.
    ready.catch(() => undefined);
    for (let lane = 0; lane < this.options.size && !this.closed; lane++) {
      // Each lane's start is a turn of its own: spawning a process holds the calling thread several
      // milliseconds (bench (e), profiled: two spawns and a model's notes were one 36 ms turn).
      if (lane > 0) await nextTurn();
      if (!this.closed) this.spawn(lane, 1);
    }
    try {
      await ready;
    } catch (error) {
      await this.close();
      throw error;
    } finally {
      this.startup = null;
    }
  }

  /** How many lanes have a worker (ready or starting): the pool's size unless lanes were given up. */
  liveLanes(): number {
    return this.slots.size;
  }

  /** Labels of the lanes, in lane order. */
  laneLabels(): string[] {
    return [...this.slots.values()].sort((a, b) => a.lane - b.lane).map((slot) => slot.worker.label);
  }

  /** Runs every task; see Executor.run. */
  runTasks(tasks: TaskList, listener: TaskEventListener, signal: AbortSignal): Promise<void> {
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
      };
      for (const slot of this.slots.values()) this.dispatch(slot);
      // Every lane was given up before this run: nothing would ever take its tasks.
      if (this.slots.size === 0)
        this.failWaiting(0, `not run: ${this.givenUp ?? 'the pool has no worker left'}`);
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
    this.startup?.reject(new CancelledError());
    for (const slot of [...this.slots.values()]) this.retire(slot);
    await Promise.all([...this.exits]);
  }

  private spawn(lane: number, attempt: number): Slot {
    const startTimeoutMs = this.options.startTimeoutMs ?? 30_000;
    // Callbacks below run only after `slot` is assigned: workers report asynchronously.
    // Held in the slot's timer until it is ready, so retiring the slot also clears it.
    const startTimer = setTimeout(() => {
      if (this.slots.get(lane) !== slot || slot.ready) return;
      this.onStartFailure(slot, `did not start within ${startTimeoutMs} ms`);
    }, startTimeoutMs);
    const events: PoolWorkerEvents = {
      response: (message) => {
        if (this.slots.get(lane) !== slot) return;
        if (message.type === 'ready') {
          clearTimeout(startTimer);
          slot.timer = null;
          slot.ready = true;
          slot.baseUsage = message.usage ?? null;
          slot.lastUsage = message.usage ?? null;
          this.checkStarted();
          this.dispatch(slot);
        } else if (message.type === 'result') {
          this.finish(slot, message);
        }
      },
      exit: (reason) => {
        if (this.slots.get(lane) !== slot) return;
        clearTimeout(startTimer);
        if (slot.ready) this.onWorkerExit(slot, reason);
        else this.onStartFailure(slot, reason);
      },
    };
    const slot: Slot = {
      lane,
      worker: this.factory(lane, events),
      attempt,
      ready: false,
      task: null,
      dispatchedAt: 0,
      timer: startTimer,
      baseUsage: null,
      lastUsage: null,
    };
    this.slots.set(lane, slot);
    return slot;
  }

  /** Resolves start() once every lane has a ready worker. */
  private checkStarted(): void {
    if (!this.startup || this.slots.size < this.options.size) return;
    for (const slot of this.slots.values()) if (!slot.ready) return;
    this.startup.resolve();
  }

  private dispatch(slot: Slot): void {
    const run = this.run;
    if (!run || !slot.ready || slot.task !== null || this.slots.get(slot.lane) !== slot) return;
    if (run.next >= run.tasks.length) return;
    const task = run.next++;
    const spec = run.tasks.at(task)!;
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

  private onWorkerExit(slot: Slot, reason: string): void {
    this.failTask(slot, `${slot.worker.label} ${reason}`);
    this.replace(slot);
  }

  /** A worker died or hung before it was ready: try its lane again, or give the lane up. */
  private onStartFailure(slot: Slot, reason: string): void {
    this.retire(slot);
    if (this.closed) return;
    if (slot.attempt < MAX_START_ATTEMPTS) {
      const fresh = this.spawn(slot.lane, slot.attempt + 1);
      this.run?.listener({ type: 'lane', lane: { index: slot.lane, label: fresh.worker.label } });
      return;
    }
    const problem = `${slot.worker.label} failed to start ${MAX_START_ATTEMPTS} times in a row (last: ${reason})`;
    this.givenUp = problem;
    if (this.startup) return this.startup.reject(new Error(problem));
    // The other lanes carry on; with none left, the waiting tasks would never run: they fail.
    if (this.slots.size === 0) this.failWaiting(slot.lane, `not run: ${problem}`);
  }

  /** Fails every task not yet dispatched, on `lane`, so that none goes missing. */
  private failWaiting(lane: number, error: string): void {
    const run = this.run;
    if (!run) return;
    while (this.run === run && run.next < run.tasks.length) {
      const task = run.next++;
      const at = epochNow();
      run.listener({ type: 'failed', task, lane, startedAt: at, endedAt: at, error });
      this.settleOne(run);
    }
  }

  private onTimeout(slot: Slot, task: number, timeoutMs: number): void {
    if (this.slots.get(slot.lane) !== slot || slot.task !== task) return;
    this.failTask(slot, `timed out after ${timeoutMs} ms; ${slot.worker.label} was stopped and replaced`);
    this.replace(slot);
  }

  /** Ends a worker that was ready and starts a new one on the same lane, announcing the new label. */
  private replace(slot: Slot): void {
    this.retire(slot);
    if (this.closed) return;
    const fresh = this.spawn(slot.lane, 1);
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
