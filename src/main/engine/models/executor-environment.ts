/** What building any model's executor needs besides the pool settings. */
import type { DistributedSettings } from './distributed/distributed-settings';
import type { HostScripts } from './host-scripts';
import type { ProcessSpawner } from './process-spawner';

/** The engine's set-up in this process, as executor factories see it. */
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
  /** The distributed model's broker (the CLI's --server, the app's cluster panel); a private one when absent. */
  readonly distributed?: DistributedSettings;
  /** Why this run's tasks must stay on this machine (its scenario says so), for models that could send them away. */
  readonly stayLocal?: string | null;
}

/** What a model's availability may depend on besides the machine: the broker settings. */
export type ProbeContext = Pick<ExecutorEnvironment, 'distributed'>;
