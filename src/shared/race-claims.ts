/**
 * What a race of the models should show, by whether its work waits or computes: each model's
 * registry entry states its claims with the tolerance its words allow, and every claim is checked on
 * the model's measured speedup — unless the machine was busy, when none is judged.
 */
import { judgedOnBusyMachine, type Claim } from './claims';
import { describeTolerance, withinTolerance } from './claim-tolerance';
import { formatSpeedup } from './format';
import { busyMachine, type MachineLoad } from './machine-load';
import { MODEL_IDS, MODELS, type ModelId } from './models';
import type { ClaimContext } from './models/model-spec';
import { scenarioInfo } from './scenarios';
import type { ModelSummary, RunSummary } from './views';

/** What the race claims read of a run: a RunSummary, or a whole RunResult. */
export interface ClaimedRun {
  readonly scenario: RunSummary['scenario'];
  readonly params: RunSummary['params'];
  readonly pool: RunSummary['pool'];
  readonly machine: Pick<RunSummary['machine'], 'cores'>;
  readonly results: readonly Pick<ModelSummary, 'model' | 'state' | 'check' | 'speedup'>[];
  /** Other processes' load around the run; runs saved before it was measured have none. */
  readonly load?: MachineLoad;
}

/** A model's speedup when it finished with a right answer and a baseline to compare with. */
function cleanSpeedup(run: ClaimedRun, model: string): number | undefined {
  const result = run.results.find((r) => r.model === model);
  return result && result.state === 'done' && result.check.ok !== false && result.speedup !== null
    ? result.speedup
    : undefined;
}

/**
 * The race claims of a run, in registry order: one per model that has something to show for the
 * scenario's kind — a default model even when the run left it out ("cannot tell"), an opt-in one
 * (CPython, distributed) only when the run had it.
 */
export function raceClaims(run: ClaimedRun): Claim[] {
  const scenario = scenarioInfo(run.scenario);
  const context: ClaimContext = {
    tasks: run.params['tasks'] ?? 1,
    cores: run.machine.cores,
    pool: run.pool,
    scenario,
    speedupOf: (model) => cleanSpeedup(run, model),
  };
  const claims = MODEL_IDS.flatMap((model: ModelId): Claim[] => {
    const claimOf = MODELS[model].claims[scenario.kind];
    if (!claimOf) return [];
    // An opt-in model left out of the race has nothing to show in it; the others' claims stay, undecided.
    if (MODELS[model].defaultSelected === false && !run.results.some((result) => result.model === model))
      return [];
    const { text, expected, tolerance, multiCore, cause } = claimOf(context);
    const baseline = MODELS[model].baseline;
    const speedup = cleanSpeedup(run, model);
    const band = describeTolerance(expected, tolerance);
    const judged = { text, model, timed: true, tolerance: band };
    if (speedup === undefined)
      return [
        { ...judged, holds: null, evidence: `${model} and ${baseline} did not both run cleanly in this run` },
      ];
    // The table's rounding: a claim never reads a number differently from the row beside it.
    const evidence = `${model} ran ${formatSpeedup(speedup)} faster than ${baseline}`;
    if (multiCore && context.cores < 2)
      return [{ ...judged, holds: null, evidence: `${evidence}; this machine has one core` }];
    const holds = withinTolerance(speedup, expected, tolerance);
    return [{ ...judged, holds, evidence, ...(holds ? {} : { cause }) }];
  });
  return judgedOnBusyMachine(claims, busyMachine(run.load));
}
