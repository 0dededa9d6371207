/** Checks one model's answers: each task against the scenario's expectation, and against the first model that did it. */
import type { ModelId } from '../../../shared/models';
import type { CheckSummary } from '../../../shared/results';
import type { PreparedScenario } from '../scenarios/scenario';

/** The answers of earlier models in the same run, by task. */
export class ReferenceAnswers {
  private readonly digests: (string | undefined)[] = [];
  private readonly owners: (ModelId | undefined)[] = [];

  /** The first answer recorded for a task, and which model gave it. */
  get(task: number): { digest: string; model: ModelId } | undefined {
    const digest = this.digests[task];
    return digest === undefined ? undefined : { digest, model: this.owners[task]! };
  }

  /** Records an answer if the task has none yet. */
  offer(task: number, digest: string, model: ModelId): void {
    if (this.digests[task] !== undefined) return;
    this.digests[task] = digest;
    this.owners[task] = model;
  }
}

/** Accumulates the verdict on one model's outputs as they arrive. */
export class AnswerChecker {
  private tally = 0n;
  private correct = 0;
  private problem: string | null = null;
  private injected = 0;

  constructor(
    private readonly model: ModelId,
    private readonly scenario: PreparedScenario,
    private readonly references: ReferenceAnswers,
  ) {}

  /** A task finished with this output. */
  finished(task: number, output: unknown): void {
    const verdict = this.scenario.check(task, output);
    if (!verdict.ok) {
      this.problem ??= verdict.problem;
      return;
    }
    const reference = this.references.get(task);
    if (reference && reference.digest !== verdict.digest) {
      this.problem ??= `task ${task}: answer ${verdict.digest} differs from ${reference.model}'s ${reference.digest}`;
      return;
    }
    this.references.offer(task, verdict.digest, this.model);
    this.tally += verdict.tally;
    this.correct++;
  }

  /** A task failed; failures the server was told to inject are counted apart. */
  failed(task: number): void {
    if (this.scenario.expectsFailure?.(task)) this.injected++;
  }

  /** Failures that were injected on purpose. */
  get injectedFailures(): number {
    return this.injected;
  }

  /** The verdict so far. */
  summary(): CheckSummary {
    const answer = this.scenario.answer(this.tally, this.correct);
    if (this.problem) return { ok: false, answer, problem: this.problem };
    return { ok: this.correct > 0 ? true : null, answer };
  }
}
