/** What building any model's executor, or asking whether it can run, needs besides the pool settings. */
import type { ScenarioId } from '../../../shared/scenarios';
import type { DistributedSettings } from './distributed/distributed-settings';
import type { HostScripts } from './host-scripts';
import type { ProcessSpawner } from './process-spawner';

/**
 * What a model's availability may depend on besides the machine: the build's scripts (the Python
 * harness), the programs the user named, and the broker settings.
 */
export interface ProbeContext {
  readonly hostScripts: HostScripts;
  /**
   * The Python interpreter the user named (`--python PATH`, CONCURRENCY_LAB_PYTHON): the Python
   * models use only it. When absent they use python3, then python, from PATH.
   */
  readonly python?: string;
  /** The distributed model's broker (the CLI's --server, the app's cluster panel); a private one when absent. */
  readonly distributed?: DistributedSettings;
}

/** The engine's set-up in this process, as executor factories see it. */
export interface ExecutorEnvironment extends ProbeContext {
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
  /** The scenario of the run, when there is one: the "10 files" scenarios run Python's classic FileProcessor. */
  readonly scenario?: ScenarioId;
  /** Why this run's tasks must stay on this machine (its scenario says so), for models that could send them away. */
  readonly stayLocal?: string | null;
}
