/**
 * What the lab knows about each task of a distributed run: when it was published, its stream sequence,
 * the attempt in progress (which worker, which delivery), and whether it settled. Delivery is at least
 * once, so the first result settles a task and every later one is counted as a duplicate, never twice.
 */

/** One delivery of a task to a worker. */
export interface Attempt {
  readonly workerId: string;
  readonly lane: number;
  /** 1 for the first delivery, 2 for the first redelivery… */
  readonly delivery: number;
  /** On the lab's clock. */
  readonly startedAt: number;
}

/** What starting an attempt meant. */
export type AttemptStart =
  /** The notice repeats the attempt already known. */
  | { readonly kind: 'repeat' }
  /** A new attempt; `interrupted` is the earlier attempt it replaces, which ended without a result. */
  | { readonly kind: 'new'; readonly interrupted: Attempt | null };

/** Per-task bookkeeping of one run. */
export class TaskLedger {
  private readonly publishedAtByTask: Float64Array;
  private readonly settledFlags: Uint8Array;
  private readonly taskBySequence = new Map<number, number>();
  private readonly attempts = new Map<number, Attempt>();
  private settledCount = 0;
  private duplicateCount = 0;
  private redeliveryCount = 0;

  constructor(readonly total: number) {
    this.publishedAtByTask = new Float64Array(total);
    this.settledFlags = new Uint8Array(total);
  }

  /** Whether `task` is an index of this run. */
  has(task: number): boolean {
    return Number.isInteger(task) && task >= 0 && task < this.total;
  }

  /** The task was handed to the broker at `at` (lab clock). */
  published(task: number, at: number): void {
    this.publishedAtByTask[task] = at;
  }

  /** The stream stored the task under `sequence` (advisories name tasks by it). */
  stored(task: number, sequence: number): void {
    this.taskBySequence.set(sequence, task);
  }

  /** When the task was published (lab clock); no lane may start it earlier. */
  publishedAt(task: number): number {
    return this.publishedAtByTask[task]!;
  }

  /** The task stored under a stream sequence, if it is one of this run's. */
  taskAt(sequence: number): number | undefined {
    return this.taskBySequence.get(sequence);
  }

  /** A worker started a delivery of the task. */
  start(task: number, attempt: Attempt): AttemptStart {
    const current = this.attempts.get(task);
    if (current && current.workerId === attempt.workerId && current.delivery === attempt.delivery)
      return { kind: 'repeat' };
    if (attempt.delivery > 1) this.redeliveryCount++;
    this.attempts.set(task, attempt);
    return { kind: 'new', interrupted: current ?? null };
  }

  /** The attempt in progress, if any. */
  attempt(task: number): Attempt | undefined {
    return this.attempts.get(task);
  }

  /** Forgets the attempt in progress (its worker was lost) and returns it. */
  abandon(task: number): Attempt | undefined {
    const attempt = this.attempts.get(task);
    this.attempts.delete(task);
    return attempt;
  }

  /** Tasks whose attempt in progress is on this worker. */
  tasksOn(workerId: string): number[] {
    const tasks: number[] = [];
    for (const [task, attempt] of this.attempts) if (attempt.workerId === workerId) tasks.push(task);
    return tasks;
  }

  /** Settles a task; false when it had settled already (a duplicate result, ignored). */
  settle(task: number): boolean {
    if (this.settledFlags[task]) {
      this.duplicateCount++;
      return false;
    }
    this.settledFlags[task] = 1;
    this.settledCount++;
    this.attempts.delete(task);
    return true;
  }

  /** Whether a result for the task was already counted. */
  isSettled(task: number): boolean {
    return this.settledFlags[task] === 1;
  }

  /** Whether every task settled. */
  get done(): boolean {
    return this.settledCount === this.total;
  }

  get settled(): number {
    return this.settledCount;
  }

  /** Results that arrived for a task already settled (redelivered work done twice). */
  get duplicates(): number {
    return this.duplicateCount;
  }

  /** Deliveries after the first that a worker started. */
  get redeliveries(): number {
    return this.redeliveryCount;
  }
}
