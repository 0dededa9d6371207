/** Checks one model's answers: each task against the scenario's expectation, and against the first model that did it. */
import { MODEL_IDS, type ModelId } from '../../../shared/models';
import type { CheckSummary } from '../../../shared/results';
import type { PreparedScenario } from '../scenarios/scenario';
import { TextColumn } from '../recording/text-column';

/**
 * The answers of earlier models in the same run, by task: packed into one text column and one byte
 * per task, because a 100,000-task run keeps every answer until its last model ends, and 100,000
 * strings in an array would be objects for every garbage collection of the serving process to mark.
 */
export class ReferenceAnswers {
  private readonly digests: TextColumn;
  /** The index in MODEL_IDS of the model that gave each task's answer, plus 1; 0 while none has. */
  private readonly owners: Uint8Array;

  /** Answers for tasks 0 to `total - 1`; other tasks are never kept. */
  constructor(total: number) {
    this.digests = new TextColumn(total);
    this.owners = new Uint8Array(total);
  }

  /** The first answer recorded for a task, and which model gave it. */
  get(task: number): { digest: string; model: ModelId } | undefined {
    const owner = this.owners[task];
    if (!owner) return undefined;
    return { digest: this.digests.get(task)!, model: MODEL_IDS[owner - 1]! };
  }

  /** Records an answer if the task has none yet. */
  offer(task: number, digest: string, model: ModelId): void {
    if (!(task >= 0 && task < this.owners.length) || this.owners[task]) return;
    this.digests.set(task, digest);
    this.owners[task] = MODEL_IDS.indexOf(model) + 1;
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
