/** What the engine needs of one model: how to build its executor and, where something must be installed, whether it can run. */
import type { ModelAvailability } from '../../../shared/models';
import type { ResolvedPool } from '../../../shared/pool';
import type { Executor, TaskList } from '../../../workers/protocol/executor';
import type { ExecutorEnvironment, ProbeContext } from './executor-environment';

/** How the engine runs one model. */
export interface ModelEngine {
  /** Builds the model's executor for one run. */
  readonly createExecutor: (pool: ResolvedPool, env: ExecutorEnvironment) => Executor;
  /**
   * Finds out whether the model can run on this machine with this setup (is python3 on PATH, or the
   * interpreter --python names?); absent when it always can. Asked once per setup: the answer is cached.
   */
  readonly probe?: (setup: ProbeContext) => Promise<ModelAvailability>;
  /**
   * Measures, before a run, how long the model will take on its tasks, when that is worth telling
   * (CPython computes many times slower than Node); absent, or null, when there is nothing to say.
   */
  readonly forecast?: (input: ForecastInput) => Promise<EngineForecast | null>;
}

/** What a model's forecast may look at: the run's tasks and settings, before any model starts. */
export interface ForecastInput {
  readonly tasks: TaskList;
  readonly pool: ResolvedPool;
  readonly cores: number;
  readonly env: ExecutorEnvironment;
  readonly signal: AbortSignal;
}

/** A model's expected wall time, and what it rests on in words (shared by the models one measurement covers). */
export interface EngineForecast {
  readonly expectedMs: number;
  readonly basis: string;
}

/** Every model's engine part, by id: one missing fails to compile. */
export type ModelEngines<Id extends string> = { readonly [K in Id]: ModelEngine };
