/** What the engine needs of one model: how to build its executor and, where something must be installed, whether it can run. */
import type { ModelAvailability } from '../../../shared/models';
import type { ResolvedPool } from '../../../shared/pool';
import type { Executor } from '../../../workers/protocol/executor';
import type { ExecutorEnvironment, ModelSetup } from './executor-environment';

/** How the engine runs one model. */
export interface ModelEngine {
  /** Builds the model's executor for one run. */
  readonly createExecutor: (pool: ResolvedPool, env: ExecutorEnvironment) => Executor;
  /**
   * Finds out whether the model can run on this machine with this setup (is python3 on PATH, or the
   * interpreter --python names?); absent when it always can. Asked once per setup: the answer is cached.
   */
  readonly probe?: (setup: ModelSetup) => Promise<ModelAvailability>;
}

/** Every model's engine part, by id: one missing fails to compile. */
export type ModelEngines<Id extends string> = { readonly [K in Id]: ModelEngine };
