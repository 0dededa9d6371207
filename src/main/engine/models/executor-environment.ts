/** What building any model's executor, or asking whether it can run, needs besides the pool settings. */
import type { ScenarioId } from '../../../shared/scenarios';
import type { HostScripts } from './host-scripts';
import type { ProcessSpawner } from './process-spawner';

/** What a model's availability may depend on in this process: the build's scripts and the programs the user named. */
export interface ModelSetup {
  readonly hostScripts: HostScripts;
  /**
   * The Python interpreter the user named (`--python PATH`, CONCURRENCY_LAB_PYTHON): the Python
   * models use only it. When absent they use python3, then python, from PATH.
   */
  readonly python?: string;
}

/** The engine's set-up in this process, as executor factories see it. */
export interface ExecutorEnvironment extends ModelSetup {
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
}
