/** What the engine needs from a scenario: build the tasks once, check every answer, clean up. */
import type { ScenarioId } from '../../../shared/scenarios';
import type { TaskList } from '../../../workers/protocol/executor';
import type { HostScripts } from '../models/host-scripts';
import type { ProcessSpawner } from '../models/process-spawner';

/** What a scenario may use while preparing. */
export interface ScenarioContext {
  /** A fresh folder for generated files; the engine deletes it after the run. */
  readonly tempDir: string;
  readonly spawner: ProcessSpawner;
  readonly hostScripts: HostScripts;
  readonly signal: AbortSignal;
  /** Progress of a long preparation, in words ("generating 10 files"). */
  readonly report: (message: string) => void;
}

/** The verdict on one task's output. */
export type TaskCheck =
  /** Correct. `digest` is compared across models; `tally` adds up into the run's answer. */
  | { readonly ok: true; readonly digest: string; readonly tally: bigint }
  | { readonly ok: false; readonly problem: string };

/** A scenario ready to run: the same tasks for every model. */
export interface PreparedScenario {
  readonly tasks: TaskList;
  /** Values derived from the knobs on this machine (file sizes, ranges), reported with the results. */
  readonly derived: Readonly<Record<string, number | string>>;
  /** Checks one task's output against what it must be. */
  check(task: number, output: unknown): TaskCheck;
  /** Whether a task is meant to fail (an injected server failure); such failures are not errors of the model. */
  expectsFailure?(task: number): boolean;
  /** The answer in words from the summed tallies of `completed` correct tasks. */
  answer(tally: bigint, completed: number): string;
  /**
   * Checks, after a model ran, the services its tasks depend on (the latency server): says in one
   * sentence what went wrong while the model ran, or null, and restarts what died when `more`
   * models follow (their tasks may then change: read `tasks` again).
   */
  afterModel?(model: string, more: boolean): Promise<string | null>;
  /** Stops servers and removes what prepare() made. */
  dispose(): Promise<void>;
}

/** A scenario's engine side. */
export interface ScenarioRunner {
  readonly id: ScenarioId;
  prepare(params: Readonly<Record<string, number>>, ctx: ScenarioContext): Promise<PreparedScenario>;
}

/** Reads a field of an output object the workload returned (outputs are untyped across the message boundary). */
export function field(output: unknown, key: string): unknown {
  return output !== null && typeof output === 'object' ? (output as Record<string, unknown>)[key] : undefined;
}
