/**
 * "What to notice", checked against the measurement: the claim every lesson's list is made of, and
 * the claims of a race of the models (the lessons that race them). Every claim is evaluated on the
 * numbers of the run it describes; one the numbers contradict is shown as contradicted — with the
 * numbers — never as if it held. Each engine lesson's own claims are in its module (lessons/<id>.ts).
 */
import type { ModelSummary, RunSummary } from './views';
import type { ModelId } from './models';
import { scenarioInfo } from './scenarios';

/** One thing to notice, and whether this run shows it. */
export interface Claim {
  readonly text: string;
  /** The model the claim is about, so a lesson can leave out models it never runs; null or absent when it is about no single model. */
  readonly model?: ModelId | null;
  /** true: the measurement shows it; false: it contradicts it; null: this run cannot tell (model not run, one core). */
  readonly holds: boolean | null;
  /** The numbers behind the verdict, in words. */
  readonly evidence: string;
}

function x(value: number): string {
  return `${value.toFixed(value >= 10 ? 0 : 1)}×`;
}

/** What the race claims read of a run: a RunSummary, or a whole RunResult. */
export interface ClaimedRun {
  readonly scenario: RunSummary['scenario'];
  readonly params: RunSummary['params'];
  readonly pool: RunSummary['pool'];
  readonly machine: Pick<RunSummary['machine'], 'cores'>;
  readonly results: readonly Pick<ModelSummary, 'model' | 'state' | 'check' | 'speedup'>[];
}

function clean(run: ClaimedRun, model: ModelId): ClaimedRun['results'][number] | undefined {
  const result = run.results.find((r) => r.model === model);
  return result && result.state === 'done' && result.check.ok !== false && result.speedup !== null
    ? result
    : undefined;
}

/** A claim about a model's speedup: shows when the model and sequential both ran cleanly. */
function speedupClaim(
  run: ClaimedRun,
  model: ModelId,
  text: string,
  test: (speedup: number) => boolean,
): Claim {
  const result = clean(run, model);
  if (!result)
    return {
      text,
      model,
      holds: null,
      evidence: `${model} and sequential did not both run cleanly in this run`,
    };
  return {
    text,
    model,
    holds: test(result.speedup!),
    evidence: `${model} ran ${x(result.speedup!)} faster than sequential`,
  };
}

/** What a race of the models on a scenario should show, by whether its work waits or computes. */
export function raceClaims(run: ClaimedRun): Claim[] {
  const tasks = run.params.tasks ?? 1;
  const cores = run.machine.cores;
  const { threads, processes, concurrency } = run.pool;
  const overlap = (slots: number): number => Math.min(tasks, slots);
  if (scenarioInfo(run.scenario).kind === 'io') {
    return [
      speedupClaim(
        run,
        'async',
        `async overlaps the waits on one thread: up to ${x(overlap(concurrency ?? tasks))} faster`,
        (s) => s >= 0.6 * overlap(concurrency ?? tasks),
      ),
      speedupClaim(
        run,
        'threads',
        `${threads} threads overlap ${overlap(threads)} waits at a time`,
        (s) => s >= 0.6 * overlap(threads),
      ),
      speedupClaim(
        run,
        'gil-threads',
        'the GIL does not stop waits from overlapping: gil-threads keep up with threads',
        (s) => {
          const t = clean(run, 'threads')?.speedup;
          return t === undefined || t === null ? s >= 0.6 * overlap(threads) : s >= 0.6 * t;
        },
      ),
      speedupClaim(
        run,
        'processes',
        `${processes} processes overlap ${overlap(processes)} waits at a time`,
        (s) => s >= 0.6 * overlap(processes),
      ),
    ];
  }
  const parallel = (slots: number): number => Math.min(tasks, slots, cores);
  const multiCore = (claim: Claim): Claim =>
    cores < 2 ? { ...claim, holds: null, evidence: `${claim.evidence}; this machine has one core` } : claim;
  return [
    speedupClaim(run, 'async', 'async does not speed up computing: one thread, one core', (s) => s <= 1.3),
    multiCore(
      speedupClaim(
        run,
        'threads',
        `threads compute in parallel on up to ${parallel(threads)} cores (JavaScript has no GIL)`,
        (s) => s >= 0.6 * parallel(threads),
      ),
    ),
    speedupClaim(
      run,
      'gil-threads',
      'under the GIL, threads take turns: no speedup for computing',
      (s) => s <= 1.3,
    ),
    multiCore(
      speedupClaim(
        run,
        'processes',
        `processes compute in parallel on up to ${parallel(processes)} cores`,
        (s) => s >= 0.6 * parallel(processes),
      ),
    ),
  ];
}
