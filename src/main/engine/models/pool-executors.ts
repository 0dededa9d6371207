/** The pooled models: `threads` and `gil-threads` (worker threads) and `processes` (OS processes). */
import type { ModelId } from '../../../shared/models';
import { createGilBuffer, setSwitchInterval } from '../../../workers/protocol/gil-memory';
import type { ChildUsage, Executor, TaskEventListener, TaskList } from '../../../workers/protocol/executor';
import { processWorkerFactory, threadWorkerFactory } from './pool-workers';
import type { ProcessSpawner } from './process-spawner';
import { WorkerPool, type PoolWorkerFactory } from './worker-pool';

/** Common settings of the pooled executors. */
export interface PoolExecutorOptions {
  readonly size: number;
  readonly taskTimeoutMs: number | null;
  readonly memoryMb?: number;
}

/** An executor backed by a WorkerPool. */
abstract class PoolExecutor implements Executor {
  abstract readonly model: ModelId;
  abstract readonly placement: string;
  readonly workers: number;
  private readonly pool: WorkerPool;

  protected constructor(factory: PoolWorkerFactory, options: PoolExecutorOptions) {
    this.workers = options.size;
    this.pool = new WorkerPool(factory, { size: options.size, taskTimeoutMs: options.taskTimeoutMs });
  }

  start(): Promise<void> {
    return this.pool.start();
  }

  run(tasks: TaskList, listener: TaskEventListener, signal: AbortSignal): Promise<void> {
    this.pool.laneLabels().forEach((label, index) => listener({ type: 'lane', lane: { index, label } }));
    return this.pool.runTasks(tasks, listener, signal);
  }

  childUsage(): ChildUsage {
    return this.pool.childUsage();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
}

/** `threads`: a pool of worker threads, like ThreadPoolExecutor, but without a GIL. */
export class ThreadPoolExecutor extends PoolExecutor {
  readonly model = 'threads';
  readonly placement: string;

  constructor(script: string, options: PoolExecutorOptions) {
    super(threadWorkerFactory({ script, memoryMb: options.memoryMb }), options);
    this.placement = plural(options.size, 'worker thread');
  }
}

/** `gil-threads`: the same pool, every thread running workload code only while it holds one simulated GIL. */
export class GilThreadPoolExecutor extends PoolExecutor {
  readonly model = 'gil-threads';
  readonly placement: string;
  private readonly gilBuffer: SharedArrayBuffer;

  constructor(script: string, options: PoolExecutorOptions & { readonly switchIntervalMs: number }) {
    const gilBuffer = createGilBuffer(options.switchIntervalMs);
    super(threadWorkerFactory({ script, memoryMb: options.memoryMb, gilBuffer }), options);
    this.gilBuffer = gilBuffer;
    this.placement = `${plural(options.size, 'worker thread')} sharing one GIL`;
  }

  setSwitchInterval(switchIntervalMs: number): void {
    setSwitchInterval(this.gilBuffer, switchIntervalMs);
  }
}

/** `processes`: a pool of OS processes, like multiprocessing.Pool. */
export class ProcessPoolExecutor extends PoolExecutor {
  readonly model = 'processes';
  readonly placement: string;

  constructor(script: string, spawner: ProcessSpawner, options: PoolExecutorOptions) {
    super(processWorkerFactory({ script, spawner, memoryMb: options.memoryMb }), options);
    this.placement = `${plural(options.size, spawner.kind === 'utilityProcess' ? 'utility process' : 'child process')}`;
  }
}
