/**
 * The engine's half of the model registry: how each model's executor is built and, for a model that
 * needs something installed (python3, nats-server), how to find out whether it can run here. Typed
 * over every ModelId, so a model registered in shared/models.ts without its executor does not compile.
 */
import type { ModelId } from '../../../shared/models';
import type { ResolvedPool } from '../../../shared/pool';
import { AsyncExecutor } from '../../../workers/calling-thread/async-executor';
import { SequentialExecutor } from '../../../workers/calling-thread/sequential-executor';
import { DedicatedThreadExecutor } from './dedicated-thread-executor';
import { createDistributedExecutor, probeDistributed } from './distributed/distributed-model';
import type { ExecutorEnvironment } from './executor-environment';
import type { ModelEngine, ModelEngines } from './model-engine';
import { GilThreadPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor } from './pool-executors';
import { PYTHON_ENGINES } from './python/python-engines';

export type { ModelEngine, ModelEngines } from './model-engine';

function common(pool: ResolvedPool, env: ExecutorEnvironment) {
  return { taskTimeoutMs: pool.taskTimeoutMs, memoryMb: env.workerMemoryMb };
}

/** A calling-thread model: on this thread (the CLI), or hosted on one dedicated worker thread. */
function callingThread(model: 'sequential' | 'async'): ModelEngine['createExecutor'] {
  return (pool, env) => {
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
  };
}

/** The engine parts of the registered models. */
export const MODEL_ENGINES: ModelEngines<ModelId> = {
  sequential: { createExecutor: callingThread('sequential') },
  async: { createExecutor: callingThread('async') },
  threads: {
    createExecutor: (pool, env) =>
      new ThreadPoolExecutor(env.hostScripts.threadHost, { ...common(pool, env), size: pool.threads }),
  },
  'gil-threads': {
    createExecutor: (pool, env) =>
      new GilThreadPoolExecutor(env.hostScripts.threadHost, {
        ...common(pool, env),
        size: pool.threads,
        switchIntervalMs: pool.switchIntervalMs,
      }),
  },
  processes: {
    createExecutor: (pool, env) =>
      new ProcessPoolExecutor(env.hostScripts.processHost, env.spawner, {
        ...common(pool, env),
        size: pool.processes,
      }),
  },
  distributed: {
    createExecutor: createDistributedExecutor,
    probe: (context) => probeDistributed(context.distributed),
  },
  ...PYTHON_ENGINES,
};
