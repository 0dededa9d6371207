/** Builds the executor of a model from the resolved pool settings. */
import type { ModelId } from '../../../shared/models';
import type { ResolvedPool } from '../../../shared/results';
import { AsyncExecutor } from '../../../workers/calling-thread/async-executor';
import { DedicatedThreadExecutor } from './dedicated-thread-executor';
import type { Executor } from '../../../workers/protocol/executor';
import type { HostScripts } from './host-scripts';
import { GilThreadPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor } from './pool-executors';
import type { ProcessSpawner } from './process-spawner';
import { SequentialExecutor } from '../../../workers/calling-thread/sequential-executor';

/** What building an executor needs besides the pool settings. */
export interface ExecutorEnvironment {
  readonly hostScripts: HostScripts;
  readonly spawner: ProcessSpawner;
  /** See InlineContextOptions.yieldEveryMs. */
  readonly callingThreadYieldMs: number;
  /** Heap limit of each pool thread or process, when set. */
  readonly workerMemoryMb?: number;
  /**
   * Where sequential and async run: on the calling thread (the CLI: it is the lesson), or on one
   * dedicated worker thread (the app and browser mode: their main thread must never block).
   */
  readonly callingThread: 'inline' | 'dedicated';
}

/** The executor of one model. */
export function createExecutor(model: ModelId, pool: ResolvedPool, env: ExecutorEnvironment): Executor {
  const common = { taskTimeoutMs: pool.taskTimeoutMs, memoryMb: env.workerMemoryMb };
  switch (model) {
    case 'sequential':
    case 'async':
      if (env.callingThread === 'dedicated') {
        return new DedicatedThreadExecutor(env.hostScripts.loopThreadHost, {
          model,
          concurrency: pool.concurrency,
          yieldEveryMs: env.callingThreadYieldMs,
        });
      }
      return model === 'sequential'
        ? new SequentialExecutor({ yieldEveryMs: env.callingThreadYieldMs })
        : new AsyncExecutor({ yieldEveryMs: env.callingThreadYieldMs, concurrency: pool.concurrency });
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
