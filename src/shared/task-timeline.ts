/**
 * One model's settled tasks, in task order, kept as columns: a 100,000-task run has half a million
 * task records over its models, and as objects they were the serving process's largest load on its
 * garbage collector while the run went on (bench (e)). Its JSON form is the array of records that
 * runs have always been stored and exported with, so the history and exports read it unchanged.
 */

/** One task as it ran: times in ms since the model's first task was queued. */
export interface TaskRecord {
  readonly task: number;
  readonly lane: number;
  readonly queuedAt: number;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
}

/** A timeline's columns, all of the same length. */
export interface TaskTimelineColumns {
  readonly task: Int32Array;
  readonly lane: Int32Array;
  /** ms since the model's first task was queued. */
  readonly queuedAt: Float64Array;
  readonly startedAt: Float64Array;
  readonly endedAt: Float64Array;
  /** 1 if the task completed, 0 if it failed. */
  readonly ok: Uint8Array;
}

/** Settled tasks as columns, read as records one at a time or in slices. */
export class TaskTimeline implements TaskTimelineColumns, Iterable<TaskRecord> {
  readonly task: Int32Array;
  readonly lane: Int32Array;
  readonly queuedAt: Float64Array;
  readonly startedAt: Float64Array;
  readonly endedAt: Float64Array;
  readonly ok: Uint8Array;

  constructor(columns: TaskTimelineColumns) {
    const { length } = columns.task;
    const others = [columns.lane, columns.queuedAt, columns.startedAt, columns.endedAt, columns.ok];
    if (others.some((column) => column.length !== length))
      throw new Error('a task timeline needs columns of one length');
    ({
      task: this.task,
      lane: this.lane,
      queuedAt: this.queuedAt,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      ok: this.ok,
    } = columns);
  }

  /** A timeline of these records, in the order given. */
  static of(records: readonly TaskRecord[]): TaskTimeline {
    const timeline = TaskTimeline.sized(records.length);
    records.forEach((record, i) => timeline.put(i, record));
    return timeline;
  }

  /** A timeline of `length` tasks, every field zero, for put() to fill. */
  static sized(length: number): TaskTimeline {
    return new TaskTimeline({
      task: new Int32Array(length),
      lane: new Int32Array(length),
      queuedAt: new Float64Array(length),
      startedAt: new Float64Array(length),
      endedAt: new Float64Array(length),
      ok: new Uint8Array(length),
    });
  }

  get length(): number {
    return this.task.length;
  }

  /** Writes the i-th task (only while building a timeline). */
  put(i: number, record: TaskRecord): void {
    this.task[i] = record.task;
    this.lane[i] = record.lane;
    this.queuedAt[i] = record.queuedAt;
    this.startedAt[i] = record.startedAt;
    this.endedAt[i] = record.endedAt;
    this.ok[i] = record.ok ? 1 : 0;
  }

  /** The i-th task as a record. */
  at(i: number): TaskRecord {
    return {
      task: this.task[i]!,
      lane: this.lane[i]!,
      queuedAt: this.queuedAt[i]!,
      startedAt: this.startedAt[i]!,
      endedAt: this.endedAt[i]!,
      ok: this.ok[i] === 1,
    };
  }

  /** Tasks `from` to `to` (exclusive) as records. */
  slice(from = 0, to = this.length): TaskRecord[] {
    const end = Math.min(to, this.length);
    const list: TaskRecord[] = [];
    for (let i = Math.max(0, from); i < end; i++) list.push(this.at(i));
    return list;
  }

  *[Symbol.iterator](): Iterator<TaskRecord> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** The array of records that runs are stored and exported with. */
  toJSON(): TaskRecord[] {
    return this.slice();
  }
}
