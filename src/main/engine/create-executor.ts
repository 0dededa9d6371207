/** Builds the executor of a model from the resolved pool settings. */
import type { ModelId } from '../../shared/models';
import type { ResolvedPool } from '../../shared/results';
import { AsyncExecutor } from './async-executor';
import type { Executor } from './executor';
import type { HostScripts } from './host-scripts';
import { GilThreadPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor } from './pool-executors';
import type { ProcessSpawner } from './process-spawner';
import { SequentialExecutor } from './sequential-executor';

/** What building an executor needs besides the pool settings. */
export interface ExecutorEnvironment {
  readonly hostScripts: HostScripts;
  readonly spawner: ProcessSpawner;
  /** See InlineContextOptions.yieldEveryMs. */
  readonly callingThreadYieldMs: number;
  /** Heap limit of each pool thread or process, when set. */
  readonly workerMemoryMb?: number;
}

/** The executor of one model. */
export function createExecutor(model: ModelId, pool: ResolvedPool, env: ExecutorEnvironment): Executor {
  const common = { taskTimeoutMs: pool.taskTimeoutMs, memoryMb: env.workerMemoryMb };
  switch (model) {
    case 'sequential':
      return new SequentialExecutor({ yieldEveryMs: env.callingThreadYieldMs });
    case 'async':
      return new AsyncExecutor({ yieldEveryMs: env.callingThreadYieldMs, concurrency: pool.concurrency });
    case 'threads':
      return new ThreadPoolExecutor(env.hostScripts.threadHost, { ...common, size: pool.threads });
    case 'gil-threads':
      return new GilThreadPoolExecutor(env.hostScripts.threadHost, {
        ...common,
        size: pool.threads,
        switchIntervalMs: pool.switchIntervalMs,
      });
    case 'processes':
      return new ProcessPoolExecutor(env.hostScripts.processHost, env.spawner, {
        ...common,
        size: pool.processes,
      });
  }
}
